package io.takt.acquisition.opcua;

import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import java.lang.reflect.Array;
import java.time.Instant;
import java.util.HexFormat;
import java.util.StringJoiner;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UNumber;

/**
 * Turns an OPC UA {@link DataValue} into a {@link TagSample}: the value normalised to Boolean,
 * Long, Double or String, the status code to a {@link SampleQuality}, and the best timestamp.
 */
public final class DataValueConversion {

    private DataValueConversion() {
    }

    /** The sample for one notification received at {@code receiveTime}. */
    public static TagSample toSample(String sourceId, String address, DataValue dataValue, Instant receiveTime) {
        Object value = value(dataValue.value());
        SampleQuality quality = quality(dataValue.statusCode());
        Instant sourceTime = sourceTime(dataValue, receiveTime);
        if (value == null) {
            // A status without a value (Bad_NoCommunication, a variable never written) says nothing about
            // the equipment: the tag is unknown from here on, not zero and not the last value.
            return new TagSample(sourceId, address, null, SampleQuality.NO_DATA, sourceTime, receiveTime);
        }
        return new TagSample(sourceId, address, value, quality, sourceTime, receiveTime);
    }

    /**
     * The normalised value: integers of every width and sign to Long (a UInt64 above Long.MAX_VALUE to
     * its decimal String, which loses nothing), Float and Double to Double, Boolean as is, everything
     * else (String, LocalizedText, DateTime, NodeId, arrays, structures) to String; null for no value.
     */
    public static Object value(Variant variant) {
        Object raw = variant == null ? null : variant.value();
        if (raw == null || raw instanceof Boolean || raw instanceof Long || raw instanceof Double
                || raw instanceof String) {
            return raw;
        }
        if (raw instanceof Byte || raw instanceof Short || raw instanceof Integer) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof ULong u) {
            return u.longValue() >= 0 ? (Object) u.longValue() : u.toString();
        }
        if (raw instanceof UNumber u) {
            return u.longValue();
        }
        if (raw instanceof Float f) {
            // Through the decimal text, so that 0.1f arrives as 0.1 (what the HMI shows), not 0.10000000149011612.
            return f.isNaN() || f.isInfinite() ? (Object) f.doubleValue() : Double.parseDouble(Float.toString(f));
        }
        return text(raw);
    }

    /** Good → GOOD, Uncertain → UNCERTAIN, Bad → BAD, by the status code's severity bits. */
    public static SampleQuality quality(StatusCode status) {
        if (status == null || status.isGood()) {
            return SampleQuality.GOOD;
        }
        if (status.isUncertain()) {
            return SampleQuality.UNCERTAIN;
        }
        return SampleQuality.BAD;
    }

    /** The source timestamp; else the server timestamp; else when the gateway received the value. */
    public static Instant sourceTime(DataValue dataValue, Instant receiveTime) {
        DateTime source = dataValue.sourceTime();
        if (present(source)) {
            return source.getJavaInstant();
        }
        DateTime server = dataValue.serverTime();
        if (present(server)) {
            return server.getJavaInstant();
        }
        return receiveTime;
    }

    private static boolean present(DateTime time) {
        // DateTime.MIN_VALUE (0) is how OPC UA encodes "no timestamp".
        return time != null && time.getUtcTime() > 0 && time.isValid();
    }

    private static String text(Object raw) {
        if (raw instanceof LocalizedText text) {
            return text.text() == null ? "" : text.text();
        }
        if (raw instanceof QualifiedName name) {
            return name.name() == null ? "" : name.name();
        }
        if (raw instanceof DateTime time) {
            return time.getJavaInstant().toString();
        }
        if (raw instanceof NodeId id) {
            return id.toParseableString();
        }
        if (raw instanceof ExpandedNodeId id) {
            return id.toParseableString();
        }
        if (raw instanceof ByteString bytes) {
            return HexFormat.of().formatHex(bytes.bytesOrEmpty());
        }
        if (raw.getClass().isArray()) {
            StringJoiner items = new StringJoiner(", ", "[", "]");
            for (int i = 0; i < Array.getLength(raw); i++) {
                Object item = value(new Variant(Array.get(raw, i)));
                items.add(String.valueOf(item));
            }
            return items.toString();
        }
        return raw.toString();
    }
}
