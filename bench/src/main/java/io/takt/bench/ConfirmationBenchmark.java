package io.takt.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.takt.erp.ErpDatabase;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.Confirmation;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.SourceRef;

/**
 * The way back, measured: production counts of many machines through the confirmation stream to
 * the confirmation topic and on through the JDBC sink into the ERP's rows, against the same counts
 * merely written and read back (the baseline); then the latency from a count to the confirmation
 * that holds it, on the topic and in the ERP, at a paced rate. Part of {@code takt bench erp}.
 */
final class ConfirmationBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    private final ErpBenchmark.Settings settings;
    private final BenchReport report;
    private final String bootstrap;
    private final String registryUrl;
    private final TopicCatalogue topics;
    private final ErpDatabase erp;
    private long sequence;

    ConfirmationBenchmark(ErpBenchmark.Settings settings, BenchReport report, String bootstrap, String registryUrl,
                          TopicCatalogue topics, ErpDatabase erp) {
        this.settings = settings;
        this.report = report;
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.topics = topics;
        this.erp = erp;
    }

    void run() throws Exception {
        report.line(String.format(Locale.ROOT, "Confirmations: %,d counts of %d machines (1 good each), "
                + "erp.confirmation.interval %d ms", settings.counts(), settings.machines(),
                ErpBenchmark.CONFIRMATION_INTERVAL.toMillis()));
        try (KafkaProducer<String, ProductionCount> producer = producer()) {
            Measurement baseline = passThrough(producer);
            report.row(baseline, null);
            report.row(backlog(producer), baseline);
            latency(producer);
        }
    }

    /** The counts written to a topic of their own and read back, decoded: what Kafka alone does. */
    private Measurement passThrough(KafkaProducer<String, ProductionCount> producer) throws Exception {
        String topic = "bench.confirmation-baseline";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, topics.productionCount().partitions(), (short) 1)))
                    .all().get();
        }
        AtomicLong read = new AtomicLong();
        Deserializer<ProductionCount> counts = TaktSerdes.specific(ProductionCount.class, serdeConfig(), false)
                .deserializer();
        try (TopicReader reader = new TopicReader(topic, (key, value) -> {
            counts.deserialize(topic, value);
            read.incrementAndGet();
        })) {
            long allocated = Measurement.allocatedByAllThreads();
            long start = System.nanoTime();
            send(producer, topic, "B", settings.counts());
            await(() -> read.get() >= settings.counts(), "the baseline's counts");
            return new Measurement("counts written and read back (baseline)", settings.counts(),
                    System.nanoTime() - start, new Histogram(3), Measurement.allocatedByAllThreads() - allocated,
                    Measurement.heapUsedAfterGc());
        }
    }

    /** The counts as fast as they go: until every machine's confirmation holds all of its counts. */
    private Measurement backlog(KafkaProducer<String, ProductionCount> producer) throws Exception {
        Map<String, Double> good = new ConcurrentHashMap<>();
        Deserializer<Confirmation> confirmations = confirmationReader();
        try (TopicReader reader = new TopicReader(topics.confirmation().name(), (key, value) ->
                good.put(key, confirmations.deserialize(topics.confirmation().name(), value).getGoodQuantity()))) {
            double each = (double) settings.counts() / settings.machines();
            long allocated = Measurement.allocatedByAllThreads();
            long start = System.nanoTime();
            send(producer, topics.productionCount().name(), "B", settings.counts());
            await(() -> allReached(good, "B", each), "the confirmations of the counts");
            long onTopic = System.nanoTime() - start;
            await(() -> allReached(rowsOf("B"), "B", each), "the ERP rows of the counts");
            long inErp = System.nanoTime() - start;
            report.line(String.format(Locale.ROOT, "  all %,d counts in the ERP's rows %.1f s after the first was "
                    + "sent: %,.0f counts/s end to end", settings.counts(), inErp / 1e9,
                    settings.counts() / (inErp / 1e9)));
            return new Measurement("confirmation stream: counts -> confirmations", settings.counts(), onTopic,
                    new Histogram(3), Measurement.allocatedByAllThreads() - allocated, Measurement.heapUsedAfterGc());
        }
    }

    /** Counts paced at the run's rate: how long until a count is in its confirmation, on the topic and in the ERP. */
    private void latency(KafkaProducer<String, ProductionCount> producer) throws Exception {
        long count = settings.duration().toSeconds() * settings.rate();
        CumulativeLatency onTopic = new CumulativeLatency();
        CumulativeLatency inErp = new CumulativeLatency();
        Deserializer<Confirmation> confirmations = confirmationReader();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread erpPoller = new Thread(() -> pollRows(inErp, polling), "confirmation-bench-erp-poller");
        try (TopicReader reader = new TopicReader(topics.confirmation().name(), (key, value) -> onTopic.seen(key,
                (long) confirmations.deserialize(topics.confirmation().name(), value).getGoodQuantity(),
                System.nanoTime()))) {
            erpPoller.start();
            long interval = 1_000_000_000L / settings.rate();
            long due = System.nanoTime();
            for (long i = 0; i < count; i++, due += interval) {
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                int machine = (int) (i % settings.machines());
                long nth = i / settings.machines() + 1;
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topics.productionCount().name(), machine(machine),
                        count(machine, "L", i)));
                onTopic.sent(confirmationId("L", machine), nth, sent);
                inErp.sent(confirmationId("L", machine), nth, sent);
            }
            producer.flush();
            await(() -> onTopic.done() >= count && inErp.done() >= count, "the paced counts' confirmations");
        } finally {
            polling.set(false);
            erpPoller.join();
        }
        print("count -> confirmation on the topic", onTopic.histogram());
        print("count -> confirmation in the ERP's row", inErp.histogram());
    }

    private void print(String what, Histogram latency) {
        report.row(new Measurement(String.format(Locale.ROOT, "paced at %,d/s: %s", settings.rate(), what),
                latency.getTotalCount(), settings.duration().toNanos(), latency, 0, Measurement.heapUsedAfterGc()),
                null);
        report.line(String.format(Locale.ROOT, "  latency %s: p50 %.0f ms, p99 %.0f ms, max %.0f ms", what,
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6));
    }

    private void pollRows(CumulativeLatency inErp, AtomicBoolean polling) {
        while (polling.get()) {
            long now = System.nanoTime();
            rowsOf("L").forEach((id, good) -> inErp.seen(id, good.longValue(), now));
            LockSupport.parkNanos(20_000_000L);
        }
    }

    private void send(KafkaProducer<String, ProductionCount> producer, String topic, String order, long n) {
        for (long i = 0; i < n; i++) {
            int machine = (int) (i % settings.machines());
            producer.send(new ProducerRecord<>(topic, machine(machine), count(machine, order, i)));
        }
        producer.flush();
    }

    private ProductionCount count(int machine, String order, long i) {
        String id = machine(machine);
        return ProductionCount.newBuilder()
                .setEquipment(EquipmentRef.newBuilder().setId(id).setEnterprise("bench").setSite(ErpBenchmark.SITE)
                        .setArea("area1").setLine("line1").setMachine("m" + machine).build())
                .setGoodQuantity(1).setScrapQuantity(0).setReworkQuantity(0).setWorkOrderId(order + "-" + machine)
                .setSourceTimestamp(T0.plusMillis(i)).setReceiveTimestamp(T0.plusMillis(i))
                .setSource(new SourceRef("bench", id + ".Count")).setSequence(++sequence).build();
    }

    private static String machine(int machine) {
        return ErpBenchmark.SITE + ".area1.line1.m" + machine;
    }

    private static String confirmationId(String order, int machine) {
        return order + "-" + machine + "/" + machine(machine);
    }

    private boolean allReached(Map<String, Double> good, String order, double each) {
        for (int m = 0; m < settings.machines(); m++) {
            Double got = good.get(confirmationId(order, m));
            if (got == null || got < each) {
                return false;
            }
        }
        return true;
    }

    /** Good quantity by confirmation id of the ERP's rows for orders starting with {@code order}. */
    private Map<String, Double> rowsOf(String order) {
        Map<String, Double> rows = new ConcurrentHashMap<>();
        try (Connection sql = DriverManager.getConnection(erp.jdbcUrl(), erp.user(), erp.password());
             Statement statement = sql.createStatement();
             ResultSet result = statement.executeQuery("SELECT confirmation_id, good_qty FROM erp.confirmation "
                     + "WHERE order_no LIKE '" + order + "-%'")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getDouble(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the ERP's confirmations: " + e.getMessage(), e);
        }
        return rows;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private KafkaProducer<String, ProductionCount> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                TaktSerdes.specific(ProductionCount.class, serdeConfig(), false).serializer());
    }

    private Deserializer<Confirmation> confirmationReader() {
        return TaktSerdes.specific(Confirmation.class, serdeConfig(), false).deserializer();
    }

    private Map<String, Object> serdeConfig() {
        return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    }

    /**
     * Latency to a cumulative figure: the k-th unit of a confirmation is there once a confirmation
     * with at least k units is seen.
     */
    private static final class CumulativeLatency {
        private final Map<String, Map<Long, Long>> pending = new ConcurrentHashMap<>();
        private final Histogram histogram = new Histogram(3);
        private final AtomicLong done = new AtomicLong();

        void sent(String id, long nth, long nanos) {
            pending.computeIfAbsent(id, key -> new ConcurrentHashMap<>()).put(nth, nanos);
        }

        void seen(String id, long units, long nanos) {
            Map<Long, Long> waiting = pending.get(id);
            if (waiting == null) {
                return;
            }
            waiting.entrySet().removeIf(entry -> {
                if (entry.getKey() > units) {
                    return false;
                }
                synchronized (histogram) {
                    histogram.recordValue(Math.max(0, nanos - entry.getValue()));
                }
                done.incrementAndGet();
                return true;
            });
        }

        long done() {
            return done.get();
        }

        Histogram histogram() {
            synchronized (histogram) {
                return histogram.copy();
            }
        }
    }

    /** Reads a topic from its start in a thread of its own, handing each record's key and bytes on. */
    private final class TopicReader implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        TopicReader(String topic, BiConsumer<String, byte[]> handler) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "confirmation-bench-" + topic + "-" + System.nanoTime(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            thread = new Thread(() -> {
                consumer.subscribe(List.of(topic));
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        handler.accept(record.key(), record.value());
                    }
                }
                consumer.close();
            }, "confirmation-bench-reader");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
