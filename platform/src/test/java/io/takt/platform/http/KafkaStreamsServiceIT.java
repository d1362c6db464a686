package io.takt.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.takt.platform.deadletter.DeadLetterHeaders;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.deadletter.StreamsDeadLetters;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;

/** A Kafka Streams service as services will be wired: real broker, real HTTP, DLQ handlers installed. */
@Tag("integration")
@Timeout(180)
class KafkaStreamsServiceIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.brokerOnly();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path stateDir;

    /** Only known machine states deserialize; anything else is a poison pill. */
    static final class MachineStateDeserializer implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            String text = new String(data, StandardCharsets.UTF_8);
            if (!text.equals("RUNNING") && !text.equals("STOPPED")) {
                throw new SerializationException("Not a machine state");
            }
            return text;
        }
    }

    @Test
    void shouldBeReadyOnlyWhileKafkaStreamsRuns() throws Exception {
        // Given a streams app that is created but not started, behind the endpoint
        TopicCatalogue site = backbone.provisionSite("readiness");
        try (ServiceMetrics metrics = ServiceMetrics.create("takt-readiness");
             KafkaStreams streams = new KafkaStreams(topology(site), streamsProps("readiness", metrics));
             ServiceEndpoint endpoint = ServiceEndpoint.builder(metrics).host("localhost").port(0).build().start()) {
            endpoint.readiness("kafka-streams", ReadinessCheck.kafkaStreams(streams));

            // Then it is not ready, and says why
            HttpResponse<String> before = get(endpoint, "/ready");
            assertThat(before.statusCode()).isEqualTo(503);
            assertThat(json.readTree(before.body()).at("/checks/kafka-streams/detail").asText()).isEqualTo("CREATED");

            // When started, Then it becomes ready
            streams.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get(endpoint, "/ready").statusCode()).isEqualTo(200));

            // When closed, Then it is not ready again
            streams.close(Duration.ofSeconds(30));
            HttpResponse<String> after = get(endpoint, "/ready");
            assertThat(after.statusCode()).isEqualTo(503);
            assertThat(json.readTree(after.body()).at("/checks/kafka-streams/detail").asText()).isEqualTo("NOT_RUNNING");
        }
    }

    @Test
    void shouldDeadLetterAPoisonPillAndShowItAndStreamsMetersOnMetrics() throws Exception {
        // Given a running streams app with Takt's dead-letter handlers and its meters bound
        TopicCatalogue site = backbone.provisionSite("dead-letters");
        try (ServiceMetrics metrics = ServiceMetrics.create("takt-dlq");
             KafkaStreams streams = new KafkaStreams(topology(site), streamsProps("dead-letters", metrics));
             ServiceEndpoint endpoint = ServiceEndpoint.builder(metrics).host("localhost").port(0).build().start()) {
            metrics.bindKafka(streams);
            streams.start();

            // When a poison pill arrives between two good records
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                    backbone.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                String topic = site.machineState().name();
                producer.send(new ProducerRecord<>(topic, "press-1", bytes("RUNNING"))).get();
                producer.send(new ProducerRecord<>(topic, "press-2", new byte[] {0, 1, 2})).get();
                producer.send(new ProducerRecord<>(topic, "press-3", bytes("STOPPED"))).get();
            }

            // Then the pill is on the dead-letter topic, unchanged, with the native and Takt headers
            ConsumerRecord<byte[], byte[]> letter = readOne(site.deadLetter().name());
            assertThat(letter.key()).isEqualTo(bytes("press-2"));
            assertThat(letter.value()).isEqualTo(new byte[] {0, 1, 2});
            assertThat(DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.REASON)).contains("deserialization");
            assertThat(DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.APP)).contains("takt-it-dead-letters");
            assertThat(DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.OFFSET)).contains("1");

            // And the stream went on (it stays RUNNING and processed the record after the pill)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(endpoint, "/metrics").body())
                    .contains("takt_dead_letters_total{app=\"takt-it-dead-letters\",reason=\"deserialization\","
                            + "service=\"takt-dlq\",topic=\"" + site.machineState().name() + "\"} 1.0")
                    .containsPattern("kafka_stream_thread_process_total\\{.*} 2.0"));
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static Topology topology(TopicCatalogue site) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(site.machineState().name(),
                        Consumed.with(Serdes.String(), Serdes.serdeFrom(new StringSerializer(),
                                new MachineStateDeserializer())).withName("machine-state-source"))
                .foreach((equipment, state) -> { }, Named.as("observe-state"));
        return builder.build();
    }

    private Properties streamsProps(String name, ServiceMetrics metrics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "takt-it-" + name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        StreamsDeadLetters.configure(props, "takt." + name + ".dlq.v1", new DeadLetterMetrics(metrics.registry()));
        return props;
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, Object> configs = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private HttpResponse<String> get(ServiceEndpoint endpoint, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint.url().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
