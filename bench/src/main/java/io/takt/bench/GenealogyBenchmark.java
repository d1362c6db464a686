package io.takt.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.takt.genealogy.GenealogyService;
import io.takt.genealogy.GenealogySettings;
import io.takt.genealogy.topology.GenealogyTopology;
import io.takt.genealogy.topology.GraphKeys;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.kafka.EmbeddedKafkaBroker;
import io.takt.platform.registry.server.RegistrySettings;
import io.takt.platform.registry.server.SchemaRegistryServer;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.MaterialMovement;

/**
 * The lot genealogy at plant scale: a synthetic plant's movements ({@link LotFlow}: lots in 12
 * levels with fan-in and fan-out of 2-3) through streams-genealogy as deployed
 * ({@link GenealogyService}: Kafka Streams, exactly_once_v2, RocksDB, the whole graph in global
 * stores), against the same movements written to a topic and read back by a plain consumer (the
 * baseline); then backward traces of finished lots and forward traces of raw lots over REST at a
 * depth, against single-lot lookups on the same API (the baseline); then heap and state on disk.
 * Broker, registry, the app and the clients all run in this process. Settings of the app this class
 * does not set come from {@code TAKT_*} environment variables, so that a run can try, say, another
 * {@code genealogy.reorder.window}. See {@code bench/README.md}.
 */
public final class GenealogyBenchmark {

    static final String SITE = "site1";
    private static final int PARTITIONS = 3;
    /** Event time of the plant's first movement. */
    private static final Instant START = Instant.parse("2026-11-26T06:00:00Z");

    /**
     * @param lots    lots in the plant (rounded down to a multiple of 24)
     * @param queries timed traces of each direction, and lookups in the baseline
     * @param depth   depth of the traces
     */
    public record Settings(int lots, int queries, int depth) {
        public Settings {
            if (lots < LotFlow.MIN_LOTS) {
                throw new IllegalArgumentException("lots must be at least " + LotFlow.MIN_LOTS + ", not " + lots);
            }
            if (queries < 1) {
                throw new IllegalArgumentException("queries must be at least 1, not " + queries);
            }
            if (depth < 1 || depth > 1000) {
                throw new IllegalArgumentException("depth must be 1 to 1000 (genealogy.trace.max-depth), not "
                        + depth);
            }
        }
    }

    private final Settings settings;
    private final BenchReport report;

