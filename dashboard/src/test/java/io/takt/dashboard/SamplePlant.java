package io.takt.dashboard;

import static io.takt.dashboard.testing.PlantRecords.confirmation;
import static io.takt.dashboard.testing.PlantRecords.liveMachine;
import static io.takt.dashboard.testing.PlantRecords.liveRollup;
import static io.takt.dashboard.testing.PlantRecords.machine;
import static io.takt.dashboard.testing.PlantRecords.stateChange;
import static io.takt.dashboard.testing.PlantRecords.stop;
import static io.takt.dashboard.testing.PlantRecords.stopKey;
import static io.takt.dashboard.testing.PlantRecords.window;
import static io.takt.dashboard.testing.PlantRecords.workOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.takt.dashboard.testing.TopicWriter;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;
import io.takt.schemas.WorkOrderStatus;

/**
 * A small plant written to the KPI topics by hand, as streams-oee and the ERP connector would:
 * two lines, seven machines, their live OEE, a minute trend, states, stops, four work orders. Every
 * figure a test asserts is chosen here; none is computed by the code under test. Percentages are
 * chosen so that rounding to one decimal never meets a tie (x.x5), where Java and JavaScript round
 * differently.
 */
final class SamplePlant {

    /** One machine's live figures and state. */
    record Machine(EquipmentRef ref, Double oee, Double availability, Double performance, Double quality,
                   MachineState state, String reason, int minutesInState) {
    }

    final String site;
    final Instant shiftStart;
    final Instant now;
    final String line1;
    final String line2;
    final String area;
    final Map<String, Machine> machines = new LinkedHashMap<>();
    final Map<String, OeeKpi> rollups = new LinkedHashMap<>();

    SamplePlant(String site) {
        this.site = site;
        this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.shiftStart = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        this.area = site + ".production";
        this.line1 = area + ".line1";
        this.line2 = area + ".line2";
        add("line1", "press1", 0.8123, 0.9, 0.93, 0.9706, MachineState.RUNNING, null, 42);
        add("line1", "press2", 0.6421, 0.78, 0.85, 0.9684, MachineState.FAULT, "JAM", 3);
        add("line1", "weld1", 0.7354, 0.86, 0.88, 0.9718, MachineState.STARVED, "NO-MATERIAL", 7);
        add("line1", "pack1", 0.5587, 0.65, 0.9, 0.9552, MachineState.RUNNING, null, 18);
        add("line2", "cnc1", 0.8842, 0.95, 0.94, 0.9902, MachineState.RUNNING, null, 65);
        add("line2", "cnc2", null, null, null, null, MachineState.PLANNED_STOP, "NO-ORDER", 130);
        add("line2", "wash1", 0.7012, 0.82, 0.88, 0.9717, MachineState.SETUP, "TOOL-CHANGE", 12);
        rollups.put(site, liveRollup(site, EquipmentLevel.SITE, 7, shiftStart, 0.7316, 0.84, 0.9, 0.9678));
        rollups.put(area, liveRollup(area, EquipmentLevel.AREA, 7, shiftStart, 0.7316, 0.84, 0.9, 0.9678));
        rollups.put(line1, liveRollup(line1, EquipmentLevel.LINE, 4, shiftStart, 0.6876, 0.7974, 0.89, 0.9687));
        rollups.put(line2, liveRollup(line2, EquipmentLevel.LINE, 3, shiftStart, 0.7931, 0.885, 0.91, 0.9848));
    }

    private void add(String line, String name, Double oee, Double a, Double p, Double q, MachineState state,
                     String reason, int minutesInState) {
        EquipmentRef ref = machine(site, line, name);
        machines.put(name, new Machine(ref, oee, a, p, q, state, reason, minutesInState));
    }

    EquipmentRef ref(String name) {
        return machines.get(name).ref();
    }

    /** Writes the whole plant and waits until the broker has it. */
    void write(TopicWriter writer, TopicCatalogue topics) {
        long sequence = 0;
        for (Machine m : machines.values()) {
            writer.send(topics.oeeLive().name(), m.ref().getId(),
                    liveMachine(m.ref(), shiftStart, m.oee(), m.availability(), m.performance(), m.quality()));
            writer.send(topics.machineState().name(), m.ref().getId(), stateChange(m.ref(), m.state(), m.reason(),
                    now.minus(Duration.ofMinutes(m.minutesInState())), ++sequence));
        }
        rollups.forEach((id, kpi) -> writer.send(topics.oeeLive().name(), id, kpi));
        writeTrend(writer, topics);
        writeStops(writer, topics);
        writeOrders(writer, topics);
        writer.flush();
    }

    /** Minute windows since the shift began: a slow wave per equipment, so the sparklines look like a shift. */
    private void writeTrend(TopicWriter writer, TopicCatalogue topics) {
        long minutes = Duration.between(shiftStart, now).toMinutes();
        int phase = 0;
        for (Machine m : machines.values()) {
            if (m.oee() != null) {
                writeWave(writer, topics, m.ref().getId(), EquipmentLevel.MACHINE, m.oee(), minutes, phase += 7);
            }
        }
        for (OeeKpi rollup : rollups.values()) {
            writeWave(writer, topics, rollup.getEquipmentId(), rollup.getLevel(), rollup.getOee(), minutes, phase += 5);
        }
    }

