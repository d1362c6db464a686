package io.takt.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    @Test
    void shouldPutMagicByteThenBigEndianSchemaIdBeforeTheAvroBody() {
        // Given schema id 258 = 0x00000102 and a two-byte Avro body
        byte[] body = {(byte) 0xaa, (byte) 0xbb};

        // When it is framed
        byte[] framed = ConfluentWireFormat.frame(258, body);

        // Then: magic 00, id 00 00 01 02 (most significant byte first), then the body untouched
        assertThat(framed).containsExactly(0x00, 0x00, 0x00, 0x01, 0x02, 0xaa, 0xbb);
    }

    @Test
    void shouldReadSchemaIdAndBodyBackFromAFramedMessage() {
        // Given a message for schema id 0x7f000080 = 2130706560 with a one-byte body
        byte[] message = {0x00, 0x7f, 0x00, 0x00, (byte) 0x80, 0x06};

        // When it is unframed
        ConfluentWireFormat.Framed framed = ConfluentWireFormat.unframe(message);

        // Then the id is read big-endian, with 0x80 taken as unsigned, and the body follows the header
        assertThat(framed.schemaId()).isEqualTo(2130706560);
        assertThat(framed.avroOffset()).isEqualTo(5);
        assertThat(framed.avroLength()).isEqualTo(1);
        assertThat(framed.avroBinary()).containsExactly(0x06);
    }

    @Test
    void shouldNameTheByteFoundAndSuspectJsonWhenMessageStartsWithABrace() {
        // Given a JSON document where Avro was expected
        byte[] json = "{\"machineId\":\"press-1\"}".getBytes(StandardCharsets.UTF_8);

        // When / Then: '{' is 0x7b
        assertThatThrownBy(() -> ConfluentWireFormat.unframe(json))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown magic byte 0x7b: not Confluent Avro wire format (is this JSON?)");
    }

    @Test
    void shouldNameTheByteFoundWithoutGuessingWhenItIsNotJson() {
        // Given a message starting with 0x01 (no format Takt knows of)
        byte[] message = {0x01, 0x00, 0x00, 0x00, 0x01, 0x02};

        // When / Then
        assertThatThrownBy(() -> ConfluentWireFormat.unframe(message))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown magic byte 0x01: not Confluent Avro wire format");
    }

    @Test
    void shouldRejectAMessageShorterThanTheHeader() {
        // Given three bytes: a magic byte and only part of an id
        byte[] truncated = {0x00, 0x00, 0x01};

        // When / Then
        assertThatThrownBy(() -> ConfluentWireFormat.unframe(truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 byte(s)")
                .hasMessageContaining("shorter than the 5-byte Confluent header");
    }

    @Test
    void shouldAcceptAHeaderWithAnEmptyBody() {
        // Given a header alone, which is what a record with no fields encodes to
        byte[] headerOnly = {0x00, 0x00, 0x00, 0x00, 0x09};

        // When / Then
        ConfluentWireFormat.Framed framed = ConfluentWireFormat.unframe(headerOnly);
        assertThat(framed.schemaId()).isEqualTo(9);
        assertThat(framed.avroLength()).isZero();
    }
}
