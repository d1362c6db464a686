package io.takt.acquisition.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import java.math.BigInteger;
import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.junit.jupiter.api.Test;

class DataValueConversionTest {

    private static final Instant SOURCE = Instant.parse("2025-03-01T08:15:30.250Z");
    private static final Instant SERVER = Instant.parse("2025-03-01T08:15:30.300Z");
    private static final Instant RECEIVED = Instant.parse("2025-03-01T08:15:30.420Z");

    @Test
    void shouldNormaliseEveryIntegerTypeToLong() {
        // Given OPC UA integers of each width and sign, When normalised, Then each is the same number as a Long
        assertThat(DataValueConversion.value(new Variant((byte) -7))).isEqualTo(-7L);
        assertThat(DataValueConversion.value(new Variant((short) -300))).isEqualTo(-300L);
        assertThat(DataValueConversion.value(new Variant(-70_000))).isEqualTo(-70_000L);
        assertThat(DataValueConversion.value(new Variant(5_000_000_000L))).isEqualTo(5_000_000_000L);
        assertThat(DataValueConversion.value(new Variant(ubyte(255)))).isEqualTo(255L);
        assertThat(DataValueConversion.value(new Variant(ushort(65_535)))).isEqualTo(65_535L);
        // UInt32 max is 2^32 - 1 = 4_294_967_295, beyond Int32
        assertThat(DataValueConversion.value(new Variant(uint(4_294_967_295L)))).isEqualTo(4_294_967_295L);
        assertThat(DataValueConversion.value(new Variant(ulong(12_345_678_901L)))).isEqualTo(12_345_678_901L);
    }

    @Test
    void shouldKeepAUInt64BeyondLongExactAsDecimalText() {
        // Given 2^63 = 9_223_372_036_854_775_808, one more than Long.MAX_VALUE
        ULong beyond = ULong.valueOf(new BigInteger("9223372036854775808"));

        // When normalised, Then it is not wrapped negative but kept exact as text
        assertThat(DataValueConversion.value(new Variant(beyond))).isEqualTo("9223372036854775808");
    }

    @Test
    void shouldNormaliseFloatToTheDoubleItsDecimalTextShows() {
        // Given Float 0.1f, whose binary value widened is 0.10000000149011612
        // When normalised, Then it is the Double 0.1 an operator sees on the HMI; doubles stay as they are
        assertThat(DataValueConversion.value(new Variant(0.1f))).isEqualTo(0.1);
        assertThat(DataValueConversion.value(new Variant(21.5f))).isEqualTo(21.5);
        assertThat(DataValueConversion.value(new Variant(Float.NaN))).isEqualTo(Double.NaN);
        assertThat(DataValueConversion.value(new Variant(1e300))).isEqualTo(1e300);
    }

    @Test
    void shouldNormaliseTextLikeTypesToString() {
        // Given strings, localized text, node ids, date-times and arrays
        assertThat(DataValueConversion.value(new Variant("R-100"))).isEqualTo("R-100");
        assertThat(DataValueConversion.value(new Variant(LocalizedText.english("Door open")))).isEqualTo("Door open");
        assertThat(DataValueConversion.value(new Variant(new NodeId(2, "Press1")))).isEqualTo("ns=2;s=Press1");
        assertThat(DataValueConversion.value(new Variant(new DateTime(SOURCE)))).isEqualTo("2025-03-01T08:15:30.250Z");
        assertThat(DataValueConversion.value(new Variant(new Integer[] {1, 2, 3}))).isEqualTo("[1, 2, 3]");
        // and booleans stay booleans, no value stays null
        assertThat(DataValueConversion.value(new Variant(true))).isEqualTo(true);
        assertThat(DataValueConversion.value(Variant.NULL_VALUE)).isNull();
    }

    @Test
    void shouldMapStatusSeverityToQuality() {
        // Given one status of each severity, When mapped, Then Good/Uncertain/Bad become GOOD/UNCERTAIN/BAD
        assertThat(DataValueConversion.quality(StatusCode.GOOD)).isEqualTo(SampleQuality.GOOD);
        assertThat(DataValueConversion.quality(new StatusCode(StatusCodes.Good_Overload))).isEqualTo(SampleQuality.GOOD);
        assertThat(DataValueConversion.quality(new StatusCode(StatusCodes.Uncertain_LastUsableValue)))
                .isEqualTo(SampleQuality.UNCERTAIN);
        assertThat(DataValueConversion.quality(new StatusCode(StatusCodes.Bad_SensorFailure)))
                .isEqualTo(SampleQuality.BAD);
    }

    @Test
    void shouldKeepTheValueOfABadSampleAndMarkItBad() {
        // Given a Bad_SensorFailure that still carries the last value
        DataValue value = new DataValue(new Variant(42.0), new StatusCode(StatusCodes.Bad_SensorFailure),
                new DateTime(SOURCE), new DateTime(SERVER));

        // When converted, Then the value is kept with quality BAD
        assertThat(DataValueConversion.toSample("opcua-1", "ns=2;s=T", value, RECEIVED))
                .isEqualTo(new TagSample("opcua-1", "ns=2;s=T", 42.0, SampleQuality.BAD, SOURCE, RECEIVED));
    }

    @Test
    void shouldTreatAStatusWithoutValueAsNoData() {
        // Given Bad_NoCommunication from the PLC driver, with no value
        DataValue value = new DataValue(Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_NoCommunication),
                new DateTime(SOURCE), new DateTime(SERVER));

        // When converted, Then the tag is unknown from the source time on
        assertThat(DataValueConversion.toSample("opcua-1", "ns=2;s=T", value, RECEIVED))
                .isEqualTo(new TagSample("opcua-1", "ns=2;s=T", null, SampleQuality.NO_DATA, SOURCE, RECEIVED));
    }

    @Test
    void shouldFallBackFromSourceToServerToReceiveTime() {
        // Given values with both timestamps, with only the server timestamp, and with none
        DataValue both = new DataValue(new Variant(1), StatusCode.GOOD, new DateTime(SOURCE), new DateTime(SERVER));
        DataValue serverOnly = new DataValue(new Variant(1), StatusCode.GOOD, null, new DateTime(SERVER));
        DataValue minSource = new DataValue(new Variant(1), StatusCode.GOOD, DateTime.MIN_VALUE, null);

        // When the source time is chosen, Then the best available one wins
        assertThat(DataValueConversion.sourceTime(both, RECEIVED)).isEqualTo(SOURCE);
        assertThat(DataValueConversion.sourceTime(serverOnly, RECEIVED)).isEqualTo(SERVER);
        assertThat(DataValueConversion.sourceTime(minSource, RECEIVED)).isEqualTo(RECEIVED);
    }
}
