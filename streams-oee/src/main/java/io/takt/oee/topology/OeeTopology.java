package io.takt.oee.topology;

import java.time.Duration;

import org.apache.avro.specific.SpecificRecord;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import io.takt.oee.EquipmentPartitioner;
import io.takt.oee.OeeStores;
import io.takt.oee.accounting.OeeRules;
import io.takt.oee.calendar.CalendarBook;
import io.takt.platform.deadletter.RecordOrigin;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.QualityResult;
import io.takt.schemas.WorkOrder;

/**
 * The streams-oee topology: machine events (state, count, quality, work order) meet per machine in
 * {@link MachineEventsProcessor}; its window records go to the oee topic and, re-keyed, to
 * {@link RollupProcessor} for lines, areas and sites; stops go to the downtime topic; live records
 * to the live topic. The three output topics are read back as the tables interactive queries use.
 * Every operator, store and internal topic is named.
 */
public final class OeeTopology {

    public static final String LEDGER_STORE = "oee-machine-ledger";
    public static final String WINDOW_STORE = "oee-window-elements";
    public static final String ROLLUP_MEMBER_STORE = "oee-rollup-members";
    public static final String ROLLUP_SUM_STORE = "oee-rollup-sums";
    public static final String ROLLUP_PENDING_STORE = "oee-rollup-pending";
    public static final String ROLLUP_PURGE_STORE = "oee-rollup-purges";
    public static final String CALENDAR_STORE = "oee-shift-calendars";

    /** What the topology is built from. */
    public record Settings(OeeRules rules, CalendarBook calendars, Duration liveInterval, TopicCatalogue topics,
                           OeeSerdes serdes, MeterRegistry meters) {
    }

    private OeeTopology() {
    }

