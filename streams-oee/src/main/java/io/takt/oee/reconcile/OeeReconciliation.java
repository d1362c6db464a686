package io.takt.oee.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.avro.specific.SpecificRecord;

import io.takt.oee.OeeSettings;
import io.takt.oee.calendar.CalendarBook;
import io.takt.oee.calendar.CalendarSettings;
import io.takt.oee.calendar.ShiftCalendar;
import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryClients;
import io.takt.platform.serde.AvroDeserializer;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityResult;
import io.takt.schemas.WorkOrder;

/**
 * {@code takt oee reconcile}: reads the raw topics of a site (without what the stream dead-lettered),
 * the shift calendars and the published OEE windows, recomputes the windows with {@link BatchOee}
 * and compares every FINAL one. Reports progress lines to the given sink; the caller prints.
 */
public final class OeeReconciliation {

    private final OeeSettings settings;
    private final TopicCatalogue topics;

    public OeeReconciliation(OeeSettings settings) {
        this.settings = settings;
        this.topics = TopicCatalogue.from(settings.platform());
    }

    /**
     * Runs the comparison.
     *
     * @throws ReconciliationException when it cannot run (missing topic, timeout, unusable calendar)
     */
    public ReconciliationReport run(Duration timeout, Consumer<String> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SchemaRegistryClient registry = SchemaRegistryClients.fromConfig(
                Map.of(SchemaRegistryClients.URL, settings.platform().schemaRegistryUrl()));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfigs(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // The published windows first, then the inputs, then the dead letters: so the stream's
            // output read here can only rest on inputs read here, and every input it rejected is known.
            TopicSnapshot oee = TopicSnapshot.take(consumer, topics.oee().name(), timeout);
            List<TopicSnapshot> inputs = new ArrayList<>();
            for (String topic : List.of(topics.machineState().name(), topics.productionCount().name(),
                    topics.qualityResult().name(), topics.workOrder().name())) {
                inputs.add(TopicSnapshot.take(consumer, topic, timeout));
            }
            TopicSnapshot deadLetters = TopicSnapshot.take(consumer, topics.deadLetter().name(), timeout);
            TopicSnapshot calendars = TopicSnapshot.take(consumer, topics.shiftCalendar().name(), timeout);

            DeadLetterIndex rejected = DeadLetterIndex.of(deadLetters.read(consumer, deadline));
            progress.accept("read " + rejected.letters() + " record(s) from " + deadLetters.topic() + " naming "
                    + rejected.sourceRecords() + " source record(s)");
            RawInputs raw = new RawInputs(registry, rejected, progress);
            inputs.forEach(s -> raw.add(s.topic(), s.read(consumer, deadline)));
            CalendarBook book = calendarBook(calendars.read(consumer, deadline), registry, progress);
            Map<String, OeeKpi> published = published(oee.read(consumer, deadline), registry, progress);

            List<MachineEvents> machines = MachineEvents.byMachine(raw.states, raw.counts, raw.quality);
            BatchOee batch = new BatchOee(OeeRules.from(settings), new WorkOrderHistory(raw.orders),
                    ref -> PlannedTime.of(ref == null ? book.fallback()
                            : book.forLine(ref.getSite(), ref.getArea(), ref.getLine())));
            Map<String, OeeKpi> recomputed = batch.windows(machines);
            progress.accept("recomputed " + recomputed.size() + " windows of " + machines.size() + " machine(s)");
            return ReconciliationReport.compare(published, recomputed);
        }
    }

    private Map<String, Object> consumerConfigs() {
        Map<String, Object> configs = settings.platform().consumerConfigs();
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, "takt-oee-reconcile");
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return configs;
    }

    private CalendarBook calendarBook(List<ConsumerRecord<byte[], byte[]>> records, SchemaRegistryClient registry,
            Consumer<String> progress) {
        Map<String, io.takt.schemas.ShiftCalendar> latest = latestByKey(records,
                new AvroDeserializer<>(io.takt.schemas.ShiftCalendar.class, registry));
        CalendarBook book = new CalendarBook(CalendarSettings.calendar(settings.config()));
        latest.forEach((key, record) -> {
            try {
                book.put(record.getScope(), ShiftCalendar.of(record));
            } catch (RuntimeException e) {
                throw new ReconciliationException("Shift calendar '" + record.getScope() + "' is unusable", e);
            }
        });
        progress.accept("read " + records.size() + " record(s) from " + topics.shiftCalendar().name() + ": "
                + latest.size() + " calendar(s) " + latest.keySet());
        return book;
    }

    private Map<String, OeeKpi> published(List<ConsumerRecord<byte[], byte[]>> records,
            SchemaRegistryClient registry, Consumer<String> progress) {
        Map<String, OeeKpi> latest = latestByKey(records, new AvroDeserializer<>(OeeKpi.class, registry));
        progress.accept("read " + records.size() + " record(s) from " + topics.oee().name() + ": "
                + latest.size() + " window(s)");
        return latest;
    }

    /** A compacted topic as a table: the latest value per key, a tombstone removing it. */
    private static <T> Map<String, T> latestByKey(List<ConsumerRecord<byte[], byte[]>> records,
            Deserializer<T> values) {
        Map<String, T> latest = new LinkedHashMap<>();
        try (StringDeserializer keys = new StringDeserializer()) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                String key = keys.deserialize(record.topic(), record.key());
                if (record.value() == null) {
                    latest.remove(key);
                } else {
                    latest.put(key, values.deserialize(record.topic(), record.value()));
                }
            }
        }
        return latest;
    }

    /** The raw events, minus the dead-lettered ones and any that cannot be read. */
    private final class RawInputs {

        private final SchemaRegistryClient registry;
        private final DeadLetterIndex rejected;
        private final Consumer<String> progress;
        final List<MachineStateChanged> states = new ArrayList<>();
        final List<ProductionCount> counts = new ArrayList<>();
        final List<QualityResult> quality = new ArrayList<>();
        final List<WorkOrder> orders = new ArrayList<>();

        RawInputs(SchemaRegistryClient registry, DeadLetterIndex rejected, Consumer<String> progress) {
            this.registry = registry;
            this.rejected = rejected;
            this.progress = progress;
        }

        void add(String topic, List<ConsumerRecord<byte[], byte[]>> records) {
            if (topic.equals(topics.machineState().name())) {
                add(topic, records, MachineStateChanged.class, states);
            } else if (topic.equals(topics.productionCount().name())) {
                add(topic, records, ProductionCount.class, counts);
            } else if (topic.equals(topics.qualityResult().name())) {
                add(topic, records, QualityResult.class, quality);
            } else {
                add(topic, records, WorkOrder.class, orders);
            }
        }

        private <T extends SpecificRecord> void add(String topic, List<ConsumerRecord<byte[], byte[]>> records,
                Class<T> type, List<T> into) {
            AvroDeserializer<T> values = new AvroDeserializer<>(type, registry);
            int skipped = 0;
            int unreadable = 0;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (rejected.rejected(record)) {
                    skipped++;
                } else if (record.value() != null) {
                    try {
                        into.add(values.deserialize(record.topic(), record.value()));
                    } catch (RuntimeException e) {
                        unreadable++;
                    }
                }
            }
            progress.accept("read " + records.size() + " record(s) from " + topic + ": " + skipped
                    + " dead-lettered (left out)" + (unreadable == 0 ? "" : ", " + unreadable
                    + " unreadable and not dead-lettered (left out)"));
        }
    }
}
