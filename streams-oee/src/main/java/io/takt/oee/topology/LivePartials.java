package io.takt.oee.topology;

import java.util.LinkedHashMap;
import java.util.Map;

import io.takt.oee.accounting.Elements;
import io.takt.oee.accounting.KpiRecords;
import io.takt.oee.accounting.WindowRef;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.OeeKpi;

/**
 * One task's share of each line's, area's and site's live record: the sum of the live records of
 * the task's machines in it, for the newest shift among them. Sending one partial per roll-up and
 * interval, instead of every machine's record three times, keeps the roll-up traffic to the
 * number of lines, not machines.
 */
final class LivePartials {

    private record Partial(EquipmentLevel level, WindowRef window, Elements elements, long accountedUntil,
                           int members) {
    }

    private final Map<String, Partial> partials = new LinkedHashMap<>();

    /** Adds a machine's live record to its line, area and site. */
    void add(OeeKpi live) {
        if (live.getEquipment() == null) {
            return;
        }
        WindowRef window = new WindowRef(live.getWindowKind(), live.getWindowStart().toEpochMilli(),
                live.getWindowEnd().toEpochMilli(), live.getShiftId());
        for (RollupIds.Rollup rollup : RollupIds.of(live.getEquipment())) {
            Partial partial = partials.get(rollup.id());
            // Machines still on an older shift are left out until their next record moves them on.
            if (partial == null || window.start() > partial.window().start()) {
                partial = new Partial(rollup.level(), window, new Elements(), Long.MIN_VALUE, 0);
            } else if (window.start() < partial.window().start()) {
                continue;
            }
            partial.elements().add(KpiRecords.elementsOf(live), 1);
            partials.put(rollup.id(), new Partial(rollup.level(), partial.window(), partial.elements(),
                    Math.max(partial.accountedUntil(), live.getAccountedUntil().toEpochMilli()),
                    partial.members() + 1));
        }
    }

    /** The partials by roll-up id, and forgets them. */
    Map<String, RollupMember> drain() {
        Map<String, RollupMember> records = new LinkedHashMap<>();
        partials.forEach((id, partial) -> records.put(id, new RollupMember(partial.level(), RollupMember.figures(
                partial.window(), partial.elements(), partial.accountedUntil(), partial.members(), false))));
        partials.clear();
        return records;
    }
}