    public static Topology build(Settings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, settings);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, Settings settings) {
        addStores(builder);
        KStream<String, OeeResult> machineResults = machineEvents(builder, settings)
                .process(() -> new MachineEventsProcessor(settings), Named.as("oee-machine-accounting"),
                        LEDGER_STORE, WINDOW_STORE);
        KStream<String, RollupMember> rollupInput = machineResults
                .filter((key, result) -> result.channel() == OeeResult.Channel.ROLLUP, Named.as("oee-rollup-members"))
                .mapValues(result -> (RollupMember) result.value(), Named.as("oee-rollup-member-figures"))
                .repartition(Repartitioned.<String, RollupMember>as("oee-rollup")
                        .withKeySerde(Serdes.String()).withValueSerde(RollupMember.serde())
                        .withStreamPartitioner(new EquipmentPartitioner<>()));
        KStream<String, OeeResult> rollupResults = rollupInput
                .process(() -> new RollupProcessor(settings.rules().classifier().policy(), settings.liveInterval()), Named.as("oee-rollup"),
                        ROLLUP_MEMBER_STORE, ROLLUP_SUM_STORE, ROLLUP_PENDING_STORE, ROLLUP_PURGE_STORE);
        writeResults(machineResults, settings, "oee-machine");
        writeResults(rollupResults, settings, "oee-rollups");
        queryTables(builder, settings);
        ShiftCalendarUpdates.add(builder, settings);
    }

    private static void addStores(StreamsBuilder builder) {
        // A machine's ledger and open windows change with nearly every event, a roll-up's member and
        // sum slots with every member record: they wait as objects and are written once a commit.
        builder.addStateStore(CommitBufferedStore.builder(LEDGER_STORE, MachineEventsProcessor.LEDGER_CODEC));
        builder.addStateStore(CommitBufferedStore.builder(WINDOW_STORE, StoredWindows.CODEC));
        builder.addStateStore(CommitBufferedStore.builder(ROLLUP_MEMBER_STORE, RollupSlot.CODEC));
        builder.addStateStore(CommitBufferedStore.builder(ROLLUP_SUM_STORE, RollupSlot.CODEC));
        // Scanned by range, which a commit-buffered store does not offer.
        for (String name : new String[] {ROLLUP_PENDING_STORE, ROLLUP_PURGE_STORE}) {
            // Cached: the cache sends only the last value of each key per commit to the changelog.
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
                    Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        }
    }

    @SuppressWarnings("unchecked")
    private static KStream<String, SpecificRecord> machineEvents(StreamsBuilder builder, Settings settings) {
        TopicCatalogue topics = settings.topics();
        OeeSerdes serdes = settings.serdes();
        KStream<String, ?> states = builder.stream(topics.machineState().name(),
                Consumed.with(Serdes.String(), serdes.machineState()).withTimestampExtractor(new EventTime())
                        .withName("oee-machine-state-source"));
        KStream<String, ?> counts = builder.stream(topics.productionCount().name(),
                Consumed.with(Serdes.String(), serdes.productionCount()).withTimestampExtractor(new EventTime())
                        .withName("oee-production-count-source"));
        KStream<String, QualityResult> quality = builder.stream(topics.qualityResult().name(),
                        Consumed.with(Serdes.String(), serdes.qualityResult()).withTimestampExtractor(new EventTime())
                                .withName("oee-quality-result-source"))
                .filter((lot, result) -> result != null && machineOf(result) != null, Named.as("oee-quality-of-machines"))
                .processValues(RecordOrigin::<QualityResult>stamp, Named.as("oee-quality-origin"))
                .selectKey((lot, result) -> machineOf(result), Named.as("oee-quality-by-machine-key"));
        KStream<String, WorkOrder> orders = builder.stream(topics.workOrder().name(),
                        Consumed.with(Serdes.String(), serdes.workOrder()).withTimestampExtractor(new EventTime())
                                .withName("oee-work-order-source"))
                .filter((id, order) -> order != null && order.getEquipmentId() != null, Named.as("oee-placed-orders"))
                .processValues(RecordOrigin::<WorkOrder>stamp, Named.as("oee-work-order-origin"))
                .selectKey((id, order) -> order.getEquipmentId(), Named.as("oee-work-order-by-machine-key"));
        KStream<String, SpecificRecord> sideEvents = ((KStream<String, SpecificRecord>) (KStream<String, ?>) quality)
                .merge((KStream<String, SpecificRecord>) (KStream<String, ?>) orders, Named.as("oee-merge-side-events"))
                .repartition(Repartitioned.<String, SpecificRecord>as("oee-side-events-by-machine")
                        .withKeySerde(Serdes.String()).withValueSerde(MachineSideEvents.serde(serdes, topics)));
        return ((KStream<String, SpecificRecord>) states)
                .merge((KStream<String, SpecificRecord>) counts, Named.as("oee-merge-counts"))
                .merge(sideEvents, Named.as("oee-merge-side-events-by-machine"));
    }

    private static String machineOf(QualityResult result) {
        if (result.getProducedOn() != null) {
            return result.getProducedOn();
        }
        return result.getEquipment() == null ? null : result.getEquipment().getId();
    }

    private static void writeResults(KStream<String, OeeResult> results, Settings settings, String prefix) {
        TopicCatalogue topics = settings.topics();
        OeeSerdes serdes = settings.serdes();
        results.split(Named.as(prefix + "-"))
                .branch((key, result) -> result.channel() == OeeResult.Channel.WINDOW, Branched.withConsumer(
                        windows -> windows.mapValues(result -> (OeeKpi) result.value(), Named.as(prefix + "-window-kpi"))
                                .to(topics.oee().name(), Produced.with(Serdes.String(), serdes.oeeKpi())
                                        .withStreamPartitioner(new EquipmentPartitioner<>())
                                        .withName(prefix + "-window-sink")), "window"))
                .branch((key, result) -> result.channel() == OeeResult.Channel.LIVE, Branched.withConsumer(
                        live -> live.mapValues(result -> (OeeKpi) result.value(), Named.as(prefix + "-live-kpi"))
                                .to(topics.oeeLive().name(), Produced.with(Serdes.String(), serdes.oeeKpi())
                                        .withStreamPartitioner(new EquipmentPartitioner<>())
                                        .withName(prefix + "-live-sink")), "live"))
                .branch((key, result) -> result.channel() == OeeResult.Channel.DOWNTIME, Branched.withConsumer(
                        stops -> stops.mapValues(result -> (DowntimeEvent) result.value(), Named.as(prefix + "-stop"))
                                .to(topics.downtime().name(), Produced.with(Serdes.String(), serdes.downtime())
                                        .withStreamPartitioner(new EquipmentPartitioner<>())
                                        .withName(prefix + "-downtime-sink")), "downtime"))
                .noDefaultBranch();
    }

    // The query tables read the output topics back: one store holds machines and roll-ups alike,
    // partitioned by equipment id as the topics are.
    private static void queryTables(StreamsBuilder builder, Settings settings) {
        TopicCatalogue topics = settings.topics();
        queryTable(builder, topics.oee().name(), OeeStores.KPI, "oee-kpi-source");
        queryTable(builder, topics.oeeLive().name(), OeeStores.LIVE, "oee-live-source");
        queryTable(builder, topics.downtime().name(), OeeStores.DOWNTIME, "oee-downtime-source");
    }

    /**
     * A query store loaded from {@code topic}, holding each key's latest record as the topic does
     * (wire-format bytes): decoding and encoding again every record read back would cost more than
     * all the accounting; the query API decodes what it answers with.
     */
    public static void queryTable(StreamsBuilder builder, String topic, String store, String sourceName) {
        builder.table(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(sourceName),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(store)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
    }
}
