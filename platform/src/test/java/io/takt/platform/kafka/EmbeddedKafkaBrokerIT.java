package io.takt.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepRecordsAcrossRestartOfTheSameDataDirectory() throws Exception {
        // Given a broker on a fixed data directory with one record written
        var settings = new EmbeddedKafkaBroker.Settings(dataDir, "localhost", 0, 0, Map.of());
        try (var broker = new EmbeddedKafkaBroker(settings).start()) {
            createTopic(broker.bootstrapServers(), "restart-check");
            produce(broker.bootstrapServers(), "restart-check", "press-1", "RUNNING");

            // When it is stopped and started again on the same directory
            broker.stop();
            broker.start();

            // Then the record is still there
            assertThat(consumeAll(broker.bootstrapServers(), "restart-check"))
                    .extracting(ConsumerRecord::value).containsExactly("RUNNING");
        }
        assertThat(Files.exists(dataDir.resolve("meta.properties"))).isTrue();
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-check");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var records = new java.util.ArrayList<ConsumerRecord<String, String>>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
