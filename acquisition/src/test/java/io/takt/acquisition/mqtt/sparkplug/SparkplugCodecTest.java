package io.takt.acquisition.mqtt.sparkplug;

import com.google.protobuf.InvalidProtocolBufferException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkplugCodecTest {

    /**
     * Payload {timestamp=300, metrics=[{name="A", datatype=Int32, int_value=150}], seq=5}, by hand:
     * <pre>
     * 08        field 1 (timestamp), varint: 1<<3|0
     * AC 02     300 = 0b10_0101100: low 7 bits 0x2C with the continuation bit = 0xAC, then 300>>7 = 2
     * 12 08     field 2 (metrics), length-delimited: 2<<3|2 = 18, 8 bytes follow
     *   0A 01 41  field 1 (name), length-delimited: 1<<3|2 = 10, 1 byte, 'A'
     *   20 03     field 4 (datatype), varint: 4<<3|0 = 32, Int32 = 3
     *   50 96 01  field 10 (int_value), varint: 10<<3|0 = 80; 150 = 0b1_0010110: 0x16|0x80 = 0x96, then 1
     * 18 05     field 3 (seq), varint: 3<<3|0 = 24, 5
     * </pre>
     */
    private static final byte[] ONE_INT32_METRIC = bytes(
            0x08, 0xAC, 0x02,
            0x12, 0x08, 0x0A, 0x01, 0x41, 0x20, 0x03, 0x50, 0x96, 0x01,
            0x18, 0x05);

    @Test
    void shouldEncodeOneInt32MetricToTheBytesWorkedOutByHand() {
        // Given
        SparkplugPayload payload = new SparkplugPayload(300L,
                List.of(SparkplugPayload.Metric.birth("A", null, SparkplugDataType.INT32, 150L, null)), 5L, null);

        // When
        byte[] encoded = SparkplugCodec.encode(payload);

        // Then
        assertThat(encoded).containsExactly(ONE_INT32_METRIC);
    }

    @Test
    void shouldDecodeTheBytesWorkedOutByHand() throws Exception {
        // When
        SparkplugPayload payload = SparkplugCodec.decode(ONE_INT32_METRIC);

        // Then
        assertThat(payload.timestamp()).isEqualTo(300L);
        assertThat(payload.seq()).isEqualTo(5L);
        assertThat(payload.uuid()).isNull();
        assertThat(payload.metrics()).hasSize(1);
        SparkplugPayload.Metric metric = payload.metrics().get(0);
        assertThat(metric.name()).isEqualTo("A");
        assertThat(metric.alias()).isNull();
        assertThat(metric.timestamp()).isNull();
        assertThat(metric.dataType()).isEqualTo(SparkplugDataType.INT32);
        assertThat(metric.value()).isEqualTo(MetricValue.ofInt(150));
        assertThat(SparkplugDataType.INT32.toSampleValue(metric.value())).contains(150L);
    }

    @Test
    void shouldCarryANegativeInt32AsItsUnsigned32BitTwosComplement() throws Exception {
        // Given a DATA metric {alias=7, int_value=-2}: -2 as uint32 is 0xFFFFFFFE, a 5-byte varint
        // FE FF FF FF 0F (7 bits at a time from the low end: 0x7E|0x80, 0x7F|0x80 x3, then 0x0F)
        SparkplugPayload payload = new SparkplugPayload(null,
                List.of(SparkplugPayload.Metric.data(7, SparkplugDataType.INT32, -2L, null)), null, null);

        // When
        byte[] encoded = SparkplugCodec.encode(payload);

        // Then: 12 (metrics) 08 (length: 2 + 1 + 5 bytes) | 10 07 (alias 7) | 50 FE FF FF FF 0F (int_value)
        assertThat(encoded).containsExactly(bytes(0x12, 0x08, 0x10, 0x07, 0x50, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F));
        SparkplugPayload.Metric decoded = SparkplugCodec.decode(encoded).metrics().get(0);
        assertThat(decoded.dataType()).isEqualTo(SparkplugDataType.UNKNOWN);
        assertThat(SparkplugDataType.INT32.toSampleValue(decoded.value())).contains(-2L);
    }

    @Test
    void shouldDecodeAFloatFromItsLittleEndianBits() throws Exception {
        // Given float_value 0.1f: IEEE bits 0x3DCCCCCD, fixed32 little-endian CD CC CC 3D; tag 12<<3|5 = 0x65
        byte[] bytes = bytes(0x12, 0x07, 0x20, 0x09, 0x65, 0xCD, 0xCC, 0xCC, 0x3D);

        // When
        SparkplugPayload.Metric metric = SparkplugCodec.decode(bytes).metrics().get(0);

        // Then: the float's shortest decimal, not 0.10000000149011612
        assertThat(metric.dataType()).isEqualTo(SparkplugDataType.FLOAT);
        assertThat(SparkplugDataType.FLOAT.toSampleValue(metric.value())).contains(0.1);
    }

    @Test
    void shouldSkipUnknownFieldsAndRecogniseADatasetWithoutDecodingIt() throws Exception {
        // Given a metric {name="D", datatype=DataSet(16), dataset_value={num_of_columns=1}} and an
        // unknown payload field 9 (varint):
        //   12 0A | 0A 01 44 | 20 10 | 8A 01 02 08 01   (3 + 2 + 5 = 10 bytes; tag 17<<3|2 = 138 = varint 8A 01)
        //   48 01                                       (9<<3|0 = 72, value 1)
        byte[] bytes = bytes(0x12, 0x0A, 0x0A, 0x01, 0x44, 0x20, 0x10, 0x8A, 0x01, 0x02, 0x08, 0x01, 0x48, 0x01);

        // When
        SparkplugPayload payload = SparkplugCodec.decode(bytes);

        // Then
        SparkplugPayload.Metric metric = payload.metrics().get(0);
        assertThat(metric.name()).isEqualTo("D");
        assertThat(metric.dataType()).isEqualTo(SparkplugDataType.DATASET);
        assertThat(metric.value().field()).isEqualTo(MetricValue.Field.DATASET);
        assertThat(metric.dataType().scalar()).isFalse();
        assertThat(metric.dataType().toSampleValue(metric.value())).isEmpty();
    }

    @Test
    void shouldRejectATruncatedMessage() {
        // Given metrics announcing 5 bytes of which only one is there
        byte[] bytes = bytes(0x12, 0x05, 0x0A);

        // When / Then
        assertThatThrownBy(() -> SparkplugCodec.decode(bytes)).isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void shouldRoundTripEveryHeaderFieldAndFlag() throws Exception {
        // Given
        SparkplugPayload.Metric flagged = new SparkplugPayload.Metric("Hist", 42L, 1_700_000_000_123L,
                SparkplugDataType.DOUBLE, true, true, false, MetricValue.ofDouble(2.5));
        SparkplugPayload.Metric nulled = SparkplugPayload.Metric.birth("Gone", 43L, SparkplugDataType.STRING, null,
                1_700_000_000_124L);
        SparkplugPayload payload = new SparkplugPayload(1_700_000_000_000L, List.of(flagged, nulled), 255L,
                "a-uuid");

        // When
        SparkplugPayload decoded = SparkplugCodec.decode(SparkplugCodec.encode(payload));

        // Then
        assertThat(decoded).isEqualTo(payload);
        assertThat(decoded.metrics().get(1).nullValue()).isTrue();
        assertThat(decoded.metrics().get(1).value()).isEqualTo(MetricValue.NONE);
    }

    @Test
    void shouldReadTheBdSeqAndRebirthMetricsByName() throws Exception {
        // Given
        SparkplugPayload payload = new SparkplugPayload(1L, List.of(
                SparkplugPayload.Metric.birth(SparkplugPayload.BD_SEQ, null, SparkplugDataType.INT64, 3L, null),
                SparkplugPayload.Metric.birth(SparkplugPayload.REBIRTH, null, SparkplugDataType.BOOLEAN, true, null)),
                0L, null);

        // When
        SparkplugPayload decoded = SparkplugCodec.decode(SparkplugCodec.encode(payload));

        // Then
        assertThat(decoded.metric("bdSeq").orElseThrow().value()).isEqualTo(MetricValue.ofLong(3));
        assertThat(decoded.metric("Node Control/Rebirth").orElseThrow().value()).isEqualTo(MetricValue.ofBoolean(true));
        assertThat(decoded.metric("missing")).isEmpty();
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
