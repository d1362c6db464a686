package io.takt.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class StreamsDeadLettersTest {

    private static final String SOURCE = "takt.site1.machine-state.v1";
    private static final String OUTPUT = "takt.site1.oee-bucket.test";
    private static final String DLQ = "takt.site1.dlq.v1";
    private static final String APP = "takt-oee-test";
    private static final Set<String> STATES = Set.of("RUNNING", "STOPPED", "MAINTENANCE");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, String> output;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    /** A machine state must be one of the known names; anything else is a poison pill. */
    static final class MachineStateDeserializer implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            String text = new String(data, StandardCharsets.UTF_8);
            if (!STATES.contains(text)) {
                throw new SerializationException("Not a machine state: " + data.length + " bytes");
            }
            return text;
        }
    }

    /** Refuses to write the bucket of one machine, as a broken serializer would. */
    static final class PickySerializer implements Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            if (data.startsWith("press-9")) {
                throw new SerializationException("cannot write bucket of press-9");
            }
            return data.getBytes(StandardCharsets.UTF_8);
        }
    }

    static Topology topology() {
        Serde<String> states = Serdes.serdeFrom(new StringSerializer(), new MachineStateDeserializer());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(SOURCE, Consumed.with(Serdes.String(), states).withName("machine-state-source"))
                .mapValues((equipment, state) -> {
                    if (state.equals("MAINTENANCE")) {
                        throw new IllegalStateException("no OEE bucket for state MAINTENANCE");
                    }
                    return equipment + ":" + (state.equals("RUNNING") ? "run-time" : "down-time");
                }, Named.as("classify-state"))
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.serdeFrom(new PickySerializer(),
                        new StringDeserializer())).withName("bucket-sink"));
        return builder.build();
    }

    @BeforeEach
    void startDriver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        StreamsDeadLetters.configure(props, DLQ, new DeadLetterMetrics(registry));
        driver = new TopologyTestDriver(topology(), props);
        input = driver.createInputTopic(SOURCE, new StringSerializer(), new ByteArraySerializer());
        output = driver.createOutputTopic(OUTPUT, new StringDeserializer(), new StringDeserializer());
        deadLetters = driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldDeadLetterAPoisonPillWithItsOriginalBytesAndGoOn() {
        // Given a poison value between two good records, with a header from the edge gateway
        byte[] poison = {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF};
        Headers headers = new RecordHeaders().add("takt.source", "opcua://press-2".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>("press-1", bytes("RUNNING"), Instant.ofEpochMilli(1_000)));
        input.pipeInput(new TestRecord<>("press-2", poison, headers, Instant.ofEpochMilli(2_000)));
        input.pipeInput(new TestRecord<>("press-4", bytes("STOPPED"), Instant.ofEpochMilli(3_000)));

        // Then both good records are processed: the stream did not stop at the poison pill
        assertThat(output.readValuesToList()).containsExactly("press-1:run-time", "press-4:down-time");

        // And the poison pill is on the DLQ, unchanged, with the reason and position in headers
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo(bytes("press-2"));
        assertThat(letter.value()).isEqualTo(poison);
        assertThat(letter.timestamp()).isEqualTo(2_000L);
        Headers h = letter.headers();
        assertThat(header(h, "takt.source")).isEqualTo("opcua://press-2");
        assertThat(header(h, DeadLetterHeaders.REASON)).isEqualTo("deserialization");
        assertThat(header(h, DeadLetterHeaders.APP)).isEqualTo(APP);
        assertThat(header(h, DeadLetterHeaders.EXCEPTION)).isEqualTo(SerializationException.class.getName());
        assertThat(header(h, DeadLetterHeaders.MESSAGE)).isEqualTo("Not a machine state: 4 bytes");
        assertThat(header(h, DeadLetterHeaders.STACKTRACE)).contains("MachineStateDeserializer.deserialize");
        assertThat(header(h, DeadLetterHeaders.TOPIC)).isEqualTo(SOURCE);
        assertThat(header(h, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        // press-1 was offset 0, so the poison pill is offset 1
        assertThat(header(h, DeadLetterHeaders.OFFSET)).isEqualTo("1");
        assertThat(Instant.parse(header(h, DeadLetterHeaders.TIME))).isBefore(Instant.now().plusSeconds(1));
        assertThat(deadLetterCount("deserialization")).isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterTheSourceRecordOfAThrowingProcessorAndGoOn() {
        // Given a state the processor throws on, between two good records
        input.pipeInput("press-1", bytes("STOPPED"));
        input.pipeInput("press-3", bytes("MAINTENANCE"));
        input.pipeInput("press-4", bytes("RUNNING"));

        // Then the records around it are processed
        assertThat(output.readValuesToList()).containsExactly("press-1:down-time", "press-4:run-time");

        // And the failing record's original bytes are on the DLQ with the processor that threw
        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(letter.key()).isEqualTo(bytes("press-3"));
        assertThat(letter.value()).isEqualTo(bytes("MAINTENANCE"));
        Headers h = letter.headers();
        assertThat(header(h, DeadLetterHeaders.REASON)).isEqualTo("processing");
        assertThat(header(h, DeadLetterHeaders.EXCEPTION)).isEqualTo(IllegalStateException.class.getName());
        assertThat(header(h, DeadLetterHeaders.MESSAGE)).isEqualTo("no OEE bucket for state MAINTENANCE");
        assertThat(header(h, DeadLetterHeaders.PROCESSOR)).isEqualTo("classify-state");
        assertThat(header(h, DeadLetterHeaders.OFFSET)).isEqualTo("1");
        assertThat(deadLetterCount("processing")).isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterAResultThatCannotBeSerializedAndGoOn() {
        // Given a machine whose result the sink's serializer refuses
        input.pipeInput("press-9", bytes("RUNNING"));
        input.pipeInput("press-1", bytes("RUNNING"));

        // Then the other machine's result is written
        assertThat(output.readValuesToList()).containsExactly("press-1:run-time");

        // And the source record behind the refused result is on the DLQ
        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo(bytes("press-9"));
        assertThat(letter.value()).isEqualTo(bytes("RUNNING"));
        assertThat(header(letter.headers(), DeadLetterHeaders.REASON)).isEqualTo("serialization");
        assertThat(header(letter.headers(), DeadLetterHeaders.MESSAGE)).isEqualTo("cannot write bucket of press-9");
        assertThat(deadLetterCount("serialization")).isEqualTo(1.0);
    }

    private double deadLetterCount(String reason) {
        return registry.get(DeadLetterMetrics.METER)
                .tags("app", APP, "topic", SOURCE, "reason", reason)
                .counter().count();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        return DeadLetterHeaders.read(headers, name).orElseThrow(() -> new AssertionError("no header " + name));
    }
}
