package io.takt.oee.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A RocksDB key-value store (with its changelog) in front of which the values written since the
 * last commit wait as objects, and are encoded and written only when Kafka Streams commits.
 *
 * <p>Why: a machine's ledger and open windows change with nearly every event. Kafka Streams' own
 * record cache would take an encoded value into a sorted map on every one of those events; this
 * store takes an object reference into a hash map and encodes each changed value once a commit
 * (100 ms under exactly-once), so a commit still writes one changelog record per changed key.
 *
 * <p>The moment to write is the one Kafka Streams gives its own caches: before a commit it calls
 * {@link CachedStateStore#flushCache()} on every store that is one, then flushes the producer and
 * commits the transaction. That interface is internal to Kafka Streams, so this class is the one
 * place that depends on it; {@code OeeCrashIT} proves the state survives a kill -9 and a restart.
 * A dirty close ({@link #clearCache()}) drops what waits, as the task's state is then rebuilt.
 *
 * <p>Only get, put and delete are offered: the processors need no more, and range scans would have
 * to merge the waiting values in.
 */
final class CommitBufferedStore<K, V> implements KeyValueStore<K, V>, CachedStateStore<K, V> {

    /** How the objects map to the RocksDB store's string keys and byte values. */
    interface Codec<K, V> {
        String storeKey(K key);

        byte[] encode(K key, V value);

        V decode(K key, byte[] bytes);

        /** A codec for string keys stored as they are, whose values encode without their key. */
        static <V> Codec<String, V> ofValues(Function<V, byte[]> encoder, Function<byte[], V> decoder) {
            return new Codec<>() {
                @Override
                public String storeKey(String key) {
                    return key;
                }

                @Override
                public byte[] encode(String key, V value) {
                    return encoder.apply(value);
                }

                @Override
                public V decode(String key, byte[] bytes) {
                    return decoder.apply(bytes);
                }
            };
        }
    }

    private final KeyValueStore<String, byte[]> inner;
    private final Codec<K, V> codec;
    // Null values are deletes waiting for the commit.
    private final Map<K, V> waiting = new HashMap<>();

    private CommitBufferedStore(KeyValueStore<String, byte[]> inner, Codec<K, V> codec) {
        this.inner = inner;
        this.codec = codec;
    }

    /** A builder of the store {@code name}: RocksDB, logged, no record cache (this store is the cache). */
    static <K, V> StoreBuilder<CommitBufferedStore<K, V>> builder(String name, Codec<K, V> codec) {
        StoreBuilder<KeyValueStore<String, byte[]>> rocks = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray()).withCachingDisabled();
        return new Builder<>(rocks, codec);
    }

    @Override
    public V get(K key) {
        if (waiting.containsKey(key)) {
            return waiting.get(key);
        }
        byte[] bytes = inner.get(codec.storeKey(key));
        return bytes == null ? null : codec.decode(key, bytes);
    }

    @Override
    public void put(K key, V value) {
        waiting.put(key, value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(K key) {
        V current = get(key);
        waiting.put(key, null);
        return current;
    }

    @Override
    public void flushCache() {
        for (Map.Entry<K, V> entry : waiting.entrySet()) {
            K key = entry.getKey();
            V value = entry.getValue();
            if (value == null) {
                inner.delete(codec.storeKey(key));
            } else {
                inner.put(codec.storeKey(key), codec.encode(key, value));
            }
        }
        waiting.clear();
    }

    @Override
    public void clearCache() {
        waiting.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        throw new UnsupportedOperationException("The " + name() + " store offers get, put and delete only");
    }

    @Override
    public KeyValueIterator<K, V> all() {
        throw new UnsupportedOperationException("The " + name() + " store offers get, put and delete only");
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries() + waiting.size();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        waiting.clear();
        inner.init(context, root);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        waiting.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
        return inner.query(query, bound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    /** Builds the RocksDB store with the given logging and puts this store in front of it. */
    private static final class Builder<K, V> implements StoreBuilder<CommitBufferedStore<K, V>> {

        private final StoreBuilder<KeyValueStore<String, byte[]>> rocks;
        private final Codec<K, V> codec;

        Builder(StoreBuilder<KeyValueStore<String, byte[]>> rocks, Codec<K, V> codec) {
            this.rocks = rocks;
            this.codec = codec;
        }

        @Override
        public StoreBuilder<CommitBufferedStore<K, V>> withCachingEnabled() {
            throw new UnsupportedOperationException("A commit-buffered store is its own cache");
        }

        @Override
        public StoreBuilder<CommitBufferedStore<K, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<CommitBufferedStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            rocks.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<CommitBufferedStore<K, V>> withLoggingDisabled() {
            throw new UnsupportedOperationException("A commit-buffered store needs its changelog");
        }

        @Override
        public CommitBufferedStore<K, V> build() {
            return new CommitBufferedStore<>(rocks.build(), codec);
        }

        @Override
        public Map<String, String> logConfig() {
            return rocks.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return rocks.loggingEnabled();
        }

        @Override
        public String name() {
            return rocks.name();
        }
    }
}
