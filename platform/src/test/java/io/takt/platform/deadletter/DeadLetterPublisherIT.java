package io.takt.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;

@Tag("integration")
@Timeout(120)
class DeadLetterPublisherIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.brokerOnly();

    private static final Set<String> STATES = Set.of("RUNNING", "STOPPED");


    /** Accepts only known machine states, as a real value deserializer rejects foreign bytes. */
    static final class MachineStateDeserializer implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            String text = new String(data, StandardCharsets.UTF_8);
            if (!STATES.contains(text)) {
                throw new SerializationException("Not a machine state (" + data.length + " bytes)");
            }
            return text;
        }
    }

    @Test
    void shouldDeadLetterAPoisonPillFromAPlainConsumerAndLetItGoOn() throws Exception {
        // Given machine states with a poison pill between two good ones
        TopicCatalogue site = backbone.provisionSite("poison");
        String source = site.machineState().name();
        byte[] poison = {(byte) 0xC0, 0x01, 0x02};
        try (var producer = bytesProducer()) {
            producer.send(new ProducerRecord<>(source, bytes("press-1"), bytes("RUNNING"))).get();
            producer.send(new ProducerRecord<>(source, null, 5_000L, bytes("press-2"), poison,
                    new RecordHeaders().add("takt.source", bytes("opcua://press-2")))).get();
            producer.send(new ProducerRecord<>(source, bytes("press-3"), bytes("STOPPED"))).get();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        // When a plain consumer reads them, dead-lettering what it cannot deserialize
        List<String> states = new ArrayList<>();
        int poisonPills = 0;
        try (var publisher = DeadLetterPublisher.create(Map.of("bootstrap.servers", backbone.bootstrapServers()),
                site.deadLetter().name(), "edge-gateway", new DeadLetterMetrics(registry));
             var consumer = new KafkaConsumer<>(consumerConfigs("gateway"), new StringDeserializer(),
                     new MachineStateDeserializer())) {
            consumer.subscribe(List.of(source));
            long deadline = System.currentTimeMillis() + 30_000;
            while (states.size() < 2 && System.currentTimeMillis() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> states.add(r.value()));
                } catch (RecordDeserializationException e) {
                    publisher.publish(e).get();
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                    poisonPills++;
                }
            }
        }

        // Then it went on past the poison pill (which really was hit, once)
        assertThat(states).containsExactly("RUNNING", "STOPPED");
        assertThat(poisonPills).isEqualTo(1);

        // And the dead-letter topic holds the pill unchanged, with reason, app and position
        ConsumerRecord<byte[], byte[]> letter = readOne(site.deadLetter().name());
        assertThat(letter.key()).isEqualTo(bytes("press-2"));
        assertThat(letter.value()).isEqualTo(poison);
        assertThat(letter.timestamp()).isEqualTo(5_000L);
        assertThat(header(letter, "takt.source")).isEqualTo("opcua://press-2");
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("deserialization");
        assertThat(header(letter, DeadLetterHeaders.APP)).isEqualTo("edge-gateway");
        assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(source);
        assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo("1");
        assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(SerializationException.class.getName());
        assertThat(header(letter, DeadLetterHeaders.MESSAGE)).isEqualTo("Not a machine state (3 bytes)");
        assertThat(header(letter, DeadLetterHeaders.STACKTRACE)).contains("MachineStateDeserializer.deserialize");
        assertThat(registry.get(DeadLetterMetrics.METER)
                .tags("app", "edge-gateway", "topic", source, "reason", "deserialization").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterARecordTheAppCouldNotHandleThroughTheCallersProducer() throws Exception {
        // Given a consumed quality result the app rejects
        TopicCatalogue site = backbone.provisionSite("reject");
        var consumed = new ConsumerRecord<>(site.qualityResult().name(), 0, 17L, bytes("LOT-4711"), bytes("{}"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        // When published through a producer the app owns
        try (var producer = bytesProducer()) {
            var publisher = new DeadLetterPublisher(producer, site.deadLetter().name(), "qms-bridge",
                    new DeadLetterMetrics(registry));
            publisher.publish(consumed, "unknown-lot", new IllegalArgumentException("LOT-4711 is not known")).get();
        }

        // Then it is on the dead-letter topic with the app's own reason
        ConsumerRecord<byte[], byte[]> letter = readOne(site.deadLetter().name());
        assertThat(letter.key()).isEqualTo(bytes("LOT-4711"));
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("unknown-lot");
        assertThat(header(letter, DeadLetterHeaders.MESSAGE)).isEqualTo("LOT-4711 is not known");
        assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo("17");
        assertThat(registry.get(DeadLetterMetrics.METER).tag("reason", "unknown-lot").counter().count()).isEqualTo(1.0);
    }

    private static KafkaProducer<byte[], byte[]> bytesProducer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", backbone.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Map<String, Object> consumerConfigs(String group) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfigs("dlq-reader-" + topic), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // one more poll: a second, unexpected dead letter must not go unnoticed
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DeadLetterHeaders.read(record.headers(), name).orElseThrow(() -> new AssertionError("no header " + name));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
