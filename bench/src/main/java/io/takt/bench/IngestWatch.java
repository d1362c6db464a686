package io.takt.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Follows the genealogy app while it takes a plant's movements, as an operator would: its consumer
 * group's lag on the movement topic and on its internal (repartition) topics, from committed
 * offsets, so the app is not asked anything while it works; once everything is sent and both lags
 * are 0, the last lot of every station over REST (a depth-1 backward trace), until each shows the
 * parents the linking rule gives. That lot's edges come from its station's last movements and reach
 * the trace API through the global graph store: when all of them are there, the genealogy has it
 * all. Prints progress every 10 s.
 */
final class IngestWatch {

    private static final long NOT_YET = Long.MIN_VALUE;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** Nothing sent, committed or linked for this long: the run is stuck, not slow. */
    private static final Duration STALL = Duration.ofMinutes(2);
    /** Lags at 0 but lots still without the parents the rule gives after this long: they will not come. */
    private static final Duration UNLINKED_GRACE = Duration.ofSeconds(60);

    /**
     * How the ingest ended.
     *
     * @param lagZeroNanos  when the lags were first 0 with everything sent
     * @param doneNanos     when the last station's last lot had its parents (or the grace ran out)
     * @param linked        last lots with the parents the rule gives, of {@code stations}
     * @param firstMismatch a lot that did not, with what it had and what it should have had, or null
     */
    record Outcome(long lagZeroNanos, long doneNanos, int linked, int stations, String firstMismatch) {
    }

    private final TopicProgress progress;
    private final String group;
    private final List<String> input;
    private final List<String> internal;
    private final TraceQueries api;
    private final LotFlow flow;
    private final BenchReport report;

    IngestWatch(TopicProgress progress, String group, String inputTopic, List<String> internalTopics,
                TraceQueries api, LotFlow flow, BenchReport report) {
        this.progress = progress;
        this.group = group;
        this.input = List.of(inputTopic);
        this.internal = internalTopics;
        this.api = api;
        this.flow = flow;
        this.report = report;
    }

    Outcome await(MovementSender sender) throws InterruptedException {
        List<LotFlow.Lot> waiting = new ArrayList<>(flow.lastLots());
        int stations = waiting.size();
        long lastPrint = sender.startNanos();
        long lastChange = System.nanoTime();
        String lastState = "";
        long lagZero = NOT_YET;
        while (true) {
            sender.check();
            long inputLag = lag(input);
            long internalLag = lag(internal);
            long now = System.nanoTime();
            if (now - lastPrint >= PROGRESS_EVERY.toNanos()) {
                printProgress(sender, inputLag, internalLag, now);
                lastPrint = now;
            }
            String state = sender.sent() + "/" + inputLag + "/" + internalLag + "/" + waiting.size();
            if (!state.equals(lastState)) {
                lastState = state;
                lastChange = now;
            } else if (now - lastChange > STALL.toNanos()) {
                throw new IllegalStateException(String.format(Locale.ROOT, "The genealogy made no progress for %d s: "
                        + "%,d movements sent, lag %,d on the movement topic and %,d on the internal topics",
                        STALL.toSeconds(), sender.sent(), inputLag, internalLag));
            }
            if (sender.done() && inputLag == 0 && internalLag == 0) {
                lagZero = lagZero == NOT_YET ? now : lagZero;
                waiting.removeIf(lot -> api.parents(flow.lotId(lot)).equals(flow.parentsOf(lot)));
                if (waiting.isEmpty() || System.nanoTime() - lagZero > UNLINKED_GRACE.toNanos()) {
                    return new Outcome(lagZero, System.nanoTime(), stations - waiting.size(), stations,
                            waiting.isEmpty() ? null : mismatch(waiting.get(0)));
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void printProgress(MovementSender sender, long inputLag, long internalLag, long now) {
        report.line(String.format(Locale.ROOT, "  progress %4.0f s: %,d of %,d movements sent; lag %,d on the "
                        + "movement topic, %,d on the internal topics", (now - sender.startNanos()) / 1e9,
                sender.sent(), flow.movements(), inputLag, internalLag));
    }

    /** Records (offsets, markers included) on {@code topics} the group has not committed yet. */
    private long lag(List<String> topics) {
        long end = 0;
        for (String topic : topics) {
            end += progress.endOffsets(topic);
        }
        return Math.max(0, end - progress.committed(group, topics));
    }

    private String mismatch(LotFlow.Lot lot) {
        String id = flow.lotId(lot);
        Set<String> traced = api.parents(id);
        return id + " has parents " + traced + ", the rule gives " + flow.parentsOf(lot);
    }
}
