package io.takt.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The query half of the genealogy benchmark: a warm-up and a check of the links of random lots,
 * then single-lot lookups (the baseline), backward traces of random finished lots and forward
 * traces of random raw lots, each at the asked depth over REST, and the verdict on the goal.
 */
final class TraceRuns {

    static final Duration GOAL_P99 = Duration.ofMillis(20);
    static final int WARM_UP = 300;
    static final int LINKS_CHECKED = 1000;
    private static final long SEED = 20261126L;

    private final TraceQueries api;
    private final LotFlow flow;
    private final int queries;
    private final int depth;
    private final BenchReport report;
    private final Random random = new Random(SEED);

    TraceRuns(TraceQueries api, LotFlow flow, int queries, int depth, BenchReport report) {
        this.api = api;
        this.flow = flow;
        this.queries = queries;
        this.depth = depth;
        this.report = report;
    }

    void run() {
        warmUp();
        checkLinks();
        List<String> finished = lots(flow.finishedLevel(), queries);
        List<String> raw = lots(0, queries);
        List<String> lookups = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            lookups.add(TraceQueries.lotPath(i % 2 == 0 ? finished.get(i) : raw.get(i)));
        }
        TraceQueries.Run lookup = api.run("GET /api/lots/{id}: one lot (baseline)", lookups);
        report.row(lookup.measurement(), null);
        failures(lookup);
        TraceQueries.Run backward = trace("backward", "finished", finished, lookup.measurement());
        TraceQueries.Run forward = trace("forward", "raw", raw, lookup.measurement());
        report.line(String.format(Locale.ROOT, "goal p99 <= %d ms over REST at depth %d: backward %.1f ms -> %s; "
                        + "forward %.1f ms -> %s", GOAL_P99.toMillis(), depth, p99Millis(backward), verdict(backward),
                p99Millis(forward), verdict(forward)));
    }

    /** Lookups and traces of both kinds, untimed: JIT, RocksDB's block cache and the connection warm up. */
    private void warmUp() {
        api.warmUp(lots(flow.finishedLevel(), WARM_UP).stream().map(TraceQueries::lotPath).toList());
        api.warmUp(lots(flow.finishedLevel(), WARM_UP).stream()
                .map(id -> TraceQueries.tracePath(id, "backward", depth)).toList());
        api.warmUp(lots(0, WARM_UP).stream().map(id -> TraceQueries.tracePath(id, "forward", depth)).toList());
    }

    /** Depth-1 backward traces of random lots against the parents the linking rule gives them. */
    private void checkLinks() {
        int linked = 0;
        String mismatch = null;
        for (int i = 0; i < LINKS_CHECKED; i++) {
            LotFlow.Lot lot = flow.random(1 + random.nextInt(LotFlow.LEVELS - 1), random);
            Set<String> traced = api.parents(flow.lotId(lot));
            if (traced.equals(flow.parentsOf(lot))) {
                linked++;
            } else if (mismatch == null) {
                mismatch = flow.lotId(lot) + " has parents " + traced + ", the rule gives " + flow.parentsOf(lot);
            }
        }
        report.line(String.format(Locale.ROOT, "queries: warmed up with %d lookups, %d backward and %d forward "
                + "traces; parents of %,d random made lots checked (depth-1 backward traces): %,d as the rule gives%s",
                WARM_UP, WARM_UP, WARM_UP, LINKS_CHECKED, linked, mismatch == null ? "" : "; NOT e.g. " + mismatch));
    }

    private TraceQueries.Run trace(String direction, String kind, List<String> lots, Measurement baseline) {
        TraceQueries.Run run = api.run(String.format(Locale.ROOT, "%s trace of a %s lot, depth %d", direction,
                kind, depth), lots.stream().map(id -> TraceQueries.tracePath(id, direction, depth)).toList());
        report.row(run.measurement(), baseline);
        Measurement m = run.measurement();
        report.line(String.format(Locale.ROOT, "  %s: %.1f lots and %.1f links a trace on average, %.0f%% cut short "
                        + "by the depth; p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms", direction, run.nodes(),
                run.edges(), 100 * run.truncatedShare(), m.latencyMicros(50) / 1e3, m.latencyMicros(99) / 1e3,
                m.latencyMicros(99.9) / 1e3, m.latency().getMaxValue() / 1e6));
        failures(run);
        return run;
    }

    private void failures(TraceQueries.Run run) {
        if (run.failures() > 0) {
            report.line(String.format(Locale.ROOT, "  %,d of %,d answers were errors (left out of the latency), "
                    + "first: %s", run.failures(), run.measurement().operations(), run.firstFailure()));
        }
    }

    private List<String> lots(int level, int count) {
        List<String> lots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lots.add(flow.lotId(flow.random(level, random)));
        }
        return lots;
    }

    private static double p99Millis(TraceQueries.Run run) {
        return run.measurement().latencyMicros(99) / 1e3;
    }

    private static String verdict(TraceQueries.Run run) {
        boolean fast = run.measurement().latency().getValueAtPercentile(99) <= GOAL_P99.toNanos();
        if (run.failures() > 0) {
            return String.format(Locale.ROOT, "NOT met (%,d errors)", run.failures());
        }
        return fast ? "met" : "NOT met";
    }
}
