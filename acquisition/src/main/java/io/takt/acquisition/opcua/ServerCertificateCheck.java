package io.takt.acquisition.opcua;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.util.validation.ValidationCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a server's certificate with every check OPC UA defines (trust, validity, key usage,
 * revocation, host name, application URI) and, when it fails, tells the integrator what to do in
 * words rather than a status code.
 */
final class ServerCertificateCheck implements CertificateValidator {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificateCheck.class);

    private final String sourceId;
    private final OpcUaPki pki;
    private final CertificateValidator checks;
    private final Consumer<String> onRefusal;
    private volatile String lastRefusal;

    ServerCertificateCheck(String sourceId, OpcUaPki pki, Consumer<String> onRefusal) {
        this.sourceId = sourceId;
        this.pki = pki;
        this.onRefusal = onRefusal;
        this.checks = new DefaultClientCertificateValidator(pki.trustList(), ValidationCheck.ALL_OPTIONAL_CHECKS,
                pki.quarantine());
    }

    @Override
    public void validateCertificateChain(List<X509Certificate> chain, String applicationUri, String[] validHostNames)
            throws UaException {
        try {
            checks.validateCertificateChain(chain, applicationUri, validHostNames);
        } catch (UaException e) {
            lastRefusal = explain(chain.get(0), e);
            LOG.warn(lastRefusal);
            onRefusal.accept(lastRefusal);
            throw new UaException(e.getStatusCode().value(), lastRefusal, e);
        }
    }

    /** The explanation of the last refusal since the last {@link #clear()}, or null. */
    String lastRefusal() {
        return lastRefusal;
    }

    void clear() {
        lastRefusal = null;
    }

    private String explain(X509Certificate certificate, UaException e) {
        String who = "OPC UA source '" + sourceId + "': server certificate '"
                + certificate.getSubjectX500Principal().getName() + "' (SHA-1 thumbprint " + Thumbprint.of(certificate)
                + ")";
        // Milo copies a certificate to rejected/ exactly when no trusted path to it exists; the status code
        // alone does not say so (path building reports Bad_SecurityChecksFailed as often as Untrusted).
        boolean untrusted = e.getStatusCode().value() == StatusCodes.Bad_CertificateUntrusted
                || pki.quarantine().getRejectedCertificates().contains(certificate);
        if (untrusted) {
            Path rejected = pki.rejected();
            return who + " is not trusted; the connection is refused. It was copied to " + rejected
                    + ". Check the thumbprint with the server's administrator, then move the file to "
                    + pki.trustedCerts() + " to trust it";
        }
        return who + " failed the " + OpcUaFailure.statusName(e.getStatusCode()) + " check ("
                + e.getStatusCode() + "); the connection is refused";
    }
}
