package io.takt.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.takt.erp.EmbeddedErp;
import io.takt.erp.ErpDatabase;
import io.takt.erp.ErpService;
import io.takt.erp.ErpSettings;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.kafka.EmbeddedKafkaBroker;
import io.takt.platform.registry.server.RegistrySettings;
import io.takt.platform.registry.server.SchemaRegistryServer;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.WorkOrder;

/**
 * How fast ERP changes reach the stream: the erp-connector (Debezium on the embedded ERP stand-in,
 * as {@code takt erp} runs it) against the ERP committing the same single-row updates with nobody
 * capturing them (the baseline); then the latency from an update's commit to its WorkOrder read
 * back from Kafka, at a paced rate. Then the way back ({@link ConfirmationBenchmark}): counts to
 * confirmations to the ERP's rows. Everything runs in this process. See {@code bench/README.md}.
 */
public final class ErpBenchmark {

    static final String SITE = "site1";
    /** Orders of the seed in pieces (the seed's carton orders, n % 12 = 4, are left out: their quantity is x24). */
    private static final List<String> ORDERS = IntStream.rangeClosed(1, 300)
            .filter(n -> n % 12 != 4).mapToObj(n -> String.valueOf(1_000_000 + n)).toList();
    private static final Duration GOAL_P99 = Duration.ofSeconds(1);

    /** How often the confirmation stream sends changed confirmations in this benchmark. */
    static final Duration CONFIRMATION_INTERVAL = Duration.ofSeconds(1);

    /**
     * @param updates  updates in the throughput runs
     * @param rate     updates/s, and counts/s, in the latency runs
     * @param duration length of each latency run
     * @param counts   production counts in the confirmations' throughput run
     * @param machines machines the counts are spread over (one order each)
     */
    public record Settings(int updates, int rate, Duration duration, int counts, int machines) {
        public Settings {
            if (updates < 1 || rate < 1 || duration.isNegative() || duration.isZero() || counts < 1 || machines < 1) {
                throw new IllegalArgumentException("updates, rate, duration, counts and machines must be more than 0");
            }
        }
    }

    private final Settings settings;
    private final BenchReport report;
    private long quantity = 1_000_000;

