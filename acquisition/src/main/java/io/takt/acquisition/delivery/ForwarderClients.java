package io.takt.acquisition.delivery;

import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka client settings of the forwarder: the platform's (bootstrap servers and
 * {@code kafka.producer.*} etc. pass-through) with the forwarder's defaults under them, and the
 * settings exactly-once rests on forced over them.
 */
final class ForwarderClients {

    /** Kafka's default {@code max.request.size}. */
    static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    private ForwarderClients() {
    }

    static Map<String, Object> producer(DeliverySettings settings, ForwarderTuning tuning) {
        Map<String, Object> configs = settings.platform().producerConfigs();
        int timeout = (int) tuning.kafkaTimeout().toMillis();
        configs.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "takt-edge-" + settings.gatewayId());
        configs.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        configs.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        configs.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        configs.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3 * timeout);
        configs.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        configs.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        // Not negotiable: exactly once across a crash, and order per key, rest on these.
        configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        if (intValue(configs.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 5) > 5) {
            configs.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        }
        configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return configs;
    }

    /** A consumer that reads committed positions back: {@code read_committed}, no group. */
    static Map<String, Object> positionsConsumer(DeliverySettings settings, ForwarderTuning tuning) {
        Map<String, Object> configs = settings.platform().consumerConfigs();
        int timeout = (int) tuning.kafkaTimeout().toMillis();
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, "takt-edge-" + settings.gatewayId() + "-positions");
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        configs.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return configs;
    }

    static Map<String, Object> admin(DeliverySettings settings, ForwarderTuning tuning) {
        Map<String, Object> configs = settings.platform().adminConfigs();
        int timeout = (int) tuning.kafkaTimeout().toMillis();
        configs.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "takt-edge-" + settings.gatewayId() + "-admin");
        configs.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        configs.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        return configs;
    }

    /** The producer's {@code max.request.size}: larger records are dead-lettered before they can poison a transaction. */
    static int maxRequestSize(Map<String, Object> producerConfigs) {
        return intValue(producerConfigs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), DEFAULT_MAX_REQUEST_SIZE);
    }

    private static int intValue(Object value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
    }
}
