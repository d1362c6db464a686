package io.takt.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;

/**
 * The live OEE records ({@code oee-live}: shift so far) of a synthetic plant as streams-oee writes
 * them: machines ten a line, ten lines an area ({@link ShopFloorEvents#equipment}), then their line,
 * area and site roll-ups. The plant's records are numbered: record {@code n} is equipment
 * {@code n % size()} in round {@code n / size()}, and in each round every machine has made one more
 * unit, so a record's produced quantity ({@code members x (1,000 + round)}) tells its number back
 * wherever the record shows up, without a field of its own.
 */
final class LiveOeePlant {

    /** Units each machine had made when the first round is sent. */
    private static final long UNITS_AT_START = 1_000;
    private static final Duration SHIFT = Duration.ofHours(8);
    /** The plant's shifts start at 06:00, 14:00 and 22:00 UTC. */
    private static final Duration FIRST_SHIFT = Duration.ofHours(6);
    /** Irrational step: availability and performance spread evenly over the equipment, never repeating. */
    private static final double SPREAD = 0.6180339887;

    /** One machine or roll-up; {@code ref} null for a roll-up, as streams-oee writes them. */
    private record Equipment(String id, EquipmentLevel level, EquipmentRef ref, int members) {
    }

    private final List<Equipment> equipment = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final int machines;
    private final long shiftStart;

    /** @param now when the plant's records are written: sets the shift they belong to */
    LiveOeePlant(String site, int machines, Instant now) {
        this.machines = machines;
        this.shiftStart = shiftStart(now);
        Map<String, Integer> lines = new LinkedHashMap<>();
        Map<String, Integer> areas = new LinkedHashMap<>();
        for (int m = 0; m < machines; m++) {
            EquipmentRef ref = ShopFloorEvents.equipment(site, m);
            add(new Equipment(ref.getId(), EquipmentLevel.MACHINE, ref, 1));
            String area = site + "." + ref.getArea();
            lines.merge(area + "." + ref.getLine(), 1, Integer::sum);
            areas.merge(area, 1, Integer::sum);
        }
        lines.forEach((id, members) -> add(new Equipment(id, EquipmentLevel.LINE, null, members)));
        areas.forEach((id, members) -> add(new Equipment(id, EquipmentLevel.AREA, null, members)));
        add(new Equipment(site, EquipmentLevel.SITE, null, machines));
    }

    private void add(Equipment e) {
        index.put(e.id(), equipment.size());
        equipment.add(e);
    }

    private static long shiftStart(Instant now) {
        Instant day = now.truncatedTo(ChronoUnit.DAYS).minus(SHIFT.minus(FIRST_SHIFT));
        long sinceFirst = now.toEpochMilli() - day.toEpochMilli();
        return day.toEpochMilli() + sinceFirst / SHIFT.toMillis() * SHIFT.toMillis();
    }

    /** Machines and roll-ups: records in a round. */
    int size() {
        return equipment.size();
    }

    int machines() {
        return machines;
    }

    int rollups() {
        return equipment.size() - machines;
    }

    /** The key of record {@code n} on the live topic: its equipment id. */
    String key(long n) {
        return equipment.get((int) (n % equipment.size())).id();
    }

    /** Record {@code n}, stamped with {@code wallMillis} as streams-oee stamps live records with wall-clock time. */
    OeeKpi record(long n, long wallMillis) {
        int i = (int) (n % equipment.size());
        Equipment e = equipment.get(i);
        long produced = e.members() * (UNITS_AT_START + n / equipment.size());
        long scrap = produced / 50;
        double availability = 0.78 + 0.17 * spread(i, 1);
        double performance = 0.86 + 0.12 * spread(i, 2);
        double quality = (produced - scrap) / (double) produced;
        long elapsed = Math.max(0, wallMillis - shiftStart) * e.members();
        long running = Math.round(elapsed * availability);
        double ideal = running * performance;
        OeeKpi.Builder kpi = OeeKpi.newBuilder().setEquipmentId(e.id()).setLevel(e.level()).setEquipment(e.ref())
                .setWindowKind(WindowKind.SHIFT).setWindowStart(Instant.ofEpochMilli(shiftStart))
                .setWindowEnd(Instant.ofEpochMilli(shiftStart + SHIFT.toMillis()))
                .setAccountedUntil(Instant.ofEpochMilli(wallMillis)).setStatus(WindowStatus.SO_FAR)
                .setPlannedOperationTimeMillis(elapsed).setPlannedDownTimeMillis(0).setPlannedBusyTimeMillis(elapsed)
                .setActualProductionTimeMillis(running).setActualSetupTimeMillis(0).setActualUnitDelayTimeMillis(0)
                .setActualUnitDownTimeMillis(elapsed - running).setNoDataTimeMillis(0).setMinorStopTimeMillis(0)
                .setMinorStopCount(0).setMinorStopPolicy(MinorStopPolicy.IN_RUN_TIME).setProducedQuantity(produced)
                .setGoodQuantity(produced - scrap).setScrapQuantity(scrap).setReworkQuantity(0)
                .setIdealTimeProducedMillis(ideal).setIdealTimeGoodMillis(ideal * quality)
                .setFailureEvents(e.members() * (i % 4)).setAvailability(availability).setPerformance(performance)
                .setQuality(quality).setOee(availability * performance * quality).setMembers(e.members())
                .setComputedAt(Instant.ofEpochMilli(wallMillis));
        if (e.level() == EquipmentLevel.MACHINE) {
            // Each machine running for a while of its own, so states since differ as on a real plant.
            kpi.setCurrentState(MachineState.RUNNING)
                    .setCurrentStateSince(Instant.ofEpochMilli(Math.max(shiftStart, wallMillis - (i % 600) * 1_000L)));
        }
        return kpi.build();
    }

    /**
     * The number of the record that shows {@code producedQuantity} for equipment {@code id} with
     * {@code members} machines; -1 when it is none of this plant's.
     */
    long recordNumber(String id, int members, long producedQuantity) {
        Integer i = index.get(id);
        if (i == null || members < 1 || producedQuantity % members != 0) {
            return -1;
        }
        long round = producedQuantity / members - UNITS_AT_START;
        return round < 0 ? -1 : round * equipment.size() + i;
    }

    private static double spread(int i, int salt) {
        double x = (i + 1) * SPREAD * salt;
        return x - Math.floor(x);
    }
}
