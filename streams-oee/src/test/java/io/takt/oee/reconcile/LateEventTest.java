package io.takt.oee.reconcile;

import static io.takt.oee.reconcile.PlantEvents.PRESS;
import static io.takt.oee.reconcile.PlantEvents.ms;
import static io.takt.oee.reconcile.PlantEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.takt.oee.OeeStores;
import io.takt.oee.calendar.ShiftCalendar;
import io.takt.platform.deadletter.DeadLetterHeaders;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;

class LateEventTest {

    private static final String TOPIC = "takt.site1.machine-state.v1";

    @Test
    void shouldLeaveOutTheLateEventTheStreamDeadLettered() {
        // Given press 3 running from 10:00, a FAULT at 10:20 read after the clock was at 10:50 (late by
        // more than the 5 min grace, so the stream dead-lettered offset 2), and idle from 10:50 to 11:10
        List<MachineStateChanged> read = List.of(state("10:00", MachineState.RUNNING),
                state("10:50", MachineState.IDLE), state("10:20", MachineState.FAULT),
                state("11:10", MachineState.IDLE));
        DeadLetterIndex deadLetters = DeadLetterIndex.of(List.of(deadLetter(TOPIC, 0, 2)));

        // When the batch takes only what was not dead-lettered
        List<MachineStateChanged> kept = new java.util.ArrayList<>();
        for (int offset = 0; offset < read.size(); offset++) {
            if (!deadLetters.rejected(new ConsumerRecord<>(TOPIC, 0, offset, PRESS, new byte[0]))) {
                kept.add(read.get(offset));
            }
        }
        Map<String, OeeKpi> windows = new BatchOee(PlantEvents.rules(MinorStopPolicy.IN_RUN_TIME),
                new WorkOrderHistory(List.of()), ref -> PlannedTime.of(ShiftCalendar.roundTheClock(ZoneOffset.UTC)))
                .windows(MachineEvents.byMachine(kept, List.of(), List.of()));

        // Then hour 10 is 10:00-10:50 running (3 000 000) and 10:50-11:00 idle (600 000): no fault at all
        OeeKpi ten = windows.get(OeeStores.kpiKey(PRESS, WindowKind.HOUR, ms("10:00")));
        assertThat(kept).hasSize(3);
        assertThat(ten.getActualProductionTimeMillis()).isEqualTo(3_000_000L);
        assertThat(ten.getActualUnitDownTimeMillis()).isEqualTo(600_000L);
        assertThat(ten.getActualUnitDelayTimeMillis()).isZero();
        assertThat(ten.getFailureEvents()).isZero();
    }

    @Test
    void shouldIgnoreDeadLettersThatDoNotNameTheirSource() {
        // Given a dead letter of another partition and one without headers
        DeadLetterIndex deadLetters = DeadLetterIndex.of(List.of(deadLetter(TOPIC, 1, 2),
                new ConsumerRecord<>("takt.site1.dlq.v1", 0, 1L, "k", new byte[0])));

        // Then neither names offset 2 of partition 0
        assertThat(deadLetters.rejected(new ConsumerRecord<>(TOPIC, 0, 2L, PRESS, new byte[0]))).isFalse();
        assertThat(deadLetters.sourceRecords()).isEqualTo(1);
    }

    private static ConsumerRecord<String, byte[]> deadLetter(String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.PARTITION, String.valueOf(partition).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.OFFSET, String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REASON, "late-event".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("takt.site1.dlq.v1", 0, 0L, -1L, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                -1, -1, PRESS, new byte[0], headers, java.util.Optional.empty());
    }
}
