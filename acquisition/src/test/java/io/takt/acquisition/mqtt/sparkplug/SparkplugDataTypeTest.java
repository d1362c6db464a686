package io.takt.acquisition.mqtt.sparkplug;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkplugDataTypeTest {

    static Stream<Arguments> everyScalarType() {
        return Stream.of(
                Arguments.of(SparkplugDataType.INT8, (long) Byte.MIN_VALUE, -128L),
                Arguments.of(SparkplugDataType.INT8, 127L, 127L),
                Arguments.of(SparkplugDataType.INT16, (long) Short.MIN_VALUE, -32768L),
                Arguments.of(SparkplugDataType.INT16, 32767L, 32767L),
                Arguments.of(SparkplugDataType.INT32, (long) Integer.MIN_VALUE, -2147483648L),
                Arguments.of(SparkplugDataType.INT32, 2147483647L, 2147483647L),
                Arguments.of(SparkplugDataType.INT64, Long.MIN_VALUE, Long.MIN_VALUE),
                Arguments.of(SparkplugDataType.INT64, Long.MAX_VALUE, Long.MAX_VALUE),
                Arguments.of(SparkplugDataType.UINT8, 255L, 255L),
                Arguments.of(SparkplugDataType.UINT16, 65535L, 65535L),
                // 2^32 - 1, which an int_value carries in all 32 bits
                Arguments.of(SparkplugDataType.UINT32, 4294967295L, 4294967295L),
                Arguments.of(SparkplugDataType.UINT64, Long.MAX_VALUE, Long.MAX_VALUE),
                // 2^64 - 1 does not fit a Long: the exact decimal text
                Arguments.of(SparkplugDataType.UINT64, "18446744073709551615", "18446744073709551615"),
                Arguments.of(SparkplugDataType.FLOAT, 0.1, 0.1),
                Arguments.of(SparkplugDataType.FLOAT, -1.5, -1.5),
                Arguments.of(SparkplugDataType.DOUBLE, Math.PI, Math.PI),
                Arguments.of(SparkplugDataType.BOOLEAN, true, true),
                Arguments.of(SparkplugDataType.BOOLEAN, false, false),
                Arguments.of(SparkplugDataType.STRING, "Presse läuft — Takt 12 s", "Presse läuft — Takt 12 s"),
                Arguments.of(SparkplugDataType.TEXT, "", ""),
                Arguments.of(SparkplugDataType.UUID, "0f8fad5b-d9cb-469f-a165-70867728950e",
                        "0f8fad5b-d9cb-469f-a165-70867728950e"),
                // 2024-01-02T03:04:05.678Z is 1704164645678 ms after the epoch
                Arguments.of(SparkplugDataType.DATETIME, Instant.parse("2024-01-02T03:04:05.678Z"), 1704164645678L));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyScalarType")
    void shouldRoundTripEveryScalarTypeThroughTheWire(SparkplugDataType type, Object published, Object normalised)
            throws Exception {
        // Given a birth and a data message (which omits the type) carrying the value
        SparkplugPayload payload = new SparkplugPayload(1L, List.of(
                SparkplugPayload.Metric.birth("M", 1L, type, published, 2L),
                SparkplugPayload.Metric.data(1L, type, published, 3L)), 0L, null);

        // When
        SparkplugPayload decoded = SparkplugCodec.decode(SparkplugCodec.encode(payload));

        // Then
        assertThat(decoded.metrics().get(0).dataType()).isEqualTo(type);
        assertThat(type.toSampleValue(decoded.metrics().get(0).value())).contains(normalised);
        assertThat(type.toSampleValue(decoded.metrics().get(1).value())).contains(normalised);
    }

    @Test
    void shouldReadASignedByteWhetherSentAsEightOr32Bits() {
        // Given Int8 -1 as the low byte 0xFF and as a sign-extended 0xFFFFFFFF
        MetricValue low = MetricValue.ofInt(0xFF);
        MetricValue extended = MetricValue.ofInt(0xFFFF_FFFFL);

        // Then: only the low 8 bits count
        assertThat(SparkplugDataType.INT8.toSampleValue(low)).contains(-1L);
        assertThat(SparkplugDataType.INT8.toSampleValue(extended)).contains(-1L);
        // and the same bits as UInt8 are 255
        assertThat(SparkplugDataType.UINT8.toSampleValue(extended)).contains(255L);
    }

    @Test
    void shouldReadAUInt32SentInLongValueAsSomeEncodersDo() {
        assertThat(SparkplugDataType.UINT32.toSampleValue(MetricValue.ofLong(4000000000L))).contains(4000000000L);
    }

    @Test
    void shouldRefuseValuesOutsideTheTypesRange() {
        assertThatThrownBy(() -> SparkplugDataType.INT8.toMetricValue(128L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT8");
        assertThatThrownBy(() -> SparkplugDataType.UINT16.toMetricValue(-1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SparkplugDataType.UINT64.toMetricValue(-1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SparkplugDataType.INT32.toMetricValue("12"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SparkplugDataType.DATASET.toMetricValue(1L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFindNoValueInAFieldTheTypeCannotUse() {
        assertThat(SparkplugDataType.INT32.toSampleValue(MetricValue.ofString("12"))).isEmpty();
        assertThat(SparkplugDataType.BOOLEAN.toSampleValue(MetricValue.ofInt(1))).isEmpty();
        assertThat(SparkplugDataType.STRING.toSampleValue(MetricValue.NONE)).isEmpty();
    }

    @Test
    void shouldMapCodesBothWaysAndTreatUnknownCodesAsUnknown() {
        assertThat(SparkplugDataType.fromCode(3)).isEqualTo(SparkplugDataType.INT32);
        assertThat(SparkplugDataType.fromCode(34)).isEqualTo(SparkplugDataType.DATETIME_ARRAY);
        assertThat(SparkplugDataType.fromCode(99)).isEqualTo(SparkplugDataType.UNKNOWN);
        assertThat(SparkplugDataType.TEMPLATE.code()).isEqualTo(19);
        assertThat(SparkplugDataType.UUID.scalar()).isTrue();
        assertThat(SparkplugDataType.DATASET.scalar()).isFalse();
    }
}
