package io.takt.acquisition.opcua;

import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * Turns a failed connection attempt into one sentence an integrator can act on. The one place
 * that knows which status codes mean "fix the certificate", "fix the password" or "the server is
 * away".
 */
final class OpcUaFailure {

    private OpcUaFailure() {
    }

    /** The symbolic name of a status code, e.g. {@code Bad_CertificateUntrusted}. */
    static String statusName(StatusCode status) {
        return StatusCodes.lookup(status.value()).map(names -> names[0]).orElse(status.toString());
    }

    /**
     * What went wrong when connecting with {@code settings}; {@code refusal} is the server certificate
     * check's own explanation, if it refused.
     */
    static String describe(Throwable failure, OpcUaSourceSettings settings, String refusal,
            ApplicationCertificate own) {
        if (refusal != null) {
            return refusal;
        }
        Optional<StatusCode> status = UaException.extractStatusCode(failure);
        String where = "OPC UA source '" + settings.sourceId() + "' at " + settings.endpointUrl() + ": ";
        if (status.isEmpty()) {
            return where + rootMessage(failure);
        }
        long code = status.get().value();
        String name = statusName(status.get());
        if (code == StatusCodes.Bad_IdentityTokenRejected || code == StatusCodes.Bad_IdentityTokenInvalid
                || code == StatusCodes.Bad_UserAccessDenied) {
            return where + "the server refused identity '" + settings.identity().kind() + "' (" + name
                    + "); check the user name and password (or user certificate) in setting 'identity'";
        }
        if (code == StatusCodes.Bad_SecurityChecksFailed || code == StatusCodes.Bad_CertificateUntrusted
                || code == StatusCodes.Bad_CertificateInvalid) {
            return where + "the server refused the secure channel (" + name + "), most likely because it does not "
                    + "trust this gateway's certificate " + own.file() + " (SHA-1 thumbprint " + own.thumbprint()
                    + "); ask its administrator to trust it";
        }
        if (code == StatusCodes.Bad_ConnectionRejected || code == StatusCodes.Bad_Timeout
                || code == StatusCodes.Bad_CommunicationError || code == StatusCodes.Bad_ConnectionClosed) {
            return where + "cannot reach the server (" + name + ": " + rootMessage(failure) + ")";
        }
        return where + name + ": " + rootMessage(failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
