package io.takt.acquisition.mqtt.sparkplug;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a Sparkplug B {@code Payload} that Takt reads and writes: timestamp, metrics, sequence
 * number and uuid. The {@code body} and extensions are skipped when decoding.
 *
 * @param timestamp when the message was sent, epoch ms; null if absent
 * @param metrics   the metrics in message order
 * @param seq       the sequence number 0..255 (absent in NDEATH and commands); null if absent
 * @param uuid      the schema uuid; null if absent
 */
public record SparkplugPayload(Long timestamp, List<Metric> metrics, Long seq, String uuid) {

    /** The name of the birth/death sequence metric in NBIRTH and NDEATH. */
    public static final String BD_SEQ = "bdSeq";
    /** The metric a host writes {@code true} to in an NCMD to ask for a rebirth. */
    public static final String REBIRTH = "Node Control/Rebirth";

    public SparkplugPayload {
        metrics = List.copyOf(metrics);
    }

    /** The first metric named {@code name}, if any. */
    public Optional<Metric> metric(String name) {
        return metrics.stream().filter(m -> name.equals(m.name())).findFirst();
    }

    /**
     * One metric.
     *
     * @param name           the metric name; given in births, usually absent (null) in DATA when an
     *                       alias is used
     * @param alias          the alias a birth ties to the name; null if absent
     * @param timestamp      when the value was acquired, epoch ms; null if absent
     * @param dataType       the data type; {@link SparkplugDataType#UNKNOWN} when absent (DATA messages)
     * @param historical     the value is historical and must not update the live tag
     * @param transientValue the value should not be stored by consumers
     * @param nullValue      the value is explicitly null
     * @param value          the raw value
     */
    public record Metric(String name, Long alias, Long timestamp, SparkplugDataType dataType, boolean historical,
            boolean transientValue, boolean nullValue, MetricValue value) {

        public Metric {
            Objects.requireNonNull(dataType, "dataType");
            Objects.requireNonNull(value, "value");
        }

        /** A birth metric: name, alias and type, with a value normalised as {@link SparkplugDataType} says. */
        public static Metric birth(String name, Long alias, SparkplugDataType type, Object value, Long timestamp) {
            return value == null
                    ? new Metric(name, alias, timestamp, type, false, false, true, MetricValue.NONE)
                    : new Metric(name, alias, timestamp, type, false, false, false, type.toMetricValue(value));
        }

        /** A data metric sent by alias only; the type is known to the receiver from the birth. */
        public static Metric data(long alias, SparkplugDataType type, Object value, Long timestamp) {
            return value == null
                    ? new Metric(null, alias, timestamp, SparkplugDataType.UNKNOWN, false, false, true, MetricValue.NONE)
                    : new Metric(null, alias, timestamp, SparkplugDataType.UNKNOWN, false, false, false,
                            type.toMetricValue(value));
        }
    }
}
