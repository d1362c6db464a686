package io.takt.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serializer;

import io.micrometer.core.instrument.Counter;
import io.takt.dashboard.DashboardService;
import io.takt.dashboard.DashboardSettings;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.kafka.EmbeddedKafkaBroker;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.registry.server.RegistrySettings;
import io.takt.platform.registry.server.SchemaRegistryServer;
import io.takt.platform.serde.AvroDeserializer;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;
import io.takt.platform.topic.TopicSpec;
import io.takt.schemas.OeeKpi;

/**
 * The dashboard at a plant's KPI rate: live OEE records of a synthetic plant ({@link LiveOeePlant})
 * written to the live topic at a fixed rate while the dashboard as deployed ({@link DashboardService})
 * reads them and pushes them to SSE viewers ({@link SseViewer}), each record timed from its write to
 * the {@code update} event that shows it; then a burst flat out, for the rate the view takes records
 * in; then {@code GET /api/snapshot} of the whole plant and the heap. The baseline is the same
 * records on a topic of their own read by a plain consumer ({@link PlainLiveReader}). Broker,
 * registry, dashboard and viewers all run in this process. See {@code bench/README.md}.
 */
public final class DashboardBenchmark {

    static final String SITE = "site1";
    private static final int PARTITIONS = 3;
    /** Paced records before the timed ones: the view gets the whole plant, the JIT compiles the path. */
    static final Duration WARMUP = Duration.ofSeconds(5);
    private static final int SNAPSHOT_QUERIES = 100;
    private static final Duration GOAL = Duration.ofSeconds(1);
    /** How long the readers may take after the last record was acknowledged before a run is given up. */
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final String READ_METER = "takt.dashboard.records.read";

    /**
     * @param machines live records of this many machines, plus their line, area and site roll-ups
     * @param rate     records/s written in the paced runs
     * @param duration timed part of each paced run (after {@link #WARMUP})
     * @param clients  SSE viewers connected to the dashboard
     * @param burst    records written flat out in each burst run
     */
    public record Settings(int machines, int rate, Duration duration, int clients, int burst) {
        public Settings {
            require(machines >= 1 && machines <= 1_000_000, "machines must be 1 to 1,000,000, not " + machines);
            require(rate >= 1 && rate <= 1_000_000, "rate must be 1 to 1,000,000 records/s, not " + rate);
            require(duration.toSeconds() >= 1 && duration.toSeconds() <= 3_600,
                    "duration must be 1 to 3,600 s, not " + duration.toSeconds());
            require(clients >= 1 && clients <= 1_000, "clients must be 1 to 1,000, not " + clients);
            require(burst >= 1 && burst <= 50_000_000, "burst must be 1 to 50,000,000 records, not " + burst);
        }

        private static void require(boolean valid, String message) {
            if (!valid) {
                throw new IllegalArgumentException(message);
            }
        }

        long warmupRecords() {
            return (long) rate * WARMUP.toSeconds();
        }

        int timedRecords() {
            return Math.toIntExact((long) rate * duration.toSeconds());
        }

        long pacedRecords() {
            return warmupRecords() + timedRecords();
        }
    }

    /**
     * One run awaited: when the sender started and had every record acknowledged, whether every reader
     * got what it waits for within {@link #SETTLE}, when the last did, when the dashboard's view had
     * applied them all (0 when it is not watched), and the bytes every thread allocated meanwhile.
     */
    private record Run(long startNanos, long sentNanos, boolean complete, long readNanos, long appliedNanos,
                       long allocatedBytes) {
        long readAfterStart() {
            return readNanos - startNanos;
        }
    }

    private final Settings settings;
    private final BenchReport report;
    private LiveOeePlant plant;
    private String bootstrap;
    private Serializer<OeeKpi> values;
    private String liveTopic;

