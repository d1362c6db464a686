package io.takt.oee.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.takt.oee.OeeStores;
import io.takt.oee.topology.OeeSerdes;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.OeeKpi;

/**
 * Reads the OEE stores of this instance only (active tasks, never standbys), so an answer never
 * counts a record twice when several instances' answers are gathered. The stores hold the records
 * as the topics do (Confluent wire format), decoded here when asked for.
 */
final class LocalOeeStores {

    /** Newest stop first; a later key (another machine) breaks ties so the order is stable. */
    static final Comparator<DowntimeEvent> NEWEST_FIRST = Comparator
            .comparing(DowntimeEvent::getStart).reversed()
            .thenComparing(stop -> stop.getEquipment().getId());

    private final KafkaStreams streams;
    private final Deserializer<OeeKpi> kpis;
    private final Deserializer<DowntimeEvent> stops;

    LocalOeeStores(KafkaStreams streams, OeeSerdes serdes) {
        this.streams = streams;
        this.kpis = serdes.oeeKpi().deserializer();
        this.stops = serdes.downtime().deserializer();
    }

    Optional<OeeKpi> live(String equipmentId) {
        return Optional.ofNullable(kpi(store(OeeStores.LIVE).get(equipmentId)));
    }

    /** Every live record here, roll-ups included. */
    List<OeeKpi> allLive() {
        List<OeeKpi> live = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store(OeeStores.LIVE).all()) {
            all.forEachRemaining(entry -> live.add(kpi(entry.value)));
        }
        return live;
    }

    /** The equipment's windows of the query's kind starting in [from, to), oldest first. */
    List<OeeKpi> windows(WindowQuery query) {
        String first = OeeStores.kpiKey(query.equipmentId(), query.kind(), query.period().fromMillis());
        String last = OeeStores.kpiKey(query.equipmentId(), query.kind(), query.period().toMillis() - 1);
        List<OeeKpi> windows = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> range = store(OeeStores.KPI).range(first, last)) {
            range.forEachRemaining(entry -> windows.add(kpi(entry.value)));
        }
        return windows;
    }

    /** The query's stops held here, newest first, at most its limit. */
    List<DowntimeEvent> stops(DowntimeQuery query) {
        // A heap of the newest `limit` seen so far: its head is the oldest, dropped when a newer one comes.
        PriorityQueue<DowntimeEvent> newest = new PriorityQueue<>(NEWEST_FIRST.reversed());
        Consumer<DowntimeEvent> keep = stop -> {
            if (query.holds(stop)) {
                newest.add(stop);
                if (newest.size() > query.limit()) {
                    newest.poll();
                }
            }
        };
        if (query.scope().single()) {
            eachStopOf(query.scope().id(), query.period().fromMillis(), query.period().toMillis(), keep);
        } else {
            eachStop(keep);
        }
        List<DowntimeEvent> stops = new ArrayList<>(newest);
        stops.sort(NEWEST_FIRST);
        return stops;
    }

    /** The loss Pareto of the stops held here; stops started before {@code from} may reach into it. */
    LossPareto pareto(ParetoQuery query) {
        LossPareto pareto = new LossPareto(query.period());
        Consumer<DowntimeEvent> add = stop -> {
            if (query.holds(stop)) {
                pareto.add(stop);
            }
        };
        if (query.scope().single()) {
            eachStopOf(query.scope().id(), 0, query.period().toMillis(), add);
        } else {
            eachStop(add);
        }
        return pareto;
    }

    private void eachStopOf(String equipmentId, long fromStart, long toStart, Consumer<DowntimeEvent> action) {
        String first = OeeStores.downtimeKey(equipmentId, fromStart);
        String last = OeeStores.downtimeKey(equipmentId, toStart - 1);
        try (KeyValueIterator<String, byte[]> range = store(OeeStores.DOWNTIME).range(first, last)) {
            range.forEachRemaining(entry -> action.accept(stop(entry.value)));
        }
    }

    private void eachStop(Consumer<DowntimeEvent> action) {
        try (KeyValueIterator<String, byte[]> all = store(OeeStores.DOWNTIME).all()) {
            all.forEachRemaining(entry -> action.accept(stop(entry.value)));
        }
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private OeeKpi kpi(byte[] bytes) {
        return kpis.deserialize(null, bytes);
    }

    private DowntimeEvent stop(byte[] bytes) {
        return stops.deserialize(null, bytes);
    }
}
