package io.takt.oee.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.takt.oee.OeeStores;
import io.takt.oee.accounting.Elements;
import io.takt.oee.accounting.KpiRecords;
import io.takt.oee.accounting.WindowRef;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.MinorStopPolicy;
import io.takt.schemas.WindowKind;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowStatus;

/**
 * Adds machine records up into line, area and site records, window by window: keeps each member's
 * latest elements and the sum, and on a member's update takes its old elements out of the sum and
 * puts the new ones in. KPIs are then computed from the summed elements, never averaged.
 *
 * <p>Input keys: {@code rollupId|KIND|start|machineId} for windows and {@code rollupId|LIVE|machineId}
 * for the live shift-so-far records; partitioned by the roll-up id.
 */
final class RollupProcessor implements Processor<String, RollupMember, String, OeeResult> {

    static final String LIVE = "LIVE";
    /** How often changed roll-up windows are published: whatever the live interval, windows are news. */
    static final Duration WINDOW_INTERVAL = Duration.ofSeconds(1);
    /** How long a final roll-up sum is kept after its window ended. */
    static final Duration RETENTION = Duration.ofDays(1);
    private static final EquipmentLevel[] LEVELS = EquipmentLevel.values();

    private final MinorStopPolicy policy;
    private final Duration liveInterval;
    /** Live roll-ups changed since the last punctuation: roll-up id to its sum's key and level. */
    private final Map<String, Map.Entry<String, EquipmentLevel>> changedLive = new LinkedHashMap<>();
    private ProcessorContext<String, OeeResult> context;
    private KeyValueStore<String, RollupSlot> members;
    private KeyValueStore<String, RollupSlot> sums;
    private KeyValueStore<String, byte[]> pending;
    private KeyValueStore<String, byte[]> purges;
    private long newestWindowEnd = Long.MIN_VALUE;

    RollupProcessor(MinorStopPolicy policy, Duration liveInterval) {
        this.policy = policy;
        this.liveInterval = liveInterval;
    }

    @Override
    public void init(ProcessorContext<String, OeeResult> context) {
        this.context = context;
        this.members = context.getStateStore(OeeTopology.ROLLUP_MEMBER_STORE);
        this.sums = context.getStateStore(OeeTopology.ROLLUP_SUM_STORE);
        this.pending = context.getStateStore(OeeTopology.ROLLUP_PENDING_STORE);
        this.purges = context.getStateStore(OeeTopology.ROLLUP_PURGE_STORE);
        context.schedule(liveInterval, PunctuationType.WALL_CLOCK_TIME, this::publishLive);
        context.schedule(WINDOW_INTERVAL, PunctuationType.WALL_CLOCK_TIME, wallTime -> publishWindows());
    }

    @Override
    public void process(Record<String, RollupMember> record) {
        RollupMember member = record.value();
        String key = record.key();
        String rollupId = OeeStores.equipmentOf(key);
        boolean live = key.startsWith(LIVE + OeeStores.SEPARATOR, rollupId.length() + 1);
        RollupSlot updated = member.slot();
        WindowRef window = updated.window();
        String sumKey = sumKey(rollupId, live, window.kind(), window.start());
        RollupSlot previous = members.get(key);
        if (previous != null) {
            change(sumKey(rollupId, live, window.kind(), previous.window().start()), previous, -1);
        }
        // A FINAL member never changes again: its share stays in the sum, its slot can go.
        if (!live && member.isFinal()) {
            members.delete(key);
        } else {
            members.put(key, updated);
        }
        change(sumKey, updated, 1);
        EquipmentLevel level = member.level();
        // Published by the punctuator, at most once per interval however many members report. The
        // windows waiting are kept in a store: a crash between update and publication must not lose one.
        if (live) {
            changedLive.put(rollupId, Map.entry(sumKey, level));
        } else {
            pending.put(sumKey, new byte[] {(byte) level.ordinal()});
            newestWindowEnd = Math.max(newestWindowEnd, window.end());
        }
    }

    private void publishWindows() {
        purgeFinalSums();
        List<KeyValue<String, byte[]>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = pending.all()) {
            all.forEachRemaining(waiting::add);
        }
        for (KeyValue<String, byte[]> entry : waiting) {
            pending.delete(entry.key);
            RollupSlot sum = sums.get(entry.key);
            if (sum == null) {
                continue;
            }
            String rollupId = OeeStores.equipmentOf(entry.key);
            OeeKpi rollup = rollupRecord(rollupId, LEVELS[entry.value[0]], sum);
            WindowRef window = sum.window();
            context.forward(new Record<>(OeeStores.kpiKey(rollupId, window.kind(), window.start()),
                    new OeeResult(OeeResult.Channel.WINDOW, rollup), window.end()));
            if (rollup.getStatus() == WindowStatus.FINAL) {
                purges.put(String.format("%013d", window.end()) + OeeStores.SEPARATOR + entry.key, new byte[0]);
            }
        }
    }

    // Final sums are kept a day after their window ended (by the newest window this task has seen),
    // so a member whose records come very late still adds to the whole sum, then dropped.
    private void purgeFinalSums() {
        if (newestWindowEnd == Long.MIN_VALUE) {
            return;
        }
        String upTo = String.format("%013d", Math.max(0, newestWindowEnd - RETENTION.toMillis()));
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> old = purges.range("0", upTo)) {
            old.forEachRemaining(entry -> expired.add(entry.key));
        }
        for (String purge : expired) {
            sums.delete(purge.substring(purge.indexOf(OeeStores.SEPARATOR) + 1));
            purges.delete(purge);
        }
    }

    // Stamped with the wall clock: one key's updates must not go back in time for the tables that
    // read the live topic.
    private void publishLive(long wallTime) {
        changedLive.forEach((rollupId, sumAndLevel) -> {
            RollupSlot sum = sums.get(sumAndLevel.getKey());
            if (sum != null) {
                OeeKpi rollup = rollupRecord(rollupId, sumAndLevel.getValue(), sum);
                context.forward(new Record<>(rollupId, new OeeResult(OeeResult.Channel.LIVE, rollup), wallTime));
            }
        });
        changedLive.clear();
    }

    /** {@code rollupId|KIND|start}, or {@code rollupId|LIVE|start} for the live sums of one shift. */
    private static String sumKey(String rollupId, boolean live, WindowKind kind, long windowStart) {
        return rollupId + OeeStores.SEPARATOR + (live ? LIVE : kind.name()) + OeeStores.SEPARATOR + windowStart;
    }

    private void change(String sumKey, RollupSlot member, int sign) {
        RollupSlot stored = sums.get(sumKey);
        RollupSlot sum = stored == null
                ? new RollupSlot(member.window(), new Elements(), member.accountedUntil(), 0, 0)
                : stored;
        sum.elements().add(member.elements(), sign);
        RollupSlot changed = new RollupSlot(sum.window(), sum.elements(),
                Math.max(sum.accountedUntil(), member.accountedUntil()),
                sum.members() + sign * member.members(), sum.finals() + sign * member.finals());
        if (changed.members() == 0) {
            sums.delete(sumKey);
        } else {
            sums.put(sumKey, changed);
        }
    }

    private OeeKpi rollupRecord(String rollupId, EquipmentLevel level, RollupSlot sum) {
        WindowStatus status = sum.finals() == sum.members() ? WindowStatus.FINAL : WindowStatus.SO_FAR;
        OeeKpi kpi = KpiRecords.of(rollupId, level, null, sum.window(), sum.elements(), sum.accountedUntil(), status,
                policy, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        kpi.setMembers(sum.members());
        return kpi;
    }
}
