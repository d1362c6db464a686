package io.takt.platform.deadletter;

/**
 * Thrown by a processor that refuses a record for a known reason (a late event, an impossible
 * value): the dead-letter handler sends the record's source bytes to the dead-letter topic with
 * this reason instead of the generic {@code processing}. Throw it before changing any state.
 */
public class RejectedRecordException extends RuntimeException {

    private final String reason;

    /**
     * @param reason  a dead-letter reason token, e.g. {@code late-event}
     * @param message what is wrong with the record, for the message header and the log
     */
    public RejectedRecordException(String reason, String message) {
        // No stack trace: the record is the problem, not the code, and late events can be frequent.
        super(message, null, false, false);
        this.reason = DeadLetterReason.check(reason);
    }

    /** The dead-letter reason token. */
    public String reason() {
        return reason;
    }
}