    public ErpBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.report = new BenchReport(out);
    }

    public void run() throws Exception {
        Path work = Files.createTempDirectory("takt-bench-erp");
        try {
            run(work);
        } finally {
            BenchDirectory.delete(work);
        }
    }

    private void run(Path work) throws Exception {
        report.header(String.format(Locale.ROOT, "ERP change capture benchmark: %,d single-row order updates, then "
                + "%,d/s for %d s", settings.updates(), settings.rate(), settings.duration().toSeconds()),
                BenchReport.machine());
        try (var broker = new EmbeddedKafkaBroker(EmbeddedKafkaBroker.Settings.ephemeral()).start();
             var registry = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(broker.bootstrapServers()))
                     .start();
             ServiceMetrics metrics = ServiceMetrics.create("erp-bench")) {
            TaktConfig config = ErpSettings.DEFINITION.validate(ConfigSources.builder()
                    .overrides(Map.of("site", SITE, "kafka.bootstrap.servers", broker.bootstrapServers(),
                            "schema.registry.url", registry.url(), "topics.replication.factor", "1",
                            ErpSettings.STATE_DIR.name(), work.resolve("erp").toString(),
                            ErpSettings.CONFIRMATION_INTERVAL.name(), CONFIRMATION_INTERVAL.toMillis() + "ms",
                            ErpSettings.HTTP_PORT.name(), "0"))
                    .build());
            TopicCatalogue topics = TopicCatalogue.from(PlatformConfig.from(config));
            try (ErpService erp = ErpService.create(config, metrics).start();
                 var reader = new WorkOrderReader(broker.bootstrapServers(), registry.url(),
                         topics.workOrder().name())) {
                reader.awaitQuiet();
                Measurement baseline = baseline(work);
                report.row(baseline, null);
                Measurement capture = burst(erp.database(), reader);
                report.row(capture, baseline);
                latency(erp.database(), reader);
                new ConfirmationBenchmark(settings, report, broker.bootstrapServers(), registry.url(), topics,
                        erp.database()).run();
            }
        }
    }

    /** The same updates on a second embedded ERP database that nobody captures: what the ERP does alone. */
    private Measurement baseline(Path work) throws Exception {
        try (EmbeddedErp alone = EmbeddedErp.start(work.resolve("baseline"));
             Connection sql = connect(alone.database())) {
            long allocated = Measurement.allocatedByAllThreads();
            long start = System.nanoTime();
            updates(sql, settings.updates(), null);
            return new Measurement("ERP commits the updates, no capture (baseline)", settings.updates(),
                    System.nanoTime() - start, new Histogram(3), Measurement.allocatedByAllThreads() - allocated,
                    Measurement.heapUsedAfterGc());
        }
    }

    /** The updates flat out with the connector running: events/s from the first commit to the last read. */
    private Measurement burst(ErpDatabase db, WorkOrderReader reader) throws Exception {
        try (Connection sql = connect(db)) {
            Map<String, Long> expected = new ConcurrentHashMap<>();
            long allocated = Measurement.allocatedByAllThreads();
            long start = System.nanoTime();
            updates(sql, settings.updates(), expected);
            long committed = System.nanoTime();
            reader.awaitAll(expected, Duration.ofMinutes(5));
            long done = System.nanoTime();
            report.line(String.format(Locale.ROOT, "  committed in %.1f s, all on the topic %.1f s after the first "
                    + "commit", (committed - start) / 1e9, (done - start) / 1e9));
            return new Measurement("erp-connector: ERP commit -> WorkOrder on the topic", settings.updates(),
                    done - start, new Histogram(3), Measurement.allocatedByAllThreads() - allocated,
                    Measurement.heapUsedAfterGc());
        }
    }

    private void latency(ErpDatabase db, WorkOrderReader reader) throws Exception {
        long interval = 1_000_000_000L / settings.rate();
        long count = settings.duration().toSeconds() * settings.rate();
        try (Connection sql = connect(db); PreparedStatement update = sql.prepareStatement(
                "UPDATE erp.production_order SET planned_qty = ?, version = version + 1 WHERE order_no = ?")) {
            long due = System.nanoTime();
            for (long i = 0; i < count; i++, due += interval) {
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                String order = ORDERS.get((int) (i % ORDERS.size()));
                long qty = ++quantity;
                update.setLong(1, qty);
                update.setString(2, order);
                update.executeUpdate();
                reader.expect(order, qty, System.nanoTime());
            }
        }
        Histogram latency = reader.awaitTimed(count, Duration.ofSeconds(30));
        report.row(new Measurement(String.format(Locale.ROOT, "paced at %,d/s: commit -> WorkOrder read",
                settings.rate()), latency.getTotalCount(), settings.duration().toNanos(), latency, 0,
                Measurement.heapUsedAfterGc()), null);
        report.line(String.format(Locale.ROOT, "  latency commit -> WorkOrder read back: p50 %.0f ms, p99 %.0f ms, "
                        + "max %.0f ms (%,d of %,d updates seen); goal p99 <= %d ms: %s",
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6, latency.getTotalCount(), count, GOAL_P99.toMillis(),
                latency.getTotalCount() == count && latency.getValueAtPercentile(99) <= GOAL_P99.toNanos()
                        ? "met" : "NOT met"));
    }

    /** {@code n} single-row updates, each its own transaction; {@code expected} gets each order's last value. */
    private void updates(Connection sql, int n, Map<String, Long> expected) throws SQLException {
        try (PreparedStatement update = sql.prepareStatement(
                "UPDATE erp.production_order SET planned_qty = ?, version = version + 1 WHERE order_no = ?")) {
            for (int i = 0; i < n; i++) {
                String order = ORDERS.get(i % ORDERS.size());
                long qty = ++quantity;
                update.setLong(1, qty);
                update.setString(2, order);
                update.executeUpdate();
                if (expected != null) {
                    expected.put(order, qty);
                }
            }
        }
    }

    private static Connection connect(ErpDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** Reads the work-order topic in a thread of its own: each order's latest quantity, and timed updates. */
    private static final class WorkOrderReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Deserializer<WorkOrder> orders;
        private final String topic;
        private final Map<String, Long> latest = new ConcurrentHashMap<>();
        private final Map<String, Long> timed = new ConcurrentHashMap<>();
        private final AtomicLong seen = new AtomicLong();
        private final AtomicLong lastRead = new AtomicLong(System.nanoTime());
        private final AtomicBoolean running = new AtomicBoolean(true);
        // Commit -> read of the timed updates; written by the reader thread, read once it is done.
        private final Histogram latency = new Histogram(3);
        private final Thread thread;

        WorkOrderReader(String bootstrap, String registryUrl, String topic) {
            this.topic = topic;
            this.orders = TaktSerdes.specific(WorkOrder.class, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl),
                    false).deserializer();
            this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "erp-bench", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            this.thread = new Thread(this::read, "erp-bench-reader");
            thread.setDaemon(true);
            thread.start();
        }

        private void read() {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    long qty = (long) orders.deserialize(topic, record.value()).getPlannedQuantity().getValue();
                    latest.put(record.key(), qty);
                    lastRead.set(now);
                    Long committed = timed.remove(record.key() + "|" + qty);
                    if (committed != null) {
                        synchronized (latency) {
                            latency.recordValue(now - committed);
                        }
                        seen.incrementAndGet();
                    }
                }
            }
            consumer.close();
        }

        /** Times the update that set {@code order} to {@code qty}, committed at {@code committedNanos}. */
        void expect(String order, long qty, long committedNanos) {
            timed.put(order + "|" + qty, committedNanos);
        }

        /** Waits until the snapshot is read: nothing new for two seconds. */
        void awaitQuiet() throws InterruptedException {
            while (latest.size() < 300 || System.nanoTime() - lastRead.get() < 2_000_000_000L) {
                Thread.sleep(100);
            }
        }

        void awaitAll(Map<String, Long> expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!expected.entrySet().stream().allMatch(e -> e.getValue().equals(latest.get(e.getKey())))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The connector did not deliver the updates within " + timeout);
                }
                Thread.sleep(10);
            }
        }

        /** The latency of the timed updates once {@code count} are read, or the timeout passed. */
        Histogram awaitTimed(long count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (seen.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            synchronized (latency) {
                return latency.copy();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
