package io.takt.oee.query;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import io.takt.oee.EquipmentPartitioner;

/** Which instance holds a key of a store, and which instances hold any of it, from Kafka Streams' metadata. */
final class StoreOwners {

    private final KafkaStreams streams;

    StoreOwners(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The instance whose active task holds {@code key}; 503 while that is not known. */
    HostInfo ownerOf(String store, String key) {
        requireRunning();
        KeyQueryMetadata metadata = metadata(store, key);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            throw QueryProblem.notQueryable("The owner of '" + key + "' in store " + store
                    + " is not known yet (the instances are rebalancing)");
        }
        return metadata.activeHost();
    }

    /** Every instance with an active task of {@code store}; 503 while there is none. */
    Set<HostInfo> activeHostsOf(String store) {
        requireRunning();
        Set<HostInfo> hosts = new LinkedHashSet<>();
        try {
            for (StreamsMetadata instance : streams.streamsMetadataForStore(store)) {
                if (instance.stateStoreNames().contains(store)) {
                    hosts.add(instance.hostInfo());
                }
            }
        } catch (InvalidStateStoreException e) {
            throw QueryProblem.notQueryable("The instances of store " + store + " are not known yet: " + e.getMessage());
        }
        if (hosts.isEmpty()) {
            throw QueryProblem.notQueryable("No instance holds store " + store + " yet (the instances are rebalancing)");
        }
        return hosts;
    }

    private KeyQueryMetadata metadata(String store, String key) {
        try {
            return streams.queryMetadataForKey(store, key, new EquipmentPartitioner<>());
        } catch (InvalidStateStoreException e) {
            throw QueryProblem.notQueryable("The owner of '" + key + "' is not known yet: " + e.getMessage());
        }
    }

    private void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (!state.isRunningOrRebalancing()) {
            throw QueryProblem.notQueryable("Kafka Streams is " + state + ", not running: the stores cannot be read");
        }
    }
}