    private void writeWave(TopicWriter writer, TopicCatalogue topics, String id, EquipmentLevel level, double around,
                           long minutes, int phase) {
        for (long minute = 0; minute < minutes; minute++) {
            Instant start = shiftStart.plus(Duration.ofMinutes(minute));
            double oee = Math.max(0, Math.min(1, around + 0.08 * Math.sin((minute + phase) / 9.0)
                    + 0.03 * Math.sin((minute * 7 + phase) / 2.0)));
            writer.send(topics.oee().name(), id + "|MINUTE|" + start.toEpochMilli(),
                    window(id, level, WindowKind.MINUTE, start, Duration.ofMinutes(1), oee, WindowStatus.FINAL));
        }
    }

    /**
     * Stops this shift, by reason: TOOL-CHANGE 12 min (wash1, ongoing), JAM 6 + 4 = 10 min (press2,
     * the second ongoing), NO-MATERIAL 7 min (weld1, ongoing), E-STOP 3 min (pack1), a 40 s minor stop
     * without reason (press1); and an overhaul of cnc2 that began before the shift, outside the Pareto.
     */
    private void writeStops(TopicWriter writer, TopicCatalogue topics) {
        stopAt(writer, topics, "press2", MachineState.FAULT, "JAM", now.minus(Duration.ofMinutes(50)),
                Duration.ofMinutes(6), true);
        stopAt(writer, topics, "pack1", MachineState.FAULT, "E-STOP", now.minus(Duration.ofMinutes(40)),
                Duration.ofMinutes(3), true);
        stopAt(writer, topics, "press1", MachineState.MINOR_STOP, null, now.minus(Duration.ofMinutes(30)),
                Duration.ofSeconds(40), true);
        stopAt(writer, topics, "wash1", MachineState.SETUP, "TOOL-CHANGE", now.minus(Duration.ofMinutes(12)),
                Duration.ofMinutes(12), false);
        stopAt(writer, topics, "weld1", MachineState.STARVED, "NO-MATERIAL", now.minus(Duration.ofMinutes(7)),
                Duration.ofMinutes(7), false);
        stopAt(writer, topics, "press2", MachineState.FAULT, "JAM", now.minus(Duration.ofMinutes(4)),
                Duration.ofMinutes(4), false);
        stopAt(writer, topics, "cnc2", MachineState.PLANNED_STOP, "OVERHAUL", shiftStart.minus(Duration.ofHours(3)),
                Duration.ofHours(1), true);
    }

    private void stopAt(TopicWriter writer, TopicCatalogue topics, String machine, MachineState state, String reason,
                        Instant start, Duration length, boolean ended) {
        EquipmentRef ref = ref(machine);
        writer.send(topics.downtime().name(), stopKey(ref, start),
                stop(ref, state, reason, start, ended ? start.plus(length) : null, length));
    }

    /** Expected Pareto, longest first: (reason, ms, stops). */
    static final List<Object[]> PARETO = List.of(
            new Object[] {"TOOL-CHANGE", 720_000L, 1},
            new Object[] {"JAM", 600_000L, 2},
            new Object[] {"NO-MATERIAL", 420_000L, 1},
            new Object[] {"E-STOP", 180_000L, 1},
            new Object[] {"no reason (MINOR_STOP)", 40_000L, 1});

    /**
     * Orders and what was confirmed: 4500017 at op 30 (pack1) 612 of 1200 = 0.51; 4500018 on two
     * parallel CNCs at op 10, 180 + 95 = 275 of 500 = 0.55; 4500019 released, nothing made; 4500012
     * completed, 300 of 300 = 1.
     */
    private void writeOrders(TopicWriter writer, TopicCatalogue topics) {
        order(writer, topics, "4500017", "bracket", 1200, WorkOrderStatus.IN_PROGRESS, ref("pack1").getId(), 30);
        order(writer, topics, "4500018", "housing", 500, WorkOrderStatus.IN_PROGRESS, ref("cnc1").getId(), 20);
        order(writer, topics, "4500019", "plate", 800, WorkOrderStatus.RELEASED, ref("press1").getId(), 10);
        order(writer, topics, "4500012", "bracket", 300, WorkOrderStatus.COMPLETED, ref("pack1").getId(), 120);
        confirm(writer, topics, "4500017", "press1", 10, 900);
        confirm(writer, topics, "4500017", "weld1", 20, 640);
        confirm(writer, topics, "4500017", "pack1", 30, 612);
        confirm(writer, topics, "4500018", "cnc1", 10, 180);
        confirm(writer, topics, "4500018", "cnc2", 10, 95);
        confirm(writer, topics, "4500012", "pack1", 30, 300);
    }

    static final Map<String, Double> PROGRESS = Map.of("4500017", 0.51, "4500018", 0.55, "4500019", 0.0,
            "4500012", 1.0);

    private void order(TopicWriter writer, TopicCatalogue topics, String id, String product, double planned,
                       WorkOrderStatus status, String equipmentId, int minutesAgo) {
        writer.send(topics.workOrder().name(), id,
                workOrder(id, product, planned, status, equipmentId, now.minus(Duration.ofMinutes(minutesAgo))));
    }

    private void confirm(TopicWriter writer, TopicCatalogue topics, String order, String machine, int operation,
                         double good) {
        String equipmentId = ref(machine).getId();
        writer.send(topics.confirmation().name(), order + "/" + equipmentId,
                confirmation(order, equipmentId, operation, good, now));
    }
}
