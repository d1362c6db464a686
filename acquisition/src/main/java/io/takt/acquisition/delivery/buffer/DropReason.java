package io.takt.acquisition.delivery.buffer;

import java.util.Locale;

/** Why undelivered events left the buffer without reaching Kafka; a metric tag. */
public enum DropReason {

    /** The buffer reached {@code buffer.max.bytes} under {@link OverflowPolicy#DROP_OLDEST}. */
    OVERFLOW,

    /** The events were older than {@code buffer.max.age}. */
    EXPIRED,

    /** The bytes on disk no longer matched their checksum when read back. */
    CORRUPT;

    /** Lower case, as in metric tags and logs. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
