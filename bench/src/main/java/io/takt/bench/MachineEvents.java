package io.takt.bench;

import java.time.Instant;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.SourceRef;

/** Realistic machine state events for benchmarks: 12 machines on 3 lines, cycling through states. */
final class MachineEvents {

    private static final MachineState[] STATES = {MachineState.RUNNING, MachineState.MINOR_STOP,
        MachineState.RUNNING, MachineState.FAULT, MachineState.RUNNING, MachineState.STARVED};

    private MachineEvents() {
    }

    /** {@code count} distinct events, to be cycled through by the benchmarks. */
    static MachineStateChanged[] sample(int count) {
        MachineStateChanged[] events = new MachineStateChanged[count];
        Instant start = Instant.parse("2026-11-25T06:00:00Z");
        for (int i = 0; i < count; i++) {
            int line = i % 3 + 1;
            int machine = i % 4 + 1;
            String id = "site1.assembly.line" + line + ".m" + machine;
            events[i] = MachineStateChanged.newBuilder()
                    .setEquipment(EquipmentRef.newBuilder().setId(id).setEnterprise("acme").setSite("site1")
                            .setArea("assembly").setLine("line" + line).setMachine("m" + machine).build())
                    .setState(STATES[i % STATES.length])
                    .setRawState(String.valueOf(6 + i % 5))
                    .setReasonCode(i % 7 == 0 ? "1003" : null)
                    .setSourceTimestamp(start.plusMillis(i * 250L))
                    .setReceiveTimestamp(start.plusMillis(i * 250L + 30))
                    .setSource(SourceRef.newBuilder().setGatewayId("gw-1").setAddress(id + ".State").build())
                    .setSequence(i)
                    .build();
        }
        return events;
    }
}
