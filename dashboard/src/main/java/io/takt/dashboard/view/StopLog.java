package io.takt.dashboard.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The stops read from the downtime topic: the newest for the stop list, and those of the current
 * shift for the Pareto. The topic is compacted and keeps every stop ever made, so only the newest
 * {@link #MAX_KEPT} (by start) are held; a shift with more stops than that would show a Pareto of
 * its newest ones.
 */
final class StopLog {

    static final int MAX_KEPT = 20_000;
    private static final Comparator<Stop> NEWEST_FIRST =
            Comparator.comparingLong(Stop::start).reversed().thenComparing(Stop::key);

    private final Map<String, Stop> byKey = new HashMap<>();
    private final NavigableSet<Stop> byStart = new TreeSet<>(NEWEST_FIRST);

    /** Adds a stop or replaces it with its later version (a reason added, the stop ended). */
    void put(Stop stop) {
        remove(stop.key());
        byKey.put(stop.key(), stop);
        byStart.add(stop);
        while (byStart.size() > MAX_KEPT) {
            byKey.remove(byStart.pollLast().key());
        }
    }

    /** A tombstone: streams-oee took the stop back (a late event undid it). */
    void remove(String key) {
        Stop old = byKey.remove(key);
        if (old != null) {
            byStart.remove(old);
        }
    }

    /** The {@code limit} stops that started last, newest first. */
    List<Stop> newest(int limit) {
        return byStart.stream().limit(limit).toList();
    }

    /**
     * Downtime per reason over the current shift, longest first (ties by reason, so the order is
     * stable), with the cumulative share of the total.
     *
     * @param shiftStartOf the start of the current shift of a machine, or null when not known yet
     *                     (its stops then all count)
     */
    List<ParetoBar> pareto(Function<String, Long> shiftStartOf) {
        Map<String, long[]> perReason = new LinkedHashMap<>();
        long total = 0;
        for (Stop stop : byStart) {
            Long shiftStart = shiftStartOf.apply(stop.equipmentId());
            if (shiftStart != null && stop.start() < shiftStart) {
                continue;
            }
            long[] sums = perReason.computeIfAbsent(stop.reason(), r -> new long[2]);
            sums[0] += stop.durationMillis();
            sums[1]++;
            total += stop.durationMillis();
        }
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>(perReason.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> e.getValue()[0]).reversed()
                .thenComparing(Map.Entry::getKey));
        List<ParetoBar> bars = new ArrayList<>();
        long running = 0;
        for (Map.Entry<String, long[]> reason : ranked) {
            running += reason.getValue()[0];
            bars.add(new ParetoBar(reason.getKey(), reason.getValue()[0], (int) reason.getValue()[1],
                    total == 0 ? 0.0 : (double) running / total));
        }
        return bars;
    }

    int size() {
        return byKey.size();
    }
}
