package io.takt.acquisition.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Optional;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * Real Milo clients for the simulator ITs: each with its own self-signed certificate, trusting
 * only the simulator's certificate.
 */
final class SimulatorClients {

    static final String CLIENT_URI = "urn:takt:test:simulator-client";

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private SimulatorClients(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A client identity with a fresh key and self-signed certificate. */
    static SimulatorClients withNewCertificate() throws Exception {
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair)
                .setCommonName("Takt simulator IT client")
                .setApplicationUri(CLIENT_URI)
                .addDnsName("localhost")
                .build();
        return new SimulatorClients(keyPair, certificate);
    }

    /** Puts this client's certificate where the server looks for trusted ones (DER). */
    void trustIn(Path trustedCertificates) throws Exception {
        Files.createDirectories(trustedCertificates);
        Files.write(trustedCertificates.resolve("simulator-it-client.der"), certificate.getEncoded());
    }

    /** Connected over the None endpoint, anonymously. */
    OpcUaClient connectInsecure(String endpointUrl) throws Exception {
        return connect(endpointUrl, SecurityPolicy.None, MessageSecurityMode.None, new AnonymousProvider(), null);
    }

    OpcUaClient connect(String endpointUrl, SecurityPolicy policy, MessageSecurityMode mode,
                        IdentityProvider identity, X509Certificate serverCertificate) throws Exception {
        MemoryTrustListManager trusted = new MemoryTrustListManager();
        if (serverCertificate != null) {
            trusted.addTrustedCertificate(serverCertificate);
        }
        OpcUaClient client = OpcUaClient.create(endpointUrl,
                endpoints -> endpoints.stream()
                        .filter(e -> e.getSecurityPolicyUri().equals(policy.getUri()) && e.getSecurityMode() == mode)
                        .findFirst()
                        .or(Optional::empty),
                transport -> { },
                config -> config
                        .setApplicationName(LocalizedText.english("Takt simulator IT client"))
                        .setApplicationUri(CLIENT_URI)
                        .setKeyPair(keyPair)
                        .setCertificate(certificate)
                        .setCertificateChain(new X509Certificate[] {certificate})
                        .setCertificateValidator(new DefaultClientCertificateValidator(trusted,
                                new MemoryCertificateQuarantine()))
                        .setIdentityProvider(identity));
        try {
            client.connect();
            return client;
        } catch (Exception e) {
            client.disconnect();
            throw e;
        }
    }
}
