package io.takt.acquisition.opcua;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.milo.opcua.stack.core.security.CertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's OPC UA certificate directory, in the layout UA tools (and Milo's trust list) use:
 *
 * <pre>
 * pki/
 *   trusted/certs/   server certificates (or their CAs) the integrator trusts
 *   trusted/crl/     revocation lists of trusted CAs
 *   issuers/certs/   intermediate CAs, used to build chains but not trusted on their own
 *   issuers/crl/
 *   rejected/        server certificates that were refused: check the thumbprint, then move to trusted/certs/
 *   own/certs/       the gateway's own certificate (created on first start)
 *   own/private/     its private key
 * </pre>
 *
 * Changes to {@code trusted/} and {@code issuers/} are picked up while the gateway runs.
 */
public final class OpcUaPki implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaPki.class);

    private final Path root;
    private final FileBasedTrustListManager trustList;
    private final CertificateQuarantine quarantine;

    private OpcUaPki(Path root, FileBasedTrustListManager trustList, CertificateQuarantine quarantine) {
        this.root = root;
        this.trustList = trustList;
        this.quarantine = quarantine;
    }

    /** Opens the directory at {@code root}, creating the missing folders, and starts watching the trust list. */
    public static OpcUaPki open(Path root) throws IOException {
        Path absolute = root.toAbsolutePath();
        for (Path dir : new Path[] {trustedCerts(absolute), absolute.resolve("trusted/crl"),
            absolute.resolve("issuers/certs"), absolute.resolve("issuers/crl"), rejected(absolute),
            absolute.resolve("own")}) {
            Files.createDirectories(dir);
        }
        var trustList = new FileBasedTrustListManager(absolute.resolve("issuers/certs"),
                absolute.resolve("issuers/crl"), trustedCerts(absolute), absolute.resolve("trusted/crl"));
        trustList.initialize();
        LOG.debug("OPC UA PKI directory {}: {} trusted certificates", absolute,
                trustList.getTrustedCertificates().size());
        return new OpcUaPki(absolute, trustList, new FileBasedCertificateQuarantine(rejected(absolute).toFile()));
    }

    /** The folder where certificates the integrator trusts go. */
    public Path trustedCerts() {
        return trustedCerts(root);
    }

    /** The folder where refused server certificates are copied. */
    public Path rejected() {
        return rejected(root);
    }

    /** The gateway's own certificate, created on first use with this URI. */
    public ApplicationCertificate applicationCertificate(String applicationName, String applicationUri)
            throws IOException {
        return ApplicationCertificate.loadOrCreate(root.resolve("own"), applicationName, applicationUri);
    }

    FileBasedTrustListManager trustList() {
        return trustList;
    }

    CertificateQuarantine quarantine() {
        return quarantine;
    }

    @Override
    public void close() {
        try {
            trustList.close();
        } catch (IOException e) {
            LOG.debug("Closing the trust list watcher of {} failed", root, e);
        }
    }

    private static Path trustedCerts(Path root) {
        return root.resolve("trusted").resolve("certs");
    }

    private static Path rejected(Path root) {
        return root.resolve("rejected");
    }
}
