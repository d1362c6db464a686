package io.takt.acquisition.opcua;

import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;

/**
 * The security policies the gateway speaks. Deprecated policies (Basic128Rsa15, Basic256) are left
 * out on purpose: OPC UA Part 7 retired them, and a plant should not be talked into them.
 */
public enum OpcUaSecurityPolicy {
    /** No signing, no encryption: only with {@code allow-insecure=true} and an anonymous identity. */
    NONE(SecurityPolicy.None),
    BASIC256SHA256(SecurityPolicy.Basic256Sha256),
    AES128_SHA256_RSAOAEP(SecurityPolicy.Aes128_Sha256_RsaOaep),
    AES256_SHA256_RSAPSS(SecurityPolicy.Aes256_Sha256_RsaPss);

    private final SecurityPolicy milo;

    OpcUaSecurityPolicy(SecurityPolicy milo) {
        this.milo = milo;
    }

    /** Milo's constant for this policy. */
    public SecurityPolicy milo() {
        return milo;
    }

    /** The policy's URI, as endpoints advertise it. */
    public String uri() {
        return milo.getUri();
    }
}
