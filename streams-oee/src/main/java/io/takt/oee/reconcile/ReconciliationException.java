package io.takt.oee.reconcile;

/** The reconciliation cannot run: a topic is missing, a read timed out, a calendar is unusable. */
public final class ReconciliationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReconciliationException(String message) {
        super(message);
    }

    public ReconciliationException(String message, Throwable cause) {
        super(message, cause);
    }
}
