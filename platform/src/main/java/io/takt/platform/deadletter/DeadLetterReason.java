package io.takt.platform.deadletter;

import java.util.regex.Pattern;

/**
 * Why a record is dead-lettered: a short lower-case token, written to the
 * {@link DeadLetterHeaders#REASON} header and used as a metric tag (so it must stay a small set:
 * the free text goes in the exception message). Apps may add their own, e.g. {@code late-event}.
 */
public final class DeadLetterReason {

    /** The bytes could not be deserialized: a poison pill. */
    public static final String DESERIALIZATION = "deserialization";
    /** A processor threw while handling a record. */
    public static final String PROCESSING = "processing";
    /** A result could not be serialized for its output topic. */
    public static final String SERIALIZATION = "serialization";
    /** The broker refused a result, e.g. as too large. */
    public static final String PRODUCTION = "production";

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private DeadLetterReason() {
    }

    /** The reason, if it is a valid token. */
    static String check(String reason) {
        if (reason == null || !TOKEN.matcher(reason).matches()) {
            throw new IllegalArgumentException("Dead-letter reason '" + reason
                    + "' must be a short token of lower-case letters, digits and hyphens, e.g. late-event");
        }
        return reason;
    }
}
