package io.takt.dashboard.testing;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.AvroSerializer;

/** Writes Avro records to Takt topics as the stream apps do (Confluent wire format, schemas registered). */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;

    public TopicWriter(String bootstrapServers, String registryUrl) {
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), values);
    }

    /** Sends one record (a tombstone when {@code value} is null) without waiting: {@link #flush()} waits. */
    public TopicWriter send(String topic, String key, SpecificRecord value) {
        producer.send(new ProducerRecord<>(topic, key, value));
        return this;
    }

    /** Sends one record and waits until the broker has it. */
    public void sendNow(String topic, String key, SpecificRecord value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot write " + key + " to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every record sent so far is on the broker. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
