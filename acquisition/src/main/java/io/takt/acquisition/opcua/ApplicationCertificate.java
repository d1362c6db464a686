package io.takt.acquisition.opcua;

import io.takt.platform.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own OPC UA application instance certificate and key, created on first start in
 * {@code own/} of the PKI directory and reused afterwards, so that a server administrator trusts it
 * once.
 *
 * @param certificate the self-signed certificate, carrying the application URI
 * @param keyPair     its key pair
 * @param file        where the certificate lives, to hand to the server's administrator
 */
public record ApplicationCertificate(X509Certificate certificate, KeyPair keyPair, Path file) {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationCertificate.class);

    /** RSA 2048 is the smallest key every supported policy (including Aes256_Sha256_RsaPss) accepts. */
    private static final int KEY_BITS = 2048;

    private static final String FILE_STEM = "takt-gateway";

    /**
     * Loads the certificate from {@code own/}, or creates it when there is none. A certificate whose
     * URI differs from {@code applicationUri} is refused, not replaced: servers already trust it.
     */
    static ApplicationCertificate loadOrCreate(Path ownDirectory, String applicationName, String applicationUri)
            throws IOException {
        Path certFile = ownDirectory.resolve("certs").resolve(FILE_STEM + ".der");
        Path keyFile = ownDirectory.resolve("private").resolve(FILE_STEM + ".pem");
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            return load(certFile, keyFile, applicationUri);
        }
        return create(certFile, keyFile, applicationName, applicationUri);
    }

    /** The SHA-1 thumbprint, as colon-separated hex, the form UA tools show. */
    public String thumbprint() {
        return Thumbprint.of(certificate);
    }

    private static ApplicationCertificate load(Path certFile, Path keyFile, String applicationUri)
            throws IOException {
        X509Certificate certificate = KeyFiles.readCertificate(certFile);
        PrivateKey key = KeyFiles.readPrivateKey(keyFile);
        Optional<String> uri = CertificateUtil.getSanUri(certificate);
        if (uri.isEmpty() || !uri.get().equals(applicationUri)) {
            throw new ConfigException(List.of("application-uri '" + applicationUri
                    + "' differs from the URI " + uri.orElse("(none)") + " in the gateway's certificate " + certFile
                    + "; OPC UA requires them to be equal. Set application-uri to " + uri.orElse("the certificate's URI")
                    + ", or delete " + certFile.getParent().getParent()
                    + " to create a new certificate (servers must then trust the new one)"));
        }
        return new ApplicationCertificate(certificate, new KeyPair(certificate.getPublicKey(), key), certFile);
    }

    private static ApplicationCertificate create(Path certFile, Path keyFile, String applicationName,
            String applicationUri) throws IOException {
        Files.createDirectories(certFile.getParent());
        Files.createDirectories(keyFile.getParent());
        try {
            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(KEY_BITS);
            SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName(applicationName)
                    .setOrganization("Takt")
                    .setApplicationUri(applicationUri)
                    .addDnsName(localHostName())
                    .setValidityPeriod(Period.ofYears(5));
            X509Certificate certificate = builder.build();
            KeyFiles.writePrivateKey(keyPair.getPrivate(), keyFile);
            KeyFiles.writeCertificate(certificate, certFile);
            LOG.info("Created OPC UA application certificate {} for {} (SHA-1 thumbprint {}); servers must trust it "
                    + "before a secure connection works", certFile, applicationUri, Thumbprint.of(certificate));
            return new ApplicationCertificate(certificate, keyPair, certFile);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot create the OPC UA application certificate " + certFile, e);
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
