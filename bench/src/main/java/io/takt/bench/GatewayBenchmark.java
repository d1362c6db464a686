package io.takt.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.delivery.buffer.FsyncPolicy;
import io.takt.acquisition.opcua.OpcUaConnection;
import io.takt.acquisition.opcua.OpcUaSource;
import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorSettings;
import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.acquisition.simulator.plant.PlantSettings;
import io.takt.acquisition.simulator.plant.ShiftCalendar;
import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.tagmap.SourceDefinition;
import io.takt.acquisition.tagmap.TagMap;
import io.takt.platform.kafka.EmbeddedKafkaBroker;
import io.takt.platform.registry.server.RegistrySettings;
import io.takt.platform.registry.server.SchemaRegistryServer;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;

/**
 * Tag updates per second one edge gateway sustains from the plant simulator to Kafka, all in this
 * process (simulator with its OPC UA server, gateway, embedded broker and registry, a downstream
 * consumer): against a bare OPC UA source that only counts (the transport's ceiling), with the
 * buffer's fsync off (the cost of durability), and the drain rate of the buffer after a broker
 * outage. See {@code bench/README.md} for what each figure means.
 */
public final class GatewayBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayBenchmark.class);
    private static final String SITE = "bench";
    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** At least this share of the simulator's changes must reach the gateway for the rate to count as sustained. */
    private static final double SUSTAINED_SHARE = 0.95;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /**
     * @param lines           simulator lines
     * @param machinesPerLine machines on each line (lines × machines ≤ 100,000)
     * @param speed           simulated seconds per wall-clock second: with the machines, sets the offered rate
     * @param warmup          run before each measurement (connect, initial values, JIT)
     * @param duration        each measurement window
     * @param fsync           the buffer's fsync policy of the main gateway run; the comparison run uses the other
     *                        side of durability ({@code none}, or {@code every-batch} if this is {@code none})
     * @param outage          how long the broker is down for the drain measurement; zero skips it
     */
    public record Settings(int lines, int machinesPerLine, double speed, Duration warmup, Duration duration,
                           FsyncPolicy fsync, Duration outage) {
        public Settings {
            if (lines < 1 || machinesPerLine < 1 || (long) lines * machinesPerLine > PlantSettings.MAX_MACHINES) {
                throw new IllegalArgumentException("machines must be LINESxMACHINES with 1 to "
                        + PlantSettings.MAX_MACHINES + " machines in all, not " + lines + "x" + machinesPerLine);
            }
            if (!(speed > 0 && speed <= SimulatorSettings.MAX_SPEED)) {
                throw new IllegalArgumentException("speed must be in (0, " + (long) SimulatorSettings.MAX_SPEED
                        + "], not " + speed);
            }
            if (warmup.isNegative() || duration.isNegative() || duration.isZero() || outage.isNegative()) {
                throw new IllegalArgumentException("warm-up and outage must be zero or more, duration more than zero");
            }
        }

        /**
         * 200 lines × 10 machines at 450× real time: about 0.11 tag changes per machine and
         * simulated second, so ≈ 95,000 tag changes/s offered, nearly twice the 50,000/s target; 20 s
         * of warm-up, as catching up with what the 14,600 subscribed tags did while the
         * subscription was being created takes the gateway about ten.
         */
        public static Settings defaults() {
            return new Settings(200, 10, 450, Duration.ofSeconds(20), Duration.ofSeconds(30), FsyncPolicy.EVERY_BATCH,
                    Duration.ofSeconds(10));
        }

        int machines() {
            return lines * machinesPerLine;
        }
    }

    private final Settings settings;
    private final BenchReport report;

    public GatewayBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.report = new BenchReport(out);
    }

    public void run() throws Exception {
        Path work = Files.createTempDirectory("takt-bench-gateway");
        try {
            run(work);
        } finally {
            BenchDirectory.delete(work);
        }
    }

    private void run(Path work) throws Exception {
        report.header(String.format(Locale.ROOT, "Gateway benchmark: simulator %dx%d = %d machines at %sx real time, "
                        + "OPC UA -> gateway -> Kafka in one process; %d s warm-up, %d s measured per run",
                settings.lines(), settings.machinesPerLine(), settings.machines(), number(settings.speed()),
                settings.warmup().toSeconds(), settings.duration().toSeconds()),
                BenchReport.machine() + ", " + loadAverage());
        try (var broker = new EmbeddedKafkaBroker(EmbeddedKafkaBroker.Settings.ephemeral()).start();
             var registry = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(broker.bootstrapServers()))
                     .start();
             var simulator = new PlantSimulator(simulatorSettings(work))) {
            TopicCatalogue topics = provision(broker.bootstrapServers());
            simulator.start();
            Measurement baseline = baseline(simulator, work.resolve("baseline"));
            Backbone backbone = new Backbone(broker, registry.url(), topics);
            Measurement durable = gateway(simulator, backbone, settings.fsync(), work, baseline, true);
            FsyncPolicy other = settings.fsync() == FsyncPolicy.NONE ? FsyncPolicy.EVERY_BATCH : FsyncPolicy.NONE;
            Measurement comparison = gateway(simulator, backbone, other, work, baseline, false);
            report.line(String.format(Locale.ROOT, "buffer.fsync=%s gives %.2fx the throughput of buffer.fsync=%s",
                    GatewayRun.text(settings.fsync()), durable.throughput() / comparison.throughput(),
                    GatewayRun.text(other)));
        }
        report.line("At the end: " + loadAverage());
    }

    /** The simulator without breaks in its shift calendar, so that the offered rate holds steady. */
    private SimulatorSettings simulatorSettings(Path work) {
        PlantSettings plant = PlantSettings.builder().seed(1).lines(settings.lines())
                .machinesPerLine(settings.machinesPerLine()).calendar(ShiftCalendar.none()).build();
        return SimulatorSettings.builder().plant(plant).speed(settings.speed()).bindHost("localhost").port(0)
                .pkiDirectory(work.resolve("simulator-pki")).build();
    }

    private static TopicCatalogue provision(String bootstrapServers) {
        TopicCatalogue topics = TopicCatalogue.forSite(SITE, 3, 1);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            new TopicProvisioner(admin).provision(topics.all());
        }
        return topics;
    }

    /** A bare OPC UA source on the same tag map, its samples only counted: what the transport gives. */
    private Measurement baseline(PlantSimulator simulator, Path dir) throws Exception {
        Path tagMapFile = SimulatorTagMap.write(simulator, "gw-baseline", SITE, dir.resolve("tagmap.yaml"));
        TagMap tagMap = TagMap.load(tagMapFile);
        SourceDefinition source = tagMap.sources().get(0);
        ChangeAge age = new ChangeAge(simulator.plant(), settings.speed());
        SampleCounter counter = new SampleCounter(age);
        OpcUaSource opcua = new OpcUaSource(OpcUaConnection.settings(source, tagMap.tagsOf(source.id()),
                dir.resolve("pki"), "gw-baseline"));
        try {
            opcua.start(counter);
            GatewayRun.awaitTrue(() -> opcua.status().state() == ConnectionState.CONNECTED, CONNECT_TIMEOUT,
                    "the bare OPC UA source did not connect");
            LOG.info("Baseline: bare OPC UA source subscribed to {} tags; warming up", tagMap.tags().size());
            Thread.sleep(settings.warmup().toMillis());
            age.sinceLastCall();
            Window window = window("baseline", () -> new Tally(System.nanoTime(), simulator.plant().tagChanges(),
                    counter.samples(), 0, 0, 0, 0, Measurement.allocatedByAllThreads(), Tally.processCpuNanos()));
            Histogram ages = age.sinceLastCall();
            Measurement m = new Measurement("bare OPC UA source, counting (baseline)", window.delta().samples(),
                    window.delta().nanos(), new Histogram(3), window.delta().allocated(),
                    Measurement.heapUsedAfterGc());
            report.row(m, null);
            report.line(String.format(Locale.ROOT, "  simulator offered %,.0f tag changes/s; the source delivered %.1f%%"
                    + " of them; the process kept %.2f of %d cores busy", window.delta().perSecond(
                    window.delta().offered()), share(window.delta()), window.delta().cores(), CORES));
            report.line("  age of a change when the listener had it " + ageLine(ages));
            return m;
        } finally {
            opcua.close();
        }
    }

    private Measurement gateway(PlantSimulator simulator, Backbone backbone, FsyncPolicy fsync, Path work,
            Measurement baseline, boolean drain) throws Exception {
        String policy = GatewayRun.text(fsync);
        ChangeAge age = new ChangeAge(simulator.plant(), settings.speed());
        try (GatewayRun gateway = new GatewayRun(simulator, fsync, work.resolve("gw-" + policy),
                backbone.broker().bootstrapServers(), backbone.registryUrl(), SITE)) {
            gateway.awaitRunning(CONNECT_TIMEOUT);
            LOG.info("Gateway (buffer.fsync={}) connected; warming up", policy);
            Measurement m;
            Window window;
            try (DeliveredEvents delivered = new DeliveredEvents(backbone.broker().bootstrapServers(),
                    backbone.registryUrl(), backbone.eventTopics(), age).start()) {
                Thread.sleep(settings.warmup().toMillis());
                delivered.latencySinceLastCall();
                age.sinceLastCall();
                window = window("gateway fsync " + policy, () -> gateway.tally(delivered.consumed()));
                m = new Measurement("gateway, buffer.fsync=" + policy, window.delta().samples(), window.delta().nanos(),
                        delivered.latencySinceLastCall(), window.delta().allocated(), Measurement.heapUsedAfterGc());
            }
            report.row(m, baseline);
            describe(window, m, age.sinceLastCall());
            if (drain && !settings.outage().isZero()) {
                drain(gateway, backbone.broker(), window.delta().perSecond(window.delta().eventsOut()));
            }
            return m;
        }
    }

    private void describe(Window window, Measurement m, Histogram ages) {
        Tally d = window.delta();
        report.line(String.format(Locale.ROOT, "  simulator offered %,.0f tag changes/s; the gateway took in %.1f%% of"
                + " them; the process kept %.2f of %d cores busy", d.perSecond(d.offered()), share(d), d.cores(), CORES));
        report.line(String.format(Locale.ROOT, "  events appended to the buffer %,.0f/s (%.0f per 100 samples), "
                        + "committed to Kafka %,.0f/s, read back by a read_committed consumer %,.0f/s",
                d.perSecond(d.eventsIn()), 100 * d.eventsIn() / Math.max(1, d.samples()), d.perSecond(d.eventsOut()),
                d.perSecond(d.consumed())));
        report.line(String.format(Locale.ROOT, "  latency gateway receive -> consumer has it (1 in %d timed, ms "
                        + "resolution): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms", DeliveredEvents.TIMED_EVERY,
                m.latencyMicros(50) / 1e3, m.latencyMicros(99) / 1e3, m.latencyMicros(99.9) / 1e3,
                m.latency().getMaxValue() / 1e6));
        report.line("  age of a change when the consumer had it " + ageLine(ages));
        // The backlog swings by a fraction of a second's events with each transaction and fsync: only
        // growth beyond a second's worth (or 5,000) over the window counts as falling behind.
        long allowed = Math.max(OutageDrain.DRAINED_AT, Math.round(d.perSecond(d.eventsIn())));
        boolean backlogHeld = d.undelivered() <= allowed;
        boolean keptUp = share(d) >= 100 * SUSTAINED_SHARE;
        List<String> reasons = new ArrayList<>();
        if (!backlogHeld) {
            reasons.add(String.format(Locale.ROOT, "the backlog grew by more than %,d", allowed));
        }
        if (!keptUp) {
            reasons.add("the gateway took in under " + Math.round(100 * SUSTAINED_SHARE) + "% of the changes");
        }
        report.line(String.format(Locale.ROOT, "  backlog (undelivered events): %,d at the start, %,d at the end, %,d "
                        + "at most -> %s", window.start().undelivered(), window.end().undelivered(), window.maxBacklog(),
                reasons.isEmpty() ? "rate sustained" : "NOT sustained (" + String.join("; ", reasons) + ")"));
    }

    private void drain(GatewayRun gateway, EmbeddedKafkaBroker broker, double liveDelivered)
            throws InterruptedException {
        Duration timeout = Duration.ofSeconds(Math.max(60, 10 * settings.outage().toSeconds()));
        OutageDrain.Result r = OutageDrain.measure(gateway, broker, settings.outage(), timeout);
        report.line(String.format(Locale.ROOT, "drain after a %.1f s broker outage (the gateway live throughout): "
                        + "%,.0f events appended during it (%,.0f/s), %,d waiting at the restart; first commit %.1f s "
                        + "after the restart", r.outageNanos() / 1e9, r.appendedInOutage(),
                r.appendedInOutage() / (r.outageNanos() / 1e9), r.backlog(), r.toFirstCommitNanos() / 1e9));
        if (r.drained()) {
            report.line(String.format(Locale.ROOT, "  drained to <= %,d in %.1f s: %,.0f events/s committed while "
                            + "catching up (%.2fx the live rate of %,.0f/s), backlog removed at %,.0f events/s net",
                    r.drainedAt(), r.catchUpNanos() / 1e9, r.deliveredPerSecond(), r.deliveredPerSecond()
                            / liveDelivered, liveDelivered, r.netPerSecond()));
        } else {
            report.line(String.format(Locale.ROOT, "  NOT drained within %d s of the first commit: %,d events still "
                    + "waiting, %,.0f committed meanwhile", timeout.toSeconds(), r.left(), r.deliveredInCatchUp()));
        }
    }

    /** Measures for the configured duration, watching the backlog each second and logging progress. */
    private Window window(String what, Supplier<Tally> tally) throws InterruptedException {
        Tally start = tally.get();
        long end = start.nanos() + settings.duration().toNanos();
        long maxBacklog = start.undelivered();
        Tally last = start;
        Tally now = start;
        while (now.nanos() < end) {
            Thread.sleep(Math.max(1, Math.min(1000, (end - now.nanos()) / 1_000_000)));
            now = tally.get();
            maxBacklog = Math.max(maxBacklog, now.undelivered());
            if (now.nanos() - last.nanos() >= PROGRESS_EVERY.toNanos()) {
                Tally d = now.since(last);
                LOG.info("{}: {} tag changes/s offered, {} samples/s in, {} events/s committed, backlog {}", what,
                        Math.round(d.perSecond(d.offered())), Math.round(d.perSecond(d.samples())),
                        Math.round(d.perSecond(d.eventsOut())), now.undelivered());
                last = now;
            }
        }
        return new Window(start, now, maxBacklog);
    }

    private static double share(Tally delta) {
        return delta.offered() == 0 ? 0 : 100.0 * delta.samples() / delta.offered();
    }

    private static String ageLine(Histogram ages) {
        if (ages.getTotalCount() == 0) {
            return "(nothing timed)";
        }
        return String.format(Locale.ROOT, "(simulated time / speed, ~100 ms resolution): p50 %.0f ms, p99 %.0f ms, "
                + "max %.0f ms", ages.getValueAtPercentile(50) / 1e6, ages.getValueAtPercentile(99) / 1e6,
                ages.getMaxValue() / 1e6);
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "load average unknown" : String.format(Locale.ROOT, "load average %.2f (1 min)", load);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** The start and end of a measurement window, and the largest backlog seen in it. */
    private record Window(Tally start, Tally end, long maxBacklog) {
        Tally delta() {
            return end.since(start);
        }
    }

    /** The broker, the registry and the site's topics. */
    private record Backbone(EmbeddedKafkaBroker broker, String registryUrl, TopicCatalogue topics) {
        List<String> eventTopics() {
            return List.of(topics.machineState().name(), topics.productionCount().name(),
                    topics.materialMovement().name(), topics.qualityResult().name());
        }
    }
}
