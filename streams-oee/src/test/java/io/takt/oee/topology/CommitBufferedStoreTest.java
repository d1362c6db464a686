package io.takt.oee.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values wait as objects until the commit, then go to RocksDB once each, through the codec. */
class CommitBufferedStoreTest {

    /** A counter per key, as a mutable object the processor changes in place. */
    static final class Tally {
        int count;
    }

    private final List<String> encoded = new ArrayList<>();

    private final CommitBufferedStore.Codec<String, Tally> codec = new CommitBufferedStore.Codec<>() {
        @Override
        public String storeKey(String key) {
            return "tally|" + key;
        }

        @Override
        public byte[] encode(String key, Tally value) {
            encoded.add(key + "=" + value.count);
            return String.valueOf(value.count).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Tally decode(String key, byte[] bytes) {
            Tally tally = new Tally();
            tally.count = Integer.parseInt(new String(bytes, StandardCharsets.UTF_8));
            return tally;
        }
    };

    @TempDir
    Path stateDir;

    @Test
    void shouldWriteEachChangedKeyOnceACommitAndReadItBackThroughTheCodec() {
        // Given a processor that adds every record's number to its key's tally three times over
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(CommitBufferedStore.builder("tallies", codec));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .process(TripleAdder::new, "tallies");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "commit-buffered-store-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                    new StringSerializer());

            // When press1 gets 2, then 5 (the driver commits after each record)
            in.pipeInput("press1", "2");
            in.pipeInput("press1", "5");

            // Then each commit encoded press1 once, with the tally after the record: 3 x 2, then 6 + 3 x 5
            assertThat(encoded).containsExactly("press1=6", "press1=21");
            // And the store reads the committed value back through the codec
            KeyValueStore<String, Tally> store = driver.getKeyValueStore("tallies");
            assertThat(store.get("press1").count).isEqualTo(21);
            assertThat(store.get("press2")).isNull();

            // When press1 is deleted
            in.pipeInput("press1", "delete");

            // Then it is gone, and nothing was encoded for the delete
            assertThat(store.get("press1")).isNull();
            assertThat(encoded).hasSize(2);
        }
    }

    /** Adds the record's number to the key's tally three times, each a put; "delete" deletes the key. */
    private static final class TripleAdder implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, Tally> tallies;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            tallies = context.getStateStore("tallies");
        }

        @Override
        public void process(Record<String, String> record) {
            if ("delete".equals(record.value())) {
                tallies.delete(record.key());
                return;
            }
            Tally tally = tallies.get(record.key());
            if (tally == null) {
                tally = new Tally();
            }
            for (int i = 0; i < 3; i++) {
                tally.count += Integer.parseInt(record.value());
                tallies.put(record.key(), tally);
            }
        }
    }
}
