package io.takt.acquisition.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of one tag as a source delivered it: the raw input of the gateway, before the tag map
 * gives it a meaning.
 *
 * @param sourceId    the configured source it came from, e.g. {@code opcua-line1}
 * @param address     the tag's address in that source: an OPC UA node id ({@code ns=2;s=Line1.Press1.State}),
 *                    a PLC4X tag ({@code holding-register:1:UINT}), a Sparkplug metric ({@code Line1/Press1/State})
 * @param value       normalised: {@link Boolean}, {@link Long} for every integer type, {@link Double} for every
 *                    floating type, {@link String}; {@code null} exactly when {@code quality} is NO_DATA
 * @param quality     whether the value can be trusted
 * @param sourceTime  when the source says the value changed (OPC UA SourceTimestamp, Sparkplug metric
 *                    timestamp); the receive time when the source has no clock
 * @param receiveTime when the gateway received it
 */
public record TagSample(String sourceId, String address, Object value, SampleQuality quality, Instant sourceTime,
        Instant receiveTime) {

    public TagSample {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(sourceTime, "sourceTime");
        Objects.requireNonNull(receiveTime, "receiveTime");
        if ((value == null) != (quality == SampleQuality.NO_DATA)) {
            throw new IllegalArgumentException("Tag " + address + " of " + sourceId
                    + ": a value is null exactly when its quality is NO_DATA, not " + quality);
        }
        if (value != null && !(value instanceof Boolean || value instanceof Long || value instanceof Double
                || value instanceof String)) {
            throw new IllegalArgumentException("Tag " + address + " of " + sourceId + ": value of type "
                    + value.getClass().getSimpleName() + " must be normalised to Boolean, Long, Double or String");
        }
    }

    /** A good value received now, stamped by the source at {@code sourceTime}. */
    public static TagSample good(String sourceId, String address, Object value, Instant sourceTime) {
        return new TagSample(sourceId, address, value, SampleQuality.GOOD, sourceTime, Instant.now());
    }

    /** The source cannot say what the tag is (link down, data lost, node dead) from {@code since} on. */
    public static TagSample noData(String sourceId, String address, Instant since) {
        return new TagSample(sourceId, address, null, SampleQuality.NO_DATA, since, Instant.now());
    }
}
