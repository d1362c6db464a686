package io.takt.acquisition.mqtt.sparkplug;

import java.time.Instant;
import java.util.Optional;

/**
 * The Sparkplug B metric data types (the {@code datatype} field, Sparkplug 3.0 numbering), and how
 * each is carried in the protobuf {@code Metric.value} and normalised for a
 * {@link io.takt.acquisition.source.TagSample}: every integer type to {@link Long}, Float and Double
 * to {@link Double}, Boolean to {@link Boolean}, String, Text and UUID to {@link String}, DateTime
 * to {@link Long} epoch milliseconds.
 *
 * <p>Signed 8-, 16- and 32-bit values travel as the two's complement in the unsigned
 * {@code int_value} (so Int8 -1 may arrive as 0xFF or 0xFFFFFFFF; only the low bits count). UInt64
 * travels in {@code long_value}; a value above {@link Long#MAX_VALUE} cannot be a Long and is
 * delivered as its exact decimal String. Datasets, templates, bytes, files, property sets and arrays
 * are not scalar tag values: they are recognised and skipped.
 */
public enum SparkplugDataType {
    UNKNOWN(0), INT8(1), INT16(2), INT32(3), INT64(4), UINT8(5), UINT16(6), UINT32(7), UINT64(8),
    FLOAT(9), DOUBLE(10), BOOLEAN(11), STRING(12), DATETIME(13), TEXT(14), UUID(15),
    DATASET(16), BYTES(17), FILE(18), TEMPLATE(19), PROPERTY_SET(20), PROPERTY_SET_LIST(21),
    INT8_ARRAY(22), INT16_ARRAY(23), INT32_ARRAY(24), INT64_ARRAY(25), UINT8_ARRAY(26), UINT16_ARRAY(27),
    UINT32_ARRAY(28), UINT64_ARRAY(29), FLOAT_ARRAY(30), DOUBLE_ARRAY(31), BOOLEAN_ARRAY(32),
    STRING_ARRAY(33), DATETIME_ARRAY(34);

    private static final SparkplugDataType[] BY_CODE = values();

    private final int code;

    SparkplugDataType(int code) {
        this.code = code;
    }

    /** The number in the protobuf {@code datatype} field. */
    public int code() {
        return code;
    }

    /** The type with this code; {@link #UNKNOWN} for codes this version does not know. */
    public static SparkplugDataType fromCode(long code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : UNKNOWN;
    }

    /** Whether values of this type become tag samples (integers, floats, booleans, strings, dates). */
    public boolean scalar() {
        return code >= INT8.code && code <= UUID.code;
    }

    /**
     * The normalised value of {@code raw}, read as this type; empty when this type is not scalar or
     * the value sits in a field this type cannot use (a malformed metric).
     */
    public Optional<Object> toSampleValue(MetricValue raw) {
        long bits = raw.bits();
        boolean integral = raw.field() == MetricValue.Field.INT || raw.field() == MetricValue.Field.LONG;
        Object value = switch (this) {
            case INT8 -> integral ? (long) (byte) bits : null;
            case INT16 -> integral ? (long) (short) bits : null;
            case INT32 -> integral ? (long) (int) bits : null;
            case UINT8 -> integral ? bits & 0xFFL : null;
            case UINT16 -> integral ? bits & 0xFFFFL : null;
            case UINT32 -> integral ? bits & 0xFFFF_FFFFL : null;
            case INT64, DATETIME -> integral ? bits : null;
            case UINT64 -> integral ? unsigned64(bits) : null;
            case FLOAT, DOUBLE -> floating(raw);
            case BOOLEAN -> raw.field() == MetricValue.Field.BOOLEAN ? bits != 0 : null;
            case STRING, TEXT, UUID -> raw.text();
            default -> null;
        };
        return Optional.ofNullable(value);
    }

    /**
     * The raw value that carries {@code value} as this type, for publishing.
     *
     * @param value a Long (or other integral Number) for integer types, also an unsigned decimal
     *              String for UInt64; a Number for Float and Double; a Boolean; a String; a Long of
     *              epoch milliseconds or an {@link Instant} for DateTime
     * @throws IllegalArgumentException if the value does not fit this type
     */
    public MetricValue toMetricValue(Object value) {
        return switch (this) {
            case INT8 -> MetricValue.ofInt(integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE));
            case INT16 -> MetricValue.ofInt(integral(value, Short.MIN_VALUE, Short.MAX_VALUE));
            case INT32 -> MetricValue.ofInt(integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case UINT8 -> MetricValue.ofInt(integral(value, 0, 0xFF));
            case UINT16 -> MetricValue.ofInt(integral(value, 0, 0xFFFF));
            case UINT32 -> MetricValue.ofInt(integral(value, 0, 0xFFFF_FFFFL));
            case INT64 -> MetricValue.ofLong(integral(value, Long.MIN_VALUE, Long.MAX_VALUE));
            case UINT64 -> MetricValue.ofLong(value instanceof String s ? Long.parseUnsignedLong(s)
                    : integral(value, 0, Long.MAX_VALUE));
            case DATETIME -> MetricValue.ofLong(value instanceof Instant i ? i.toEpochMilli()
                    : integral(value, Long.MIN_VALUE, Long.MAX_VALUE));
            case FLOAT -> MetricValue.ofFloat(number(value).floatValue());
            case DOUBLE -> MetricValue.ofDouble(number(value).doubleValue());
            case BOOLEAN -> MetricValue.ofBoolean(cast(value, Boolean.class));
            case STRING, TEXT, UUID -> MetricValue.ofString(cast(value, String.class));
            default -> throw new IllegalArgumentException(this + " values cannot be published by Takt");
        };
    }

    private static Object unsigned64(long bits) {
        return bits >= 0 ? (Object) bits : Long.toUnsignedString(bits);
    }

    private static Double floating(MetricValue raw) {
        return switch (raw.field()) {
            // Through the float's shortest decimal text, so that 0.1f reads 0.1, not 0.10000000149011612.
            case FLOAT -> Double.parseDouble(Float.toString(raw.floatValue()));
            case DOUBLE -> raw.doubleValue();
            default -> null;
        };
    }

    private long integral(Object value, long min, long max) {
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            throw new IllegalArgumentException(this + " needs an integer, not " + describe(value));
        }
        long v = ((Number) value).longValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " is out of range for " + this + " [" + min + ", " + max + "]");
        }
        return v;
    }

    private Number number(Object value) {
        return cast(value, Number.class);
    }

    private <T> T cast(Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(this + " needs a " + type.getSimpleName() + ", not " + describe(value));
        }
        return type.cast(value);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
