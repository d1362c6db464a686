package io.takt.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.oee.OeeService;
import io.takt.oee.OeeSettings;
import io.takt.oee.topology.OeeSerdes;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.kafka.EmbeddedKafkaBroker;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.registry.server.RegistrySettings;
import io.takt.platform.registry.server.SchemaRegistryServer;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;

/**
 * Input events/s the OEE topology sustains (OeeService as deployed: Kafka Streams, exactly_once_v2,
 * RocksDB) against a raw produce-to-consume pass-through of the same bytes on the same broker, its
 * end-to-end latency from a state change to the live record showing it, and its heap. Broker,
 * registry, producers, the app and the probes all run in this process. See {@code bench/README.md}.
 */
public final class OeeBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(OeeBenchmark.class);
    static final String SITE = "site1";
    static final String APPLICATION_ID = "takt-oee-bench";
    /** Simulated start: the early shift's last half hour, so the run crosses an hour and a shift change. */
    private static final Instant START = Instant.parse("2026-11-25T13:30:00Z");
    private static final long STEP_MILLIS = 300;
    private static final String SHIFTS = "early=06:00-14:00,late=14:00-22:00,night=22:00-06:00";
    private static final String BREAKS = "10:00-10:15,18:00-18:15,02:00-02:15";
    /** No progress for this long means the run is stuck, not slow. */
    private static final Duration STALL = Duration.ofSeconds(90);
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final double GOAL_SHARE = 0.5;
    private static final double GOAL_RATE = 150_000;
    private static final Duration GOAL_P99 = Duration.ofSeconds(1);

    /**
     * @param machines             machines in the plant (ten a line, ten lines an area)
     * @param events               events in the throughput runs
     * @param partitions           partitions of every topic (inputs, outputs, pass-through)
     * @param stateChangesPerCount state changes per production count in the event stream
     * @param threads              stream threads of the OEE app ({@code oee.threads})
     * @param rate                 events/s offered in the latency run
     * @param latencyDuration      length of the latency run; zero skips it
     */
    public record Settings(int machines, long events, int partitions, double stateChangesPerCount, int threads,
                           int rate, Duration latencyDuration) {
        public Settings {
            if (machines < 1 || machines > 1_000_000) {
                throw new IllegalArgumentException("machines must be 1 to 1,000,000, not " + machines);
            }
            if (events < 1) {
                throw new IllegalArgumentException("events must be at least 1, not " + events);
            }
            if (partitions < 1 || partitions > 64 || threads < 1 || threads > 64) {
                throw new IllegalArgumentException("partitions and threads must be 1 to 64");
            }
            if (!(stateChangesPerCount > 0 && stateChangesPerCount <= 2)) {
                throw new IllegalArgumentException("state changes per count must be in (0, 2], not "
                        + stateChangesPerCount);
            }
            if (rate < 1 || latencyDuration.isNegative()) {
                throw new IllegalArgumentException("rate must be at least 1 and the latency run zero or longer");
            }
        }

        public static Settings defaults() {
            return new Settings(1000, 2_000_000, 2, 0.1, 1, 3_000, Duration.ofSeconds(30));
        }
    }

    private final Settings settings;
    private final BenchReport report;
    // Sustained (10 % -> 90 %) rates of the baseline and of the OEE app, for the verdict.
    private double baselineSustained;
    private double oeeSustained;

    public OeeBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.report = new BenchReport(out);
    }

    public void run() throws Exception {
        Path work = Files.createTempDirectory("takt-bench-oee");
        try {
            run(work);
        } finally {
            BenchDirectory.delete(work);
        }
    }

    private void run(Path work) throws Exception {
        report.header(String.format(Locale.ROOT, "OEE benchmark: %,d machines, %,d events, %d partitions, %.2f state "
                        + "changes per count, %d stream thread(s), exactly_once_v2", settings.machines(),
                settings.events(), settings.partitions(), settings.stateChangesPerCount(), settings.threads()),
                BenchReport.machine() + ", " + loadAverage());
        try (var broker = new EmbeddedKafkaBroker(EmbeddedKafkaBroker.Settings.ephemeral()).start();
             var registry = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(broker.bootstrapServers()))
                     .start();
             var progress = new TopicProgress(broker.bootstrapServers())) {
            var client = new RestSchemaRegistryClient(registry.url());
            OeeSerdes serdes = OeeSerdes.on(client);
            TopicCatalogue topics = TopicCatalogue.forSite(SITE, settings.partitions(), 1);
            ShopFloorEvents plant = new ShopFloorEvents(SITE, settings.machines(), settings.stateChangesPerCount(),
                    START, STEP_MILLIS);
            EventTape tape = EventTape.record(plant, settings.events(), work.resolve("events.tape"),
                    topics.machineState().name(), serdes.machineState().serializer(),
                    topics.productionCount().name(), serdes.productionCount().serializer());
            describe(tape, plant);
            Measurement baseline = passThrough(broker.bootstrapServers(), progress, tape);
            streamsFloor(broker.bootstrapServers(), progress, serdes, tape, baseline, work);
            long heapBefore = heapUsedAfterGc();
            try (ServiceMetrics metrics = ServiceMetrics.create("oee-bench");
                 OeeService app = OeeService.create(appConfig(broker.bootstrapServers(), registry.url(), work),
                         metrics).start()) {
                if (!app.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("The OEE app did not reach RUNNING in 2 minutes: "
                            + app.streams().state());
                }
                Measurement oee = oee(broker.bootstrapServers(), progress, topics, tape, baseline);
                outputs(broker.bootstrapServers(), progress, topics, tape);
                if (!settings.latencyDuration().isZero()) {
                    latency(broker.bootstrapServers(), progress, topics, serdes, plant);
                }
                memory(heapBefore, work.resolve("oee-state"));
                verdict(baseline, oee);
            }
        }
        report.line("At the end: " + loadAverage());
    }

    private void describe(EventTape tape, ShopFloorEvents plant) {
        report.line(String.format(Locale.ROOT, "event stream: %,d events (%,d state changes, %,d production counts), "
                        + "%.0f bytes a value on average, %s simulated from %s (one event per running machine "
                        + "every %d ms)", tape.events(), tape.stateChanges(), tape.events() - tape.stateChanges(),
                tape.averageValueBytes(), Duration.ofMillis(plant.simulatedMillis()), START, STEP_MILLIS));
    }

    private Map<String, String> appSettings(String bootstrap, String registryUrl, Path work) {
        return Map.ofEntries(Map.entry("site", SITE), Map.entry("kafka.bootstrap.servers", bootstrap),
                Map.entry("schema.registry.url", registryUrl),
                Map.entry("topics.partitions", String.valueOf(settings.partitions())),
                Map.entry("topics.replication.factor", "1"),
                Map.entry(OeeSettings.APPLICATION_ID.name(), APPLICATION_ID),
                Map.entry(OeeSettings.STATE_DIR.name(), work.resolve("oee-state").toString()),
                Map.entry(OeeSettings.THREADS.name(), String.valueOf(settings.threads())),
                Map.entry(OeeSettings.HTTP_HOST.name(), "localhost"),
                Map.entry(OeeSettings.HTTP_PORT.name(), "0"),
                Map.entry("oee.calendar.shifts", SHIFTS), Map.entry("oee.calendar.breaks", BREAKS));
    }

    private io.takt.platform.config.TaktConfig appConfig(String bootstrap, String registryUrl, Path work) {
        return OeeSettings.DEFINITION.validate(ConfigSources.builder()
                .overrides(appSettings(bootstrap, registryUrl, work)).build());
    }

    /** The baseline: the same bytes produced flat out to two topics and read back by a plain consumer. */
    private Measurement passThrough(String bootstrap, TopicProgress progress, EventTape tape) throws Exception {
        List<String> topics = benchTopics(progress, "bench-passthrough");
        String states = topics.get(0);
        String counts = topics.get(1);
        AtomicLong consumed = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> readAll(bootstrap, List.of(states, counts), tape.events(), consumed, failure),
                "bench-passthrough-consumer");
        reader.setDaemon(true);
        reader.start();
        // The consumer reads from the earliest offset of empty topics: it may start after the producer.
        Flow flow = flow("pass-through", bootstrap, tape, states, counts, consumed::get);
        reader.join(STALL.toMillis());
        if (failure.get() != null) {
            throw failure.get();
        }
        Measurement m = flow.measurement("Kafka produce -> consume, same bytes (baseline)");
        report.row(m, null);
        flow.describe(report, "consumer");
        baselineSustained = flow.steadyRate();
        return m;
    }

    /** The same bytes through a Kafka Streams app that decodes them and keeps nothing: the ceiling. */
    private void streamsFloor(String bootstrap, TopicProgress progress, OeeSerdes serdes, EventTape tape,
                              Measurement baseline, Path work) throws Exception {
        List<String> topics = benchTopics(progress, "bench-floor");
        String states = topics.get(0);
        String counts = topics.get(1);
        try (StreamsFloor floor = new StreamsFloor(bootstrap, serdes, states, counts, work.resolve("floor-state"))
                .start()) {
            Flow flow = flow("Kafka Streams floor", bootstrap, tape, states, counts,
                    () -> progress.committed(StreamsFloor.APPLICATION_ID, List.of(states, counts)));
            Measurement m = flow.measurement("Kafka Streams, exactly_once_v2, Avro decode, no state (ceiling)");
            report.row(m, baseline);
            flow.describe(report, "Streams floor (committed offsets)");
        }
    }

    /** A state and a count topic of the bench's own, {@code <name>-state} and {@code <name>-count}, ready. */
    private List<String> benchTopics(TopicProgress progress, String name) throws Exception {
        List<String> topics = List.of("takt." + SITE + "." + name + "-state.v1", "takt." + SITE + "." + name
                + "-count.v1");
        progress.admin().createTopics(topics.stream().map(t -> new NewTopic(t, settings.partitions(), (short) 1))
                .toList()).all().get();
        progress.awaitLeaders(topics, Duration.ofSeconds(30));
        return topics;
    }

    private static void readAll(String bootstrap, List<String> topics, long events, AtomicLong consumed,
                                AtomicReference<Exception> failure) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "bench-passthrough",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + STALL.toNanos();
            while (consumed.get() < events && System.nanoTime() < deadline) {
                int n = consumer.poll(Duration.ofMillis(50)).count();
                if (n > 0) {
                    consumed.addAndGet(n);
                    deadline = System.nanoTime() + STALL.toNanos();
                }
            }
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    /** The OEE app takes the same bytes from its input topics; progress is its committed offsets. */
    private Measurement oee(String bootstrap, TopicProgress progress, TopicCatalogue topics, EventTape tape,
                            Measurement baseline) throws Exception {
        List<String> inputs = List.of(topics.machineState().name(), topics.productionCount().name());
        progress.awaitLeaders(inputs, Duration.ofSeconds(30));
        Flow flow = flow("OEE app", bootstrap, tape, inputs.get(0), inputs.get(1),
                () -> progress.committed(APPLICATION_ID, inputs));
        Measurement m = flow.measurement("OEE app, exactly_once_v2 (input events/s)");
        report.row(m, baseline);
        flow.describe(report, "OEE app (committed offsets)");
        oeeSustained = flow.steadyRate();
        return m;
    }

    /** Plays the tape flat out in a producer thread and watches {@code consumed} until it has every event. */
    private Flow flow(String what, String bootstrap, EventTape tape, String stateTopic, String countTopic,
                      LongSupplier consumed) throws Exception {
        long events = tape.events();
        Flow flow = new Flow(events);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try (var producer = producer(bootstrap)) {
                flow.started(System.nanoTime());
                tape.play((key, stateChange, value) -> producer.send(new ProducerRecord<>(
                        stateChange ? stateTopic : countTopic, key, value)));
                producer.flush();
                flow.sent(System.nanoTime());
            } catch (Exception e) {
                failure.set(e);
            }
        }, "bench-producer");
        flow.begin(Measurement.allocatedByAllThreads(), Tally.processCpuNanos());
        sender.start();
        long lastProgress = System.nanoTime();
        long lastLog = lastProgress;
        long seen = 0;
        while (seen < events) {
            Thread.sleep(50);
            if (failure.get() != null) {
                throw failure.get();
            }
            long now = consumed.getAsLong();
            long at = System.nanoTime();
            flow.progress(now, at);
            if (now > seen) {
                seen = now;
                lastProgress = at;
            } else if (at - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException(what + " made no progress for " + STALL.toSeconds() + " s at "
                        + seen + " of " + events + " events");
            }
            if (at - lastLog > Duration.ofSeconds(5).toNanos()) {
                LOG.info("{}: {} of {} events consumed", what, seen, events);
                lastLog = at;
            }
        }
        flow.end(Measurement.allocatedByAllThreads(), Tally.processCpuNanos());
        sender.join();
        return flow;
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Records written to the output topics per input event: what the app does for each event. */
    private void outputs(String bootstrap, TopicProgress progress, TopicCatalogue topics, EventTape tape) {
        long oee = progress.endOffsets(topics.oee().name());
        long live = progress.endOffsets(topics.oeeLive().name());
        long downtime = progress.endOffsets(topics.downtime().name());
        long dead = progress.endOffsets(topics.deadLetter().name());
        report.line(String.format(Locale.ROOT, "  written (end offsets, transaction markers included): oee %,d, "
                        + "oee-live %,d, downtime %,d -> %.2f output records per input event; dead-lettered %,d",
                oee, live, downtime, (double) (oee + live + downtime) / tape.events(), dead));
        if (dead > 0) {
            report.line("  dead letters by reason and source topic: " + DeadLetterCount.byReason(
                    bootstrap, topics.deadLetter().name()));
        }
    }

    /**
     * State changes go on where the tape ended, paced at the configured rate, each timed from its
     * send to the first committed live record showing it.
     */
    private void latency(String bootstrap, TopicProgress progress, TopicCatalogue topics, OeeSerdes serdes,
                         ShopFloorEvents plant) throws Exception {
        var states = serdes.machineState().serializer();
        var counts = serdes.productionCount().serializer();
        String stateTopic = topics.machineState().name();
        String countTopic = topics.productionCount().name();
        long committedBefore = progress.committed(APPLICATION_ID, List.of(stateTopic, countTopic));
        long sent = 0;
        long stateChanges = 0;
        try (var probe = new LiveLatencyProbe(bootstrap, topics.oeeLive().name(), serdes.oeeKpi().deserializer())
                .start(); var producer = producer(bootstrap)) {
            long interval = 1_000_000_000L / settings.rate();
            long first = System.nanoTime();
            long end = first + settings.latencyDuration().toNanos();
            for (long due = first; due < end; due += interval) {
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                ShopFloorEvents.ShopFloorEvent event = plant.next();
                byte[] key = event.machineId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (event.value() instanceof MachineStateChanged change) {
                    probe.sent(event.machineId(), change.getState(), event.sourceTime(), System.nanoTime());
                    producer.send(new ProducerRecord<>(stateTopic, key, states.serialize(stateTopic, change)));
                    stateChanges++;
                } else {
                    producer.send(new ProducerRecord<>(countTopic, key,
                            counts.serialize(countTopic, (ProductionCount) event.value())));
                }
                sent++;
            }
            producer.flush();
            double offered = sent / ((System.nanoTime() - first) / 1e9);
            long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (probe.waiting() > 0 && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            long caughtUp = progress.committed(APPLICATION_ID, List.of(stateTopic, countTopic)) - committedBefore;
            Histogram latency = probe.latency();
            report.row(new Measurement(String.format(Locale.ROOT, "OEE app, paced at %,d events/s: change -> live",
                    settings.rate()), probe.matched(), settings.latencyDuration().toNanos(), latency, 0,
                    heapUsedAfterGc()), null);
            report.line(String.format(Locale.ROOT, "  latency state change sent -> read_committed live record shows it: "
                            + "p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms, max %.0f ms (%,d of %,d state changes seen; "
                            + "%,.0f events/s offered, %,d of %,d committed by the app 10 s after the last)",
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                    latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6, probe.matched(),
                    stateChanges, offered, caughtUp, sent));
            report.line(String.format(Locale.ROOT, "  goal p99 <= %d ms: %s", GOAL_P99.toMillis(),
                    latency.getTotalCount() > 0 && latency.getValueAtPercentile(99) <= GOAL_P99.toNanos()
                            ? "met" : "NOT met"));
        }
    }

    /** Heap after a GC with the app running and holding every machine, against before it started. */
    private void memory(long heapBefore, Path stateDir) {
        long heapNow = heapUsedAfterGc();
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        report.line(String.format(Locale.ROOT, "heap used after GC: %.0f MiB with the app running (%,d machines in "
                        + "its state), %.0f MiB before it started (broker, registry) -> app ~%.0f MiB; max heap %.0f "
                        + "MiB; process RSS %s (RocksDB is off-heap); state dir %.0f MiB on disk",
                mib(heapNow), settings.machines(), mib(heapBefore), mib(heapNow - heapBefore), mib(max), rss(),
                mib(sizeOf(stateDir))));
    }

    // Judged on both rates: first send to last commit (start-up, the producer's share of the cores
    // and the tail included), and sustained, between 10 % and 90 % of the events.
    private void verdict(Measurement baseline, Measurement oee) {
        double share = oee.throughput() / baseline.throughput();
        double sustainedShare = oeeSustained / baselineSustained;
        report.line(String.format(Locale.ROOT, "goal >= %.0f%% of the pass-through and >= %,.0f events/s: overall "
                        + "%,.0f events/s (%.0f%%) -> %s; sustained %,.0f events/s (%.0f%% of %,.0f) -> %s",
                100 * GOAL_SHARE, GOAL_RATE, oee.throughput(), 100 * share, met(share, oee.throughput()),
                oeeSustained, 100 * sustainedShare, baselineSustained, met(sustainedShare, oeeSustained)));
    }

    private static String met(double share, double rate) {
        return share >= GOAL_SHARE && rate >= GOAL_RATE ? "met" : "NOT met";
    }

    /** Heap in use after a collection, as the memory bean reports it. */
    static long heapUsedAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("No RSS: {}", e.toString());
        }
        return "unknown";
    }

    private static long sizeOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "load average unknown" : String.format(Locale.ROOT, "load average %.2f (1 min)", load);
    }
}
