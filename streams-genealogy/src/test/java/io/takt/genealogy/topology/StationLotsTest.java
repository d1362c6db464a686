package io.takt.genealogy.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class StationLotsTest {

    @Test
    void shouldReadTheStateOfTheBuildBeforeBookingsWereCountedTakingEachInputAsBookedOnce() throws IOException {
        // Given a station's state as the previous build wrote it (version 3): RAW-1 loaded since 0,
        // 500 pending, no output open, nothing recent, sent or settled
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(3);
            out.writeInt(1);
            out.writeUTF("RAW-1");
            out.writeUTF("STEEL");
            out.writeLong(0);
            out.writeUTF("H87");
            out.writeDouble(500);
            out.writeBoolean(false); // no output
            out.writeInt(0); // links
            out.writeInt(0); // recent
            out.writeInt(0); // settled ids
            out.writeInt(0); // sent
            out.writeInt(0); // closings sent
            out.writeLong(0); // settled until
            out.writeLong(7); // arrivals
        }

        // When this build reads it, and writes and reads it again
        StationLots read = StationLots.serde().deserializer().deserialize("t", bytes.toByteArray());
        StationLots again = StationLots.serde().deserializer().deserialize("t",
                StationLots.serde().serializer().serialize("t", read));

        // Then RAW-1 is loaded as before, booked once (not yet per use), and survives the new format
        StationLots.Input raw = new StationLots.Input("RAW-1", "STEEL", 0, "H87", 500, 1);
        assertThat(read.settled.inputs).containsExactly(java.util.Map.entry("STEEL", raw));
        assertThat(again.settled.inputs).containsExactly(java.util.Map.entry("STEEL", raw));
        assertThat(again.arrivals).isEqualTo(7);
        assertThat(raw.bookedPerUse()).isFalse();
    }
}
