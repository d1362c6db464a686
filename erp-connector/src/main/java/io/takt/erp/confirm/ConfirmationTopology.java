package io.takt.erp.confirm;

import java.time.Duration;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import io.micrometer.core.instrument.MeterRegistry;
import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.Confirmation;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.WorkOrder;

/**
 * Production confirmations from the machine events: counts and state changes (both keyed and
 * partitioned by equipment id) are added up per machine and work order ({@link OrderConfirmations}),
 * and each order's running totals go to the compacted confirmation topic once an interval while
 * they change.
 */
public final class ConfirmationTopology {

    static final String TALLIES = "erp-confirmation-tallies";
    static final String MACHINES = "erp-confirmation-machines";
    static final String WORK_ORDERS = "erp-confirmation-work-orders";
    static final String CHANGED = "erp-confirmation-changed";

    /** The Avro serdes of the records the topology reads and writes. */
    public record RecordSerdes(Serde<ProductionCount> counts, Serde<MachineStateChanged> states,
                               Serde<WorkOrder> workOrders, Serde<Confirmation> confirmations) {

        public static RecordSerdes on(SchemaRegistryClient registry) {
            return new RecordSerdes(TaktSerdes.specific(ProductionCount.class, registry, false),
                    TaktSerdes.specific(MachineStateChanged.class, registry, false),
                    TaktSerdes.specific(WorkOrder.class, registry, false),
                    TaktSerdes.specific(Confirmation.class, registry, false));
        }
    }

    /**
     * What the topology needs: the site's topics, serdes, the ERP's terms, how often changed
     * confirmations go out (wall clock), and where counters go.
     */
    public record Settings(TopicCatalogue topics, RecordSerdes serdes, ConfirmationTerms terms, Duration interval,
                           ConfirmationCounters counters) {

        public Settings(TopicCatalogue topics, RecordSerdes serdes, ConfirmationTerms terms, Duration interval,
                        MeterRegistry meters) {
            this(topics, serdes, terms, interval, new ConfirmationCounters(meters));
        }
    }

    private ConfirmationTopology() {
    }

    /** The key of a confirmation: one machine's production of one order. */
    public static String confirmationId(String workOrderId, String equipmentId) {
        return workOrderId + "/" + equipmentId;
    }

    public static void build(StreamsBuilder builder, Settings settings) {
        TopicCatalogue topics = settings.topics();
        RecordSerdes serdes = settings.serdes();
        // Every order, for the routing operation and product of a count's order: a global table,
        // because an order's operations run on several machines, so on several partitions. Kept as
        // the topic's bytes and decoded only for an order's first counts on a machine: decoding and
        // re-encoding every order change took CPU from the capture running beside it.
        builder.globalTable(topics.workOrder().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("erp-work-order-source"),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(WORK_ORDERS)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TALLIES),
                Serdes.String(), serdes.confirmations()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MACHINES),
                Serdes.String(), MachineRun.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CHANGED),
                Serdes.String(), Serdes.Long()));

        KStream<String, SpecificRecord> counts = builder.stream(topics.productionCount().name(),
                        Consumed.with(Serdes.String(), serdes.counts()).withName("erp-count-source"))
                .mapValues(count -> (SpecificRecord) count, Named.as("erp-count-as-event"));
        KStream<String, SpecificRecord> states = builder.stream(topics.machineState().name(),
                        Consumed.with(Serdes.String(), serdes.states()).withName("erp-state-source"))
                .mapValues(state -> (SpecificRecord) state, Named.as("erp-state-as-event"));
        counts.merge(states, Named.as("erp-machine-events"))
                .process(() -> new OrderConfirmations(settings), Named.as("erp-order-confirmations"), TALLIES,
                        MACHINES, CHANGED)
                .to(topics.confirmation().name(), Produced.with(Serdes.String(), serdes.confirmations())
                        .withName("erp-confirmation-sink"));
    }
}
