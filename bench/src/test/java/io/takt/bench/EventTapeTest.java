package io.takt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;

class EventTapeTest {

    @TempDir
    Path dir;

    @Test
    void shouldPlayBackTheRecordedEventsInOrderWithTheirMachineKeys() throws Exception {
        // Given the first five events of two machines at one state change per count (see
        // ShopFloorEventsTest: m1 MINOR_STOP, m2 count, m2 STARVED, m1 RUNNING, m1 count), recorded with
        // serializers that write the topic and the event time
        ShopFloorEvents plant = new ShopFloorEvents("site1", 2, 1.0, Instant.EPOCH.plusSeconds(1_000_000_000L), 300);
        EventTape tape = EventTape.record(plant, 5, dir.resolve("tape"), "states",
                (topic, e) -> bytes(topic + "@" + ((MachineStateChanged) e).getSourceTimestamp().toEpochMilli()),
                "counts", (topic, e) -> bytes(topic + "@" + ((ProductionCount) e).getSourceTimestamp().toEpochMilli()));

        // When it is played
        List<String> played = new ArrayList<>();
        tape.play((key, stateChange, value) -> played.add(new String(key, StandardCharsets.UTF_8) + " " + stateChange
                + " " + new String(value, StandardCharsets.UTF_8)));

        // Then the events come back in order, keyed by machine id; times 1e12 ms + 0, 150, 450, 3000, 3300
        String m1 = "site1.area01.line001.m00001";
        String m2 = "site1.area01.line001.m00002";
        assertThat(played).containsExactly(m1 + " true states@1000000000000", m2 + " false counts@1000000000150",
                m2 + " true states@1000000000450", m1 + " true states@1000000003000",
                m1 + " false counts@1000000003300");
        assertThat(tape.stateChanges()).isEqualTo(3);
        assertThat(tape.events()).isEqualTo(5);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
