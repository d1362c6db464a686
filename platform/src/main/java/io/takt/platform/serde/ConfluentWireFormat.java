package io.takt.platform.serde;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's framing of a schema-registry record: magic byte {@code 0}, the 4-byte big-endian
 * schema id, then the Avro binary encoding of the datum.
 */
public final class ConfluentWireFormat {

    /** The only framing version Confluent has ever defined. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Magic byte plus schema id. */
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /** {@code avroBinary} framed with the header for {@code schemaId}. */
    public static byte[] frame(int schemaId, byte[] avroBinary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_LENGTH + avroBinary.length);
        writeHeader(out, schemaId);
        out.writeBytes(avroBinary);
        return out.toByteArray();
    }

    /** Writes the header in place, so the encoder can append the datum without a second copy. */
    static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /**
     * Splits a framed message into its schema id and Avro body.
     *
     * @throws SerializationException if the message is shorter than the header or does not start
     *     with the magic byte
     */
    public static Framed unframe(byte[] message) {
        if (message.length < HEADER_LENGTH) {
            throw new SerializationException("Payload of " + message.length + " byte(s) is shorter than the "
                    + HEADER_LENGTH + "-byte Confluent header (magic byte + schema id): not Confluent Avro wire format");
        }
        if (message[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x: not Confluent Avro wire format%s",
                    message[0] & 0xff, guessFormat(message[0])));
        }
        int schemaId = (message[1] & 0xff) << 24 | (message[2] & 0xff) << 16 | (message[3] & 0xff) << 8
                | (message[4] & 0xff);
        return new Framed(schemaId, message);
    }

    /** The likeliest culprit on a plant network is a JSON producer writing to an Avro topic. */
    private static String guessFormat(byte first) {
        return switch (first) {
            case '{', '[' -> " (is this JSON?)";
            case '"' -> " (is this a JSON string?)";
            default -> "";
        };
    }

    /**
     * A framed message: its schema id, and the whole message, whose Avro body starts at
     * {@link #avroOffset()}. The message is not copied, so decoders read it in place.
     */
    public record Framed(int schemaId, byte[] message) {

        /** Where the Avro body starts in {@link #message()}. */
        public int avroOffset() {
            return HEADER_LENGTH;
        }

        /** The length of the Avro body. */
        public int avroLength() {
            return message.length - HEADER_LENGTH;
        }

        /** A copy of the Avro body alone. */
        public byte[] avroBinary() {
            return Arrays.copyOfRange(message, HEADER_LENGTH, message.length);
        }
    }
}
