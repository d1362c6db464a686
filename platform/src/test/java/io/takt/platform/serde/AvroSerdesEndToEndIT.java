package io.takt.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.SampleEvents;

/**
 * The whole path a machine event takes: producer with our serializer configured by class name and
 * {@code schema.registry.url} (as Kafka and Kafka Connect configure it), real broker, real
 * registry, consumer with our deserializer, and a consumer that decodes the bytes the way any
 * Confluent-format reader does (schema by id from the registry, plain Avro decoding).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AvroSerdesEndToEndIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    private static final String TOPIC = "takt.site1.machine-state.v1";

    @Test
    void shouldCarryAMachineEventThroughBrokerAndRegistryInConfluentWireFormat() throws Exception {
        // Given a machine state event produced with the serializer named by class, as in a properties file
        backbone.createTopics(TOPIC);
        MachineStateChanged fault = SampleEvents.machineStateChanged();
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
        producerProps.put("schema.registry.url", backbone.registryUrl());
        try (var producer = new KafkaProducer<String, Object>(producerProps)) {
            producer.send(new ProducerRecord<>(TOPIC, fault.getEquipment().getId(), fault)).get();
        }

        // When it is read back with our deserializer, and as raw bytes
        MachineStateChanged read = consumeOne(new AvroDeserializer<>(MachineStateChanged.class),
                Map.of("schema.registry.url", backbone.registryUrl()));
        byte[] raw = consumeOne(new ByteArrayDeserializer(), Map.of());

        // Then the event is unchanged and the schema is registered under <topic>-value
        assertThat(read).isEqualTo(fault);
        var client = new RestSchemaRegistryClient(backbone.registryUrl());
        assertThat(client.subjects()).contains(TOPIC + "-value");
        int id = client.latest(TOPIC + "-value").id();

        // And the bytes are magic 0, the 4-byte big-endian id, then Avro binary that a generic reader decodes
        assertThat(raw[0]).isZero();
        assertThat(((raw[1] & 0xff) << 24) | ((raw[2] & 0xff) << 16) | ((raw[3] & 0xff) << 8) | (raw[4] & 0xff))
                .isEqualTo(id);
        var writerSchema = client.schemaById(id);
        GenericRecord generic = new GenericDatumReader<GenericRecord>(writerSchema)
                .read(null, DecoderFactory.get().binaryDecoder(raw, 5, raw.length - 5, null));
        assertThat(generic.get("state").toString()).isEqualTo("FAULT");
        assertThat(generic.get("sequence")).isEqualTo(41L);
    }

    private <T> T consumeOne(Deserializer<T> valueDeserializer, Map<String, String> serdeConfig) {
        valueDeserializer.configure(serdeConfig, false);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + valueDeserializer.getClass().getSimpleName());
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), valueDeserializer)) {
            consumer.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, T>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertThat(records).hasSize(1);
            return records.get(0).value();
        }
    }
}
