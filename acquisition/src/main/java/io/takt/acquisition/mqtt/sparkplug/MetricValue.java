package io.takt.acquisition.mqtt.sparkplug;

import java.util.Objects;

/**
 * A metric's value as it travels in the {@code oneof value} of a Sparkplug B {@code Metric}: which
 * field carried it and its raw content. Kept raw because a DATA message usually omits the data type,
 * so the value can only be read once the birth that defined the metric is known
 * ({@link SparkplugDataType#toSampleValue}).
 *
 * @param field which {@code oneof} member was present
 * @param bits  the integer content: {@code int_value} as an unsigned 32-bit number, {@code long_value}
 *              as 64 bits, a float or double as its IEEE bits, a boolean as 0 or 1; 0 otherwise
 * @param text  the {@code string_value}, or null
 */
public record MetricValue(Field field, long bits, String text) {

    /** No value field was present (e.g. an {@code is_null} metric). */
    public static final MetricValue NONE = new MetricValue(Field.NONE, 0, null);

    /** The members of {@code Metric.value}, with their protobuf field numbers. */
    public enum Field {
        NONE(0), INT(10), LONG(11), FLOAT(12), DOUBLE(13), BOOLEAN(14), STRING(15),
        /** Carried but not decoded: Bytes, File and the array types. */
        BYTES(16),
        /** Carried but not decoded. */
        DATASET(17),
        /** Carried but not decoded. */
        TEMPLATE(18),
        /** Carried but not decoded. */
        EXTENSION(19);

        private final int number;

        Field(int number) {
            this.number = number;
        }

        /** The protobuf field number in {@code Metric}. */
        public int number() {
            return number;
        }

        /** Whether the codec reads and writes this field's content (the others are only recognised). */
        public boolean scalar() {
            return this != NONE && number <= STRING.number;
        }
    }

    public MetricValue {
        Objects.requireNonNull(field, "field");
        if ((field == Field.STRING) != (text != null)) {
            throw new IllegalArgumentException("text is set exactly for a string_value, not for " + field);
        }
        if (field == Field.INT && (bits < 0 || bits > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("int_value is an unsigned 32-bit number, not " + bits);
        }
    }

    /** {@code int_value} (uint32) with the low 32 bits of {@code value}. */
    public static MetricValue ofInt(long value) {
        return new MetricValue(Field.INT, value & 0xFFFF_FFFFL, null);
    }

    /** {@code long_value} (uint64) with the 64 bits of {@code value}. */
    public static MetricValue ofLong(long value) {
        return new MetricValue(Field.LONG, value, null);
    }

    public static MetricValue ofFloat(float value) {
        return new MetricValue(Field.FLOAT, Float.floatToRawIntBits(value) & 0xFFFF_FFFFL, null);
    }

    public static MetricValue ofDouble(double value) {
        return new MetricValue(Field.DOUBLE, Double.doubleToRawLongBits(value), null);
    }

    public static MetricValue ofBoolean(boolean value) {
        return new MetricValue(Field.BOOLEAN, value ? 1 : 0, null);
    }

    public static MetricValue ofString(String value) {
        return new MetricValue(Field.STRING, 0, Objects.requireNonNull(value, "value"));
    }

    /** A value field the codec recognises but does not decode (dataset, template, bytes, extension). */
    public static MetricValue opaque(Field field) {
        if (field.scalar() || field == Field.NONE) {
            throw new IllegalArgumentException(field + " is not an opaque field");
        }
        return new MetricValue(field, 0, null);
    }

    float floatValue() {
        return Float.intBitsToFloat((int) bits);
    }

    double doubleValue() {
        return Double.longBitsToDouble(bits);
    }
}
