package io.takt.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import io.takt.oee.topology.OeeSerdes;

/**
 * The least a Kafka Streams app does with the OEE inputs: the same two topics, exactly_once_v2,
 * Avro values decoded, every event handed to a processor that keeps nothing. What it sustains is
 * the ceiling for any stateful topology on the same inputs.
 */
final class StreamsFloor implements AutoCloseable {

    static final String APPLICATION_ID = "takt-streams-floor-bench";

    private final KafkaStreams streams;

    @SuppressWarnings("unchecked")
    StreamsFloor(String bootstrap, OeeSerdes serdes, String stateTopic, String countTopic, Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, ?> states = builder.stream(stateTopic, Consumed.with(Serdes.String(), serdes.machineState())
                .withName("floor-state-source"));
        KStream<String, ?> counts = builder.stream(countTopic, Consumed.with(Serdes.String(),
                serdes.productionCount()).withName("floor-count-source"));
        ((KStream<String, SpecificRecord>) states).merge((KStream<String, SpecificRecord>) counts,
                Named.as("floor-merge")).foreach((key, value) -> { }, Named.as("floor-drop"));
        Properties props = new Properties();
        props.putAll(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.REPLICATION_FACTOR_CONFIG, 1));
        this.streams = new KafkaStreams(builder.build(), props);
    }

    StreamsFloor start() {
        streams.start();
        return this;
    }

    @Override
    public void close() {
        streams.close();
    }
}
