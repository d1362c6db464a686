package io.takt.platform.registry.server;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.registry.server.StoreFormat.StoreKey;

/**
 * The registry's view and its topic together: reads come from the in-memory {@link RegistryState},
 * writes go through the {@link SchemasTopic} one at a time per instance (instances still race each
 * other; the state's claim rules settle that).
 */
final class Store {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    /** A read waits at most this long to catch up; after that it answers from what it has. */
    private static final Duration READ_CATCH_UP = Duration.ofSeconds(2);

    private final RegistryState state;
    private final SchemasTopic topic;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Duration writeTimeout;

    Store(RegistryState state, SchemasTopic topic, Duration writeTimeout) {
        this.state = state;
        this.topic = topic;
        this.writeTimeout = writeTimeout;
    }

    RegistryState state() {
        return state;
    }

    /** Runs a read-decide-write sequence with no other write of this instance in between. */
    <T> T exclusively(Supplier<T> work) {
        writeLock.lock();
        try {
            return work.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes a record and returns its offset once this instance has applied it. */
    long append(StoreKey key, Object value) {
        return topic.append(key, value);
    }

    /** Before deciding a write: see every record already in the topic. */
    void catchUp() {
        topic.catchUp(writeTimeout);
    }

    /**
     * Before answering a read (or a "not found"): see what other instances wrote. If Kafka is
     * unreachable the read is answered from what this instance already knows, as Confluent does.
     */
    void catchUpForRead() {
        try {
            topic.catchUp(READ_CATCH_UP);
        } catch (RegistryError e) {
            LOG.debug("Answering from the local view: {}", e.getMessage());
        }
    }
}
