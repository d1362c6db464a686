package io.takt.acquisition.delivery.buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32C;

import org.apache.avro.Schema;

/**
 * The on-disk form of one buffered event, which lets recovery tell a whole record from one torn by
 * a crash: {@code length (int) | CRC-32C of the payload (int) | payload}, where the payload is
 * {@code position (long) | append time in epoch ms (long) | schema fingerprint (long) | topic | key |
 * schema name | value}, strings and value each as {@code length (int) | bytes}. Big-endian.
 */
final class RecordFrame {

    /** Length and checksum. */
    static final int HEADER_BYTES = 8;
    /** A payload with empty strings and value: three longs and four lengths. */
    static final int MIN_PAYLOAD_BYTES = 3 * Long.BYTES + 4 * Integer.BYTES;

    private static final int POSITION_AT = HEADER_BYTES;
    private static final int TIME_AT = POSITION_AT + Long.BYTES;

    private RecordFrame() {
    }

    /**
     * A whole frame but for its position, time and checksum, which {@link #stamp} fills in once the
     * buffer has placed it: encoding happens outside the buffer's lock, stamping inside.
     */
    static ByteBuffer draft(long schemaFingerprint, String topic, String key, String schemaName, byte[] value) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] n = schemaName.getBytes(StandardCharsets.UTF_8);
        int payload = MIN_PAYLOAD_BYTES + t.length + k.length + n.length + value.length;
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload);
        frame.putInt(payload).putInt(0).putLong(0).putLong(0).putLong(schemaFingerprint);
        frame.putInt(t.length).put(t).putInt(k.length).put(k).putInt(n.length).put(n).putInt(value.length).put(value);
        return frame.flip();
    }

    /** Sets the position and append time of a draft and seals it with its checksum. */
    static void stamp(ByteBuffer frame, long position, long appendMillis) {
        frame.putLong(POSITION_AT, position).putLong(TIME_AT, appendMillis);
        CRC32C crc = new CRC32C();
        crc.update(frame.duplicate().position(HEADER_BYTES));
        frame.putInt(Integer.BYTES, (int) crc.getValue());
    }

    /** Whether the checksum stored in front of {@code payload} matches it. */
    static boolean checksumMatches(int stored, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return (int) crc.getValue() == stored;
    }

    /**
     * One frame's payload as read from disk, valid until the reader moves on: the fixed fields are
     * read in place, the rest only when {@link #decode} is called.
     */
    static final class Frame {
        private final ByteBuffer payload;

        Frame(ByteBuffer payload) {
            this.payload = payload;
        }

        long position() {
            return payload.getLong(0);
        }

        long appendMillis() {
            return payload.getLong(Long.BYTES);
        }

        long schemaFingerprint() {
            return payload.getLong(2 * Long.BYTES);
        }

        /** Bytes the frame takes on disk. */
        int size() {
            return HEADER_BYTES + payload.remaining();
        }

        /** The event, with its schema found by fingerprint. */
        BufferedEvent decode(StoredSchemas schemas) {
            ByteBuffer in = payload.duplicate().position(3 * Long.BYTES);
            String topic = text(in);
            String key = text(in);
            String schemaName = text(in);
            byte[] value = bytes(in);
            Schema schema = schemas.find(schemaFingerprint(), schemaName);
            return new BufferedEvent(position(), Instant.ofEpochMilli(appendMillis()), topic, key, schemaName, schema,
                    value);
        }

        /** Whether the lengths inside add up to the payload's size: a frame can pass its checksum only if so. */
        boolean wellFormed() {
            ByteBuffer in = payload.duplicate().position(3 * Long.BYTES);
            for (int field = 0; field < 4; field++) {
                if (in.remaining() < Integer.BYTES) {
                    return false;
                }
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    return false;
                }
                in.position(in.position() + length);
            }
            return !in.hasRemaining();
        }

        private static String text(ByteBuffer in) {
            return new String(bytes(in), StandardCharsets.UTF_8);
        }

        private static byte[] bytes(ByteBuffer in) {
            byte[] out = new byte[in.getInt()];
            in.get(out);
            return out;
        }
    }
}
