package io.takt.acquisition.simulator.opcua;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.KeyStoreCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator server's certificates on disk: its own key and self-signed certificate (made on
 * first start, kept in {@code server.pfx}), the client certificates it trusts
 * ({@code trusted/certs}, read again whenever the folder changes) and the ones it turned away
 * ({@code rejected}, to be moved into {@code trusted/certs} by whoever approves them).
 */
public final class ServerPki implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerPki.class);
    // The key store only guards a simulator's key in a directory its owner controls.
    private static final char[] KEY_STORE_PASSWORD = "takt-simulator".toCharArray();

    private final Path directory;
    private final FileBasedTrustListManager trustList;
    private final KeyStoreCertificateStore keyStore;
    private final CertificateManager certificateManager;
    private final X509Certificate certificate;

    private ServerPki(Path directory, FileBasedTrustListManager trustList, KeyStoreCertificateStore keyStore,
                      CertificateManager certificateManager, X509Certificate certificate) {
        this.directory = directory;
        this.trustList = trustList;
        this.keyStore = keyStore;
        this.certificateManager = certificateManager;
        this.certificate = certificate;
    }

    /**
     * Opens (or creates) the PKI directory. With {@code trustAllClients} every client certificate is
     * accepted: for tests only, never on a real network.
     */
    public static ServerPki open(Path directory, String applicationUri, String hostname, boolean trustAllClients)
            throws Exception {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            // Aes256_Sha256_RsaPss needs RSA-PSS signatures from Bouncy Castle.
            Security.addProvider(new BouncyCastleProvider());
        }
        Files.createDirectories(directory);
        FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(directory);
        FileBasedCertificateQuarantine quarantine = FileBasedCertificateQuarantine.create(directory.resolve("rejected"));
        KeyStoreCertificateStore keyStore = KeyStoreCertificateStore.createAndInitialize(
                new KeyStoreCertificateStore.Settings(directory.resolve("server.pfx"),
                        KEY_STORE_PASSWORD::clone, alias -> KEY_STORE_PASSWORD.clone()));
        CertificateValidator validator;
        if (trustAllClients) {
            LOG.warn("OPC UA simulator trusts EVERY client certificate (test-only setting)");
            validator = (chain, uri, hostnames) -> { };
        } else {
            validator = new DefaultServerCertificateValidator(trustList, quarantine);
        }
        DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(trustList, keyStore,
                new SelfSignedFactory(applicationUri, hostname), validator);
        X509Certificate certificate = group.getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
                .orElseThrow(() -> new IllegalStateException("No server certificate in " + directory))[0];
        return new ServerPki(directory, trustList, keyStore,
                new DefaultCertificateManager(quarantine, group), certificate);
    }

    public CertificateManager certificateManager() {
        return certificateManager;
    }

    /** The server's own certificate, for clients to trust. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Drop a client's DER-encoded certificate here to trust it. */
    public Path trustedCertificates() {
        return directory.resolve("trusted").resolve("certs");
    }

    /** Certificates of clients that were turned away. */
    public Path rejectedCertificates() {
        return directory.resolve("rejected");
    }

    @Override
    public void close() throws IOException {
        try {
            trustList.close();
        } finally {
            keyStore.close();
        }
    }

    /** Makes the server's self-signed certificate on first start. */
    private static final class SelfSignedFactory extends RsaSha256CertificateFactory {
        private final String applicationUri;
        private final String hostname;

        SelfSignedFactory(String applicationUri, String hostname) {
            this.applicationUri = applicationUri;
            this.hostname = hostname;
        }

        @Override
        protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
            SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("Takt Plant Simulator")
                    .setOrganization("Takt")
                    .setApplicationUri(applicationUri)
                    .addDnsName("localhost")
                    .addIpAddress("127.0.0.1");
            for (String name : List.of(hostname, HostnameUtil.getHostname())) {
                if (!name.equals("localhost") && !name.isBlank()) {
                    builder.addDnsName(name);
                }
            }
            LOG.info("Created self-signed OPC UA server certificate for {}", applicationUri);
            return new X509Certificate[] {builder.build()};
        }
    }
}