    public GenealogyBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.report = new BenchReport(out);
    }

    public void run() throws Exception {
        Path work = Files.createTempDirectory("takt-bench-genealogy");
        try {
            run(work);
        } finally {
            BenchDirectory.delete(work);
        }
    }

    private void run(Path work) throws Exception {
        LotFlow flow = new LotFlow(SITE, settings.lots(), START);
        report.header(String.format(Locale.ROOT, "Genealogy benchmark: %,d lots, %,d movements; %,d backward and "
                        + "%,d forward traces at depth %d over REST", flow.lots(), flow.movements(), settings.queries(),
                settings.queries(), settings.depth()), BenchReport.machine());
        describe(flow);
        try (var broker = new EmbeddedKafkaBroker(EmbeddedKafkaBroker.Settings.ephemeral()).start();
             var registry = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(broker.bootstrapServers()))
                     .start();
             var progress = new TopicProgress(broker.bootstrapServers());
             ServiceMetrics metrics = ServiceMetrics.create("genealogy-bench")) {
            Map<String, Object> serdes = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
            Measurement baseline = passThrough(broker.bootstrapServers(), serdes, progress, flow);
            report.row(baseline, null);
            TaktConfig config = config(broker.bootstrapServers(), registry.url(), work);
            try (GenealogyService genealogy = GenealogyService.create(config, metrics).start()) {
                if (!genealogy.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("The genealogy app did not reach RUNNING in 2 minutes: "
                            + genealogy.streams().state());
                }
                TraceQueries api = new TraceQueries(genealogy.url());
                report.row(ingest(broker.bootstrapServers(), serdes, progress, flow, config, api), baseline);
                completeness(genealogy, flow);
                footprint(GenealogySettings.from(config).stateDir(), broker.logDir());
                new TraceRuns(api, flow, settings.queries(), settings.depth(), report).run();
            }
        }
    }

    private void describe(LotFlow flow) {
        // Every level but the raw one is made, every level but the finished one used: as many lots each way.
        double linksPerLot = flow.edges() / (double) (flow.lots() / LotFlow.LEVELS * (LotFlow.LEVELS - 1));
        report.line(String.format(Locale.ROOT, "plant: %d levels (raw, %d intermediate, finished) x %d stations, "
                        + "%,d lots a level; odd levels load one input material (2 parents, 2 children a lot), even "
                        + "levels two in turn from lanes in pairs (3 and 3); %,d links by the rule: %.2f parents a "
                        + "made lot and as many children a used lot; %.2f movements a lot, 1 s apart at each station",
                LotFlow.LEVELS, LotFlow.LEVELS - 2, flow.stations(), flow.lots() / LotFlow.LEVELS, flow.edges(),
                linksPerLot, (double) flow.movements() / flow.lots()));
    }

    private TaktConfig config(String bootstrap, String registryUrl, Path work) {
        return GenealogySettings.DEFINITION.validate(ConfigSources.builder().systemEnvironment().overrides(Map.of(
                "site", SITE, "kafka.bootstrap.servers", bootstrap, "schema.registry.url", registryUrl,
                "topics.partitions", String.valueOf(PARTITIONS), "topics.replication.factor", "1",
                GenealogySettings.STATE_DIR.name(), work.resolve("genealogy-state").toString(),
                GenealogySettings.HTTP_HOST.name(), "localhost", GenealogySettings.HTTP_PORT.name(), "0",
                GenealogySettings.MAX_DEPTH.name(), String.valueOf(Math.max(settings.depth(),
                        GenealogySettings.MAX_DEPTH.defaultValue().orElse(settings.depth()))))).build());
    }

    /** The movements to a topic of their own with as many partitions, read back and decoded: what Kafka alone does. */
    private Measurement passThrough(String bootstrap, Map<String, Object> serdes, TopicProgress progress,
                                    LotFlow flow) throws Exception {
        String topic = "takt." + SITE + ".bench-movement-baseline.v1";
        progress.admin().createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        progress.awaitLeaders(List.of(topic), Duration.ofSeconds(30));
        Deserializer<MaterialMovement> decoder = TaktSerdes.specific(MaterialMovement.class, serdes, false)
                .deserializer();
        AtomicLong read = new AtomicLong();
        AtomicLong lastRead = new AtomicLong();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                readBack(bootstrap, topic, decoder, read, lastRead, reading);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "genealogy-bench-baseline-reader");
        reader.setDaemon(true);
        reader.start();
        long allocated = Measurement.allocatedByAllThreads();
        MovementSender sender = new MovementSender(bootstrap, serdes, topic, flow).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (read.get() < flow.movements()) {
            sender.check();
            if (failure.get() != null) {
                throw new IllegalStateException("Reading the baseline's movements back failed", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The baseline read " + read.get() + " of " + flow.movements()
                        + " movements in 10 minutes");
            }
            Thread.sleep(20);
        }
        reading.set(false);
        reader.join();
        sender.join();
        report.line(String.format(Locale.ROOT, "  baseline: all sent in %.1f s, all read %.1f s after the first send",
                (sender.doneNanos() - sender.startNanos()) / 1e9, (lastRead.get() - sender.startNanos()) / 1e9));
        return new Measurement("movements written and read back (baseline)", flow.movements(),
                lastRead.get() - sender.startNanos(), new Histogram(3),
                Measurement.allocatedByAllThreads() - allocated, Measurement.heapUsedAfterGc());
    }

    private static void readBack(String bootstrap, String topic, Deserializer<MaterialMovement> decoder,
                                 AtomicLong read, AtomicLong lastRead, AtomicBoolean reading) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "genealogy-bench-baseline",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (reading.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    decoder.deserialize(topic, record.value());
                    lastRead.set(System.nanoTime());
                    read.incrementAndGet();
                }
            }
        }
    }

    /** The movements to the movement topic while the app runs: until the genealogy shows them all. */
    private Measurement ingest(String bootstrap, Map<String, Object> serdes, TopicProgress progress, LotFlow flow,
                               TaktConfig config, TraceQueries api) throws Exception {
        GenealogySettings genealogy = GenealogySettings.from(config);
        TopicCatalogue topics = TopicCatalogue.from(genealogy.platform());
        String input = topics.materialMovement().name();
        progress.awaitLeaders(List.of(input), Duration.ofSeconds(30));
        List<String> internal = internalTopics(progress, genealogy.applicationId());
        report.line(String.format(Locale.ROOT, "genealogy app: %d partitions, %d stream thread(s), exactly_once_v2, "
                        + "genealogy.reorder.window %d s (the last %d movements of a station), internal topics %s",
                PARTITIONS, genealogy.threads(), genealogy.reorderWindow().toSeconds(),
                genealogy.reorderWindow().toSeconds(), internal));
        IngestWatch watch = new IngestWatch(progress, genealogy.applicationId(), input, internal, api, flow, report);
        long allocated = Measurement.allocatedByAllThreads();
        long cpu = Tally.processCpuNanos();
        MovementSender sender = new MovementSender(bootstrap, serdes, input, flow).start();
        IngestWatch.Outcome outcome = watch.await(sender);
        long cpuUsed = Tally.processCpuNanos() - cpu;
        sender.join();
        long start = sender.startNanos();
        report.line(String.format(Locale.ROOT, "  all sent in %.1f s; the app's lag was 0 after %.1f s; the last lots "
                        + "of %d of %d stations had the parents the rule gives after %.1f s; the process kept %.2f of "
                        + "%d cores busy", (sender.doneNanos() - start) / 1e9, (outcome.lagZeroNanos() - start) / 1e9,
                outcome.linked(), outcome.stations(), (outcome.doneNanos() - start) / 1e9,
                cpuUsed / (double) (outcome.doneNanos() - start), Runtime.getRuntime().availableProcessors()));
        if (outcome.firstMismatch() != null) {
            report.line("  NOT linked as the rule gives: " + outcome.firstMismatch());
        }
        written(bootstrap, progress, topics, flow);
        return new Measurement("genealogy app: movements -> traceable lot graph", flow.movements(),
                outcome.doneNanos() - start, new Histogram(3), Measurement.allocatedByAllThreads() - allocated,
                Measurement.heapUsedAfterGc());
    }

    /** The app's repartition topics, there once it runs. */
    private static List<String> internalTopics(TopicProgress progress, String applicationId) throws Exception {
        return progress.admin().listTopics().names().get().stream()
                .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
                .sorted().toList();
    }

    private void written(String bootstrap, TopicProgress progress, TopicCatalogue topics, LotFlow flow) {
        long dead = progress.endOffsets(topics.deadLetter().name());
        report.line(String.format(Locale.ROOT, "  written by the app (end offsets, transaction markers included): "
                        + "genealogy %,d for %,d links by the rule, material-lot %,d for %,d lots; dead-lettered %,d",
                progress.endOffsets(topics.genealogy().name()), flow.edges(),
                progress.endOffsets(topics.materialLot().name()), flow.lots(), dead));
        if (dead > 0) {
            report.line("  dead letters by reason and source topic: "
                    + DeadLetterCount.byReason(bootstrap, topics.deadLetter().name()));
        }
    }

    /**
     * Lots and links in the app's global stores, counted in this process, against the plant's: a
     * movement the app lost shows here, whatever lots the queries happen to draw.
     */
    private void completeness(GenealogyService genealogy, LotFlow flow) {
        long lots;
        long links;
        try (KeyValueIterator<String, byte[]> lotIndex = store(genealogy, GenealogyTopology.LOT_INDEX)
                .prefixScan(GraphKeys.lot(""), new StringSerializer());
             KeyValueIterator<String, byte[]> graph = store(genealogy, GenealogyTopology.GRAPH).all()) {
            lots = count(lotIndex);
            links = count(graph) / 2; // each edge is kept twice: under its child and under its parent
        }
        boolean complete = lots == flow.lots() && links == flow.edges();
        report.line(String.format(Locale.ROOT, "  lot graph (the app's global stores): %,d of %,d lots, %,d links "
                        + "for %,d by the rule%s", lots, flow.lots(), links, flow.edges(),
                complete ? "" : " -> NOT complete: movements were lost (see bench/README.md, 'Lost movements')"));
    }

    private static ReadOnlyKeyValueStore<String, byte[]> store(GenealogyService genealogy, String name) {
        return genealogy.streams().store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private static long count(KeyValueIterator<String, byte[]> entries) {
        long n = 0;
        while (entries.hasNext()) {
            entries.next();
            n++;
        }
        return n;
    }

    private void footprint(Path stateDir, Path brokerLog) {
        report.line(String.format(Locale.ROOT, "heap used after GC: %.0f MiB (broker, registry and the app; max "
                        + "heap %d MiB); state dir %.1f MiB on disk (RocksDB: stations, lots, and the global graph "
                        + "and lot index; what is still in memtables is not counted); broker's log segments %.0f MiB",
                mib(Measurement.heapUsedAfterGc()), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                mib(sizeOf(stateDir, "")), mib(sizeOf(brokerLog, ".log"))));
    }

    /** Bytes of the files under {@code dir} whose names end with {@code suffix}. */
    static long sizeOf(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(suffix)).filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a file went away while walking (RocksDB compacts): the size is then unknown
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