    public DashboardBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.report = new BenchReport(out);
    }

    public void run() throws Exception {
        plant = new LiveOeePlant(SITE, settings.machines(), Instant.now());
        report.header(String.format(Locale.ROOT, "Dashboard benchmark: %,d machines and %,d roll-ups, live OEE at %,d "
                        + "records/s for %d s (after %d s warm-up) to %d SSE viewers; bursts of %,d records",
                plant.machines(), plant.rollups(), settings.rate(), settings.duration().toSeconds(),
                WARMUP.toSeconds(), settings.clients(), settings.burst()), BenchReport.machine());
        report.line(String.format(Locale.ROOT, "plant: machines ten a line, ten lines an area, and the lines, areas "
                        + "and site: %,d live records a round, so at %,d records/s each equipment's live record every "
                        + "%.2f s; the paced runs write %,d records each, the first %,d untimed",
                plant.size(), settings.rate(), plant.size() / (double) settings.rate(), settings.pacedRecords(),
                settings.warmupRecords()));
        try (var broker = new EmbeddedKafkaBroker(EmbeddedKafkaBroker.Settings.ephemeral()).start();
             var registry = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(broker.bootstrapServers()))
                     .start();
             ServiceMetrics metrics = ServiceMetrics.create("takt-dashboard")) {
            bootstrap = broker.bootstrapServers();
            TaktConfig config = config(registry.url());
            TopicCatalogue topics = TopicCatalogue.from(DashboardSettings.from(config).platform());
            liveTopic = topics.oeeLive().name();
            TopicSpec baselineTopic = baselineOf(topics.oeeLive());
            List<TopicSpec> all = new ArrayList<>(topics.all());
            all.add(baselineTopic);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                new TopicProvisioner(admin).provision(all);
            }
            values = TaktSerdes.specific(OeeKpi.class, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()),
                    false).serializer();
            Figures baseline = baseline(registry.url(), baselineTopic.name());
            long heapBefore = Measurement.heapUsedAfterGc();
            try (DashboardService dashboard = DashboardService.create(config, metrics).start()) {
                if (!dashboard.awaitCaughtUp(Duration.ofMinutes(1))) {
                    throw new IllegalStateException("The dashboard did not catch up with its empty topics in 1 minute");
                }
                summary(withViewers(dashboard.url(), readMeter(metrics), baseline, heapBefore), baseline);
            }
        }
    }

    private TaktConfig config(String registryUrl) {
        return DashboardSettings.DEFINITION.validate(ConfigSources.builder().overrides(Map.of(
                "site", SITE, "kafka.bootstrap.servers", bootstrap, "schema.registry.url", registryUrl,
                "topics.partitions", String.valueOf(PARTITIONS), "topics.replication.factor", "1",
                DashboardSettings.HTTP_HOST.name(), "localhost", DashboardSettings.HTTP_PORT.name(), "0")).build());
    }

    /** A topic like the live one (partitions, compaction), read by nobody but the baseline. */
    private static TopicSpec baselineOf(TopicSpec live) {
        return new TopicSpec("takt." + SITE + ".bench-oee-live-baseline.v1", live.key(), live.valueType(),
                live.partitions(), live.replicationFactor(), live.cleanupPolicy(), live.retention(),
                live.extraConfigs(), "The dashboard benchmark's baseline: live OEE read by a plain consumer");
    }

    /** The dashboard's count of live records applied to its view ({@code takt_dashboard_records_read_total}). */
    private LongSupplier readMeter(ServiceMetrics metrics) {
        return () -> {
            Counter read = metrics.registry().find(READ_METER).tag("topic", liveTopic).counter();
            return read == null ? 0 : (long) read.count();
        };
    }

    /** What the summary compares: latency of the paced run, the burst (null when it was not all taken in). */
    private record Figures(Histogram latency, Measurement burst) {
        double burstPerSecond() {
            return burst == null ? Double.NaN : burst.throughput();
        }
    }

    private Figures baseline(String registryUrl, String topic) throws Exception {
        try (AvroDeserializer<OeeKpi> decoder = new AvroDeserializer<>(OeeKpi.class,
                new RestSchemaRegistryClient(registryUrl));
             PlainLiveReader reader = new PlainLiveReader(bootstrap, topic, decoder, plant)) {
            List<Arrivals> readers = List.of(reader.arrivals());
            Supplier<String> progress = () -> String.format(Locale.ROOT, "read %,d", reader.arrivals().received());
            Run paced = paced(topic, readers, true, reader::check, progress, null);
            Histogram latency = latency(readers);
            report.row(new Measurement("plain consumer: write -> poll, paced (baseline)", settings.pacedRecords(),
                    paced.sentNanos() - paced.startNanos(), latency, paced.allocatedBytes(),
                    Measurement.heapUsedAfterGc()), null);
            kept(paced, settings.pacedRecords(), "the consumer had read every record");
            Run burst = burst(topic, readers, true, reader::check, progress, null);
            Measurement burstRead = new Measurement("plain consumer: burst, all read (baseline)", settings.burst(),
                    burst.readAfterStart(), new Histogram(3), burst.allocatedBytes(),
                    Measurement.heapUsedAfterGc());
            report.row(burstRead, null);
            kept(burst, settings.burst(), "the consumer had read every record");
            return new Figures(latency, burst.complete() ? burstRead : null);
        }
    }

    private Figures withViewers(URI dashboard, LongSupplier applied, Figures baseline, long heapBefore)
            throws Exception {
        List<SseViewer> viewers = new ArrayList<>();
        try {
            for (int i = 1; i <= settings.clients(); i++) {
                viewers.add(new SseViewer(dashboard.resolve("/api/events"), plant, i));
            }
            for (SseViewer viewer : viewers) {
                if (!viewer.awaitSnapshot(Duration.ofSeconds(30))) {
                    viewer.check();
                    throw new IllegalStateException("An SSE viewer got no snapshot event in 30 s");
                }
            }
            Figures measured = measure(dashboard, applied, viewers, baseline);
            footprint(heapBefore);
            return measured;
        } finally {
            for (SseViewer viewer : viewers) {
                viewer.close();
            }
        }
    }

    private Figures measure(URI dashboard, LongSupplier applied, List<SseViewer> viewers, Figures baseline)
            throws Exception {
        List<Arrivals> readers = viewers.stream().map(SseViewer::arrivals).toList();
        Runnable check = () -> viewers.forEach(SseViewer::check);
        Supplier<String> progress = () -> String.format(Locale.ROOT, "view applied %,d; updates a viewer %,d",
                applied.getAsLong(), viewers.get(0).updates());
        long updatesBefore = viewers.get(0).updates();
        Run paced = paced(liveTopic, readers, false, check, progress, applied);
        Histogram latency = latency(readers);
        report.row(new Measurement("dashboard: write -> SSE update, paced", settings.pacedRecords(),
                paced.sentNanos() - paced.startNanos(), latency, paced.allocatedBytes(),
                Measurement.heapUsedAfterGc()), null);
        report.line(String.format(Locale.ROOT, "  -> p50 %.2fx, p99 %.2fx the latency of 'plain consumer: write -> "
                        + "poll, paced (baseline)'", ratio(latency, baseline.latency(), 50),
                ratio(latency, baseline.latency(), 99)));
        shown(viewers, latency, viewers.get(0).updates() - updatesBefore);
        kept(paced, settings.pacedRecords(), "every viewer had every equipment's last record");

        Run burst = burst(liveTopic, readers, false, check, progress, applied);
        Measurement view = null;
        if (burst.appliedNanos() > 0) {
            view = new Measurement("dashboard view: burst, all applied", settings.burst(),
                    burst.appliedNanos() - burst.startNanos(), new Histogram(3), burst.allocatedBytes(),
                    Measurement.heapUsedAfterGc());
            report.row(view, baseline.burst());
        }
        kept(burst, settings.burst(), "every viewer had every equipment's last record");

        SnapshotQueries snapshots = new SnapshotQueries(dashboard);
        report.row(snapshots.measure(String.format(Locale.ROOT, "GET /api/snapshot, %,d equipment", plant.size()),
                SNAPSHOT_QUERIES), null);
        report.line(String.format(Locale.ROOT, "  snapshot: %,d bytes (live OEE of every equipment; no trends, states, "
                + "stops or orders in this plant)", snapshots.bytes()));
        return new Figures(latency, view);
    }

    /**
     * Paced records; readers wait for every record ({@code everyRecord}) or each equipment's last one;
     * {@code applied} is the dashboard's count of records taken into its view, null when none runs.
     */
    private Run paced(String topic, List<Arrivals> readers, boolean everyRecord, Runnable check,
                      Supplier<String> progress, LongSupplier applied) throws InterruptedException {
        long count = settings.pacedRecords();
        SendTimes times = new SendTimes(settings.warmupRecords(), settings.timedRecords());
        readers.forEach(r -> r.expect(times, everyRecord ? 0 : Math.max(0, count - plant.size()), count));
        return await(() -> new LiveOeeSender(bootstrap, topic).paced(plant, values, liveTopic, 0, count,
                settings.rate(), times), count, readers, check, progress, applied);
    }

    /**
     * The burst's records, numbered after the paced ones, encoded beforehand and written flat out;
     * twice, and only the second is measured: the first leaves the producer's, the broker's and the
     * reader's code compiled for this rate, so the baseline, which bursts first, is not measured cold.
     */
    private Run burst(String topic, List<Arrivals> readers, boolean everyRecord, Runnable check,
                      Supplier<String> progress, LongSupplier applied) throws InterruptedException {
        long first = settings.pacedRecords();
        burstFrom(first, topic, readers, everyRecord, check, progress, applied);
        return burstFrom(first + settings.burst(), topic, readers, everyRecord, check, progress, applied);
    }

    private Run burstFrom(long first, String topic, List<Arrivals> readers, boolean everyRecord, Runnable check,
                          Supplier<String> progress, LongSupplier applied) throws InterruptedException {
        long end = first + settings.burst();
        List<byte[]> tape = LiveOeeSender.tape(plant, values, liveTopic, first, settings.burst(),
                System.currentTimeMillis());
        readers.forEach(r -> r.expect(new SendTimes(first, 0), everyRecord ? first : Math.max(first,
                end - plant.size()), end));
        return await(() -> new LiveOeeSender(bootstrap, topic).burst(plant, first, tape), settings.burst(), readers,
                check, progress, applied);
    }

    /** Starts the sender and waits until it and every reader (and the view, when watched) are done. */
    private Run await(Supplier<LiveOeeSender> start, long count, List<Arrivals> readers, Runnable check,
                      Supplier<String> progress, LongSupplier applied) throws InterruptedException {
        long appliedBefore = applied == null ? 0 : applied.getAsLong();
        long allocatedBefore = Measurement.allocatedByAllThreads();
        LiveOeeSender sender = start.get();
        boolean watchView = applied != null;
        long appliedNanos = 0;
        long nextProgress = sender.startNanos() + PROGRESS_NANOS;
        while (true) {
            sender.check();
            check.run();
            long now = System.nanoTime();
            if (watchView && appliedNanos == 0 && applied.getAsLong() - appliedBefore >= count) {
                appliedNanos = now;
            }
            boolean read = readers.stream().allMatch(Arrivals::complete);
            if (sender.done() && read && (!watchView || appliedNanos > 0)) {
                return new Run(sender.startNanos(), sender.doneNanos(), true, lastRead(readers), appliedNanos,
                        Measurement.allocatedByAllThreads() - allocatedBefore);
            }
            if (sender.done() && now - sender.doneNanos() > SETTLE.toNanos()) {
                return new Run(sender.startNanos(), sender.doneNanos(), false, now, appliedNanos,
                        Measurement.allocatedByAllThreads() - allocatedBefore);
            }
            if (now >= nextProgress) {
                report.line(String.format(Locale.ROOT, "  %3d s: %,d of %,d sent; %s",
                        TimeUnit.NANOSECONDS.toSeconds(now - sender.startNanos()), sender.sent(), count,
                        progress.get()));
                nextProgress += PROGRESS_NANOS;
            }
            Thread.sleep(5);
        }
    }

    private static long lastRead(List<Arrivals> readers) {
        return readers.stream().mapToLong(Arrivals::completeNanos).max().orElse(0);
    }

    private static Histogram latency(List<Arrivals> readers) {
        Histogram all = Measurement.newLatencyHistogram();
        readers.forEach(r -> r.addLatencyTo(all));
        return all;
    }

    private void kept(Run run, long records, String what) {
        if (run.complete()) {
            // A reader may have the last record before the producer has its acknowledgement back: then 0.
            report.line(String.format(Locale.ROOT, "  %s %,.0f ms after the last was acknowledged (all sent in %.1f s; "
                            + "%,.0f records/s from the first send to the last arrival)", what,
                    Math.max(0, run.readNanos() - run.sentNanos()) / 1e6, (run.sentNanos() - run.startNanos()) / 1e9,
                    records / (run.readAfterStart() / 1e9)));
        } else {
            report.line(String.format(Locale.ROOT, "  NOT kept up: not %s %d s after the last was acknowledged", what,
                    SETTLE.toSeconds()));
        }
    }

    /** How the paced run's records reached the viewers: a record replaced within a batch is never shown. */
    private void shown(List<SseViewer> viewers, Histogram latency, long updates) {
        long min = viewers.stream().mapToLong(v -> v.arrivals().timed()).min().orElse(0);
        double average = latency.getTotalCount() / (double) viewers.size();
        report.line(String.format(Locale.ROOT, "  each viewer was shown %,.0f of %,d timed records on average "
                        + "(%.1f %%, fewest %,d); any others were replaced by a newer record of their equipment "
                        + "before their batch went out; %.1f update events a second", average, settings.timedRecords(),
                100.0 * average / settings.timedRecords(), min, updates / (settings.pacedRecords()
                        / (double) settings.rate())));
    }

    private void footprint(long heapBefore) {
        long heap = Measurement.heapUsedAfterGc();
        report.line(String.format(Locale.ROOT, "heap used after GC: %.0f MiB with the dashboard (%,d equipment in its "
                        + "view) and %d viewers connected; %.0f MiB before it started (broker, registry): the "
                        + "dashboard's share ~%.0f MiB; max heap %d MiB", mib(heap), plant.size(), settings.clients(),
                mib(heapBefore), mib(heap - heapBefore), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
    }

    private void summary(Figures dashboard, Figures baseline) {
        report.line("");
        report.line(String.format(Locale.ROOT, "%-40s %14s %16s %8s", "write -> received", "dashboard (SSE)",
                "plain consumer", "ratio"));
        for (double percentile : new double[] {50, 90, 99, 100}) {
            String name = percentile == 100 ? "max" : String.format(Locale.ROOT, "p%.0f", percentile);
            report.line(String.format(Locale.ROOT, "%-40s %11.1f ms %13.1f ms %7.2fx", "latency " + name,
                    millis(dashboard.latency(), percentile), millis(baseline.latency(), percentile),
                    ratio(dashboard.latency(), baseline.latency(), percentile)));
        }
        report.line(String.format(Locale.ROOT, "%-40s %14.0f %16.0f %7.2fx", "burst records/s (view applied / read)",
                dashboard.burstPerSecond(), baseline.burstPerSecond(),
                dashboard.burstPerSecond() / baseline.burstPerSecond()));
        boolean met = dashboard.latency().getTotalCount() > 0
                && dashboard.latency().getValueAtPercentile(99) <= GOAL.toNanos();
        report.line(String.format(Locale.ROOT, "goal: p99 <= 1 s: %s (p99 %.1f ms write -> SSE update at %,d "
                + "records/s)", met ? "met" : "not met", millis(dashboard.latency(), 99), settings.rate()));
    }

    private static double millis(Histogram latency, double percentile) {
        return latency.getValueAtPercentile(percentile) / 1e6;
    }

    private static double ratio(Histogram latency, Histogram baseline, double percentile) {
        return (double) latency.getValueAtPercentile(percentile) / baseline.getValueAtPercentile(percentile);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
