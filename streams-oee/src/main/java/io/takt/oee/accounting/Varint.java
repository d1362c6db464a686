package io.takt.oee.accounting;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Zig-zag variable-length longs and length-prefixed strings, as Avro writes them: small and fast. */
final class Varint {

    private Varint() {
    }

    static void write(ByteBuffer buffer, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            buffer.put((byte) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        buffer.put((byte) zigzag);
    }

    static long read(ByteBuffer buffer) {
        long zigzag = 0;
        int shift = 0;
        byte b;
        do {
            b = buffer.get();
            zigzag |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    /** Writes a string that may be null. */
    static void writeString(ByteBuffer buffer, String text) {
        if (text == null) {
            write(buffer, -1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(buffer, bytes.length);
        buffer.put(bytes);
    }

    static String readString(ByteBuffer buffer) {
        int length = (int) read(buffer);
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
