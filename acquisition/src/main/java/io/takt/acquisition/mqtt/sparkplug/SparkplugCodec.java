package io.takt.acquisition.mqtt.sparkplug;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the Sparkplug B {@code Payload} protobuf (Eclipse Tahu {@code sparkplug_b.proto},
 * proto2) by hand with protobuf's coded streams, so that no generated code is needed. Field numbers:
 * Payload timestamp=1, metrics=2, seq=3, uuid=4, body=5; Metric name=1, alias=2, timestamp=3,
 * datatype=4, is_historical=5, is_transient=6, is_null=7, metadata=8, properties=9 and the value
 * one-of int_value=10 (uint32), long_value=11 (uint64), float_value=12, double_value=13,
 * boolean_value=14, string_value=15, bytes_value=16, dataset_value=17, template_value=18,
 * extension_value=19. Unknown fields, metadata, properties, body and the content of the non-scalar
 * values are skipped.
 */
public final class SparkplugCodec {

    private static final int VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int LENGTH = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private static final int P_TIMESTAMP = 1 << 3 | VARINT;
    private static final int P_METRIC = 2 << 3 | LENGTH;
    private static final int P_SEQ = 3 << 3 | VARINT;
    private static final int P_UUID = 4 << 3 | LENGTH;

    private static final int M_NAME = 1 << 3 | LENGTH;
    private static final int M_ALIAS = 2 << 3 | VARINT;
    private static final int M_TIMESTAMP = 3 << 3 | VARINT;
    private static final int M_DATATYPE = 4 << 3 | VARINT;
    private static final int M_HISTORICAL = 5 << 3 | VARINT;
    private static final int M_TRANSIENT = 6 << 3 | VARINT;
    private static final int M_NULL = 7 << 3 | VARINT;
    private static final int M_INT = 10 << 3 | VARINT;
    private static final int M_LONG = 11 << 3 | VARINT;
    private static final int M_FLOAT = 12 << 3 | WireFormat.WIRETYPE_FIXED32;
    private static final int M_DOUBLE = 13 << 3 | WireFormat.WIRETYPE_FIXED64;
    private static final int M_BOOLEAN = 14 << 3 | VARINT;
    private static final int M_STRING = 15 << 3 | LENGTH;
    private static final int M_BYTES = 16 << 3 | LENGTH;
    private static final int M_DATASET = 17 << 3 | LENGTH;
    private static final int M_TEMPLATE = 18 << 3 | LENGTH;
    private static final int M_EXTENSION = 19 << 3 | LENGTH;

    private SparkplugCodec() {
    }

    /** The payload in {@code bytes}; throws if they are not a well-formed protobuf message. */
    public static SparkplugPayload decode(byte[] bytes) throws InvalidProtocolBufferException {
        try {
            return readPayload(CodedInputStream.newInstance(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
    }

    /** The protobuf bytes of {@code payload}, fields in field-number order. */
    public static byte[] encode(SparkplugPayload payload) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * payload.metrics().size());
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            if (payload.timestamp() != null) {
                out.writeUInt64(1, payload.timestamp());
            }
            for (SparkplugPayload.Metric metric : payload.metrics()) {
                out.writeByteArray(2, encodeMetric(metric));
            }
            if (payload.seq() != null) {
                out.writeUInt64(3, payload.seq());
            }
            if (payload.uuid() != null) {
                out.writeString(4, payload.uuid());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    private static SparkplugPayload readPayload(CodedInputStream in) throws IOException {
        Long timestamp = null;
        Long seq = null;
        String uuid = null;
        List<SparkplugPayload.Metric> metrics = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case P_TIMESTAMP -> timestamp = in.readUInt64();
                case P_METRIC -> metrics.add(readMetric(CodedInputStream.newInstance(in.readByteArray())));
                case P_SEQ -> seq = in.readUInt64();
                case P_UUID -> uuid = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new SparkplugPayload(timestamp, metrics, seq, uuid);
    }

    private static SparkplugPayload.Metric readMetric(CodedInputStream in) throws IOException {
        String name = null;
        Long alias = null;
        Long timestamp = null;
        SparkplugDataType type = SparkplugDataType.UNKNOWN;
        boolean historical = false;
        boolean transientValue = false;
        boolean nullValue = false;
        MetricValue value = MetricValue.NONE;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case M_NAME -> name = in.readString();
                case M_ALIAS -> alias = in.readUInt64();
                case M_TIMESTAMP -> timestamp = in.readUInt64();
                case M_DATATYPE -> type = SparkplugDataType.fromCode(Integer.toUnsignedLong(in.readUInt32()));
                case M_HISTORICAL -> historical = in.readBool();
                case M_TRANSIENT -> transientValue = in.readBool();
                case M_NULL -> nullValue = in.readBool();
                case M_INT -> value = MetricValue.ofInt(in.readUInt32());
                case M_LONG -> value = MetricValue.ofLong(in.readUInt64());
                case M_FLOAT -> value = MetricValue.ofFloat(in.readFloat());
                case M_DOUBLE -> value = MetricValue.ofDouble(in.readDouble());
                case M_BOOLEAN -> value = MetricValue.ofBoolean(in.readBool());
                case M_STRING -> value = MetricValue.ofString(in.readString());
                case M_BYTES, M_DATASET, M_TEMPLATE, M_EXTENSION -> value = skipOpaque(in, tag);
                default -> in.skipField(tag);
            }
        }
        return new SparkplugPayload.Metric(name, alias, timestamp, type, historical, transientValue, nullValue, value);
    }

    private static MetricValue skipOpaque(CodedInputStream in, int tag) throws IOException {
        in.skipField(tag);
        MetricValue.Field field = switch (WireFormat.getTagFieldNumber(tag)) {
            case 16 -> MetricValue.Field.BYTES;
            case 17 -> MetricValue.Field.DATASET;
            case 18 -> MetricValue.Field.TEMPLATE;
            default -> MetricValue.Field.EXTENSION;
        };
        return MetricValue.opaque(field);
    }

    private static byte[] encodeMetric(SparkplugPayload.Metric metric) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        if (metric.name() != null) {
            out.writeString(1, metric.name());
        }
        if (metric.alias() != null) {
            out.writeUInt64(2, metric.alias());
        }
        if (metric.timestamp() != null) {
            out.writeUInt64(3, metric.timestamp());
        }
        if (metric.dataType() != SparkplugDataType.UNKNOWN) {
            out.writeUInt32(4, metric.dataType().code());
        }
        writeFlag(out, 5, metric.historical());
        writeFlag(out, 6, metric.transientValue());
        writeFlag(out, 7, metric.nullValue());
        writeValue(out, metric.value());
        out.flush();
        return bytes.toByteArray();
    }

    private static void writeFlag(CodedOutputStream out, int field, boolean flag) throws IOException {
        if (flag) {
            out.writeBool(field, true);
        }
    }

    private static void writeValue(CodedOutputStream out, MetricValue value) throws IOException {
        switch (value.field()) {
            case NONE -> { }
            case INT -> out.writeUInt32(10, (int) value.bits());
            case LONG -> out.writeUInt64(11, value.bits());
            case FLOAT -> out.writeFloat(12, value.floatValue());
            case DOUBLE -> out.writeDouble(13, value.doubleValue());
            case BOOLEAN -> out.writeBool(14, value.bits() != 0);
            case STRING -> out.writeString(15, value.text());
            default -> throw new IllegalArgumentException("Takt does not encode " + value.field() + " values");
        }
    }
}
