package io.takt.acquisition.delivery;

import static io.takt.acquisition.delivery.DeliveryRig.config;
import static io.takt.acquisition.delivery.DeliveryRig.provision;
import static io.takt.acquisition.delivery.DeliveryRig.readCommitted;
import static io.takt.acquisition.delivery.DeliveryRig.stateChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.takt.platform.deadletter.DeadLetterHeaders;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.SampleEvents;

@Timeout(120)
class StoreAndForwardIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    @TempDir
    Path bufferDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void shouldDeliverEachEventOnceInOrderPerKeyFramedWithTheRegistrysSchemaId() {
        // Given a gateway at site "flow" and 60 state changes of three machines, numbered 0-59 by one source
        TopicCatalogue catalogue = provision(backbone, "flow");
        String topic = catalogue.machineState().name();
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(backbone.registryUrl());
        try (StoreAndForward outbox = new StoreAndForward(config("flow", "gw-flow"), registry, meters)) {
            outbox.start();

            // When they are appended
            for (long seq = 0; seq < 60; seq++) {
                outbox.append(new OutboundEvent(topic, "m" + seq % 3, stateChange("m" + seq % 3, "src", seq)));
            }

            // Then a read_committed consumer sees each once, in order per machine...
            List<DeliveryRig.Delivered> delivered = readCommitted(backbone.bootstrapServers(), topic, 60,
                    Duration.ofSeconds(30));
            assertThat(delivered).hasSize(60);
            Map<String, List<Long>> byKey = DeliveryRig.sequencesByKey(delivered);
            assertThat(byKey.get("m0")).containsExactlyElementsOf(every3rd(0));
            assertThat(byKey.get("m1")).containsExactlyElementsOf(every3rd(1));
            assertThat(byKey.get("m2")).containsExactlyElementsOf(every3rd(2));
            // ...framed with the id the registry gave MachineStateChanged under <topic>-value
            int id = registry.idOf(topic + "-value", MachineStateChanged.SCHEMA$);
            assertThat(delivered).extracting(DeliveryRig.Delivered::schemaId).containsOnly(id);
            // ...and the meters and the committed position agree
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.status().undeliveredEvents() == 0);
            assertThat(meters.get(DeliveryMetrics.EVENTS_IN).counter().count()).isEqualTo(60);
            assertThat(meters.get(DeliveryMetrics.EVENTS_OUT).counter().count()).isEqualTo(60);
            assertThat(meters.get(DeliveryMetrics.KAFKA_REACHABLE).gauge().value()).isEqualTo(1);
            assertThat(outbox.status().state()).isEqualTo(DeliveryState.DELIVERING);
            assertThat(lastPositionValue("flow", "gw-flow")).contains("\"position\":60");
        }
    }

    @Test
    void shouldDeadLetterEventsThatCanNeverBeSentAndGoOn() {
        // Given a gateway at site "poison" whose quality-result subject holds a schema ours cannot follow
        TopicCatalogue catalogue = provision(backbone, "poison");
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(backbone.registryUrl());
        Schema unrelated = SchemaBuilder.record("QualityResult").namespace("io.takt.schemas").fields()
                .requiredInt("legacyCode").endRecord();
        registry.register(catalogue.qualityResult().name() + "-value", unrelated);
        String topic = catalogue.machineState().name();
        try (StoreAndForward outbox = new StoreAndForward(config("poison", "gw-poison"), registry, meters)) {
            outbox.start();

            // When a good event, one whose schema the registry rejects, one too large for Kafka (a 2 MB raw
            // state, over the 1 MiB max.request.size) and another good one are appended
            outbox.append(new OutboundEvent(topic, "m1", stateChange("m1", "src", 0)));
            outbox.append(new OutboundEvent(catalogue.qualityResult().name(), "lot-7", SampleEvents.qualityResult()));
            MachineStateChanged huge = stateChange("m1", "src", 1);
            huge.setRawState("x".repeat(2_000_000));
            outbox.append(new OutboundEvent(topic, "m1", huge));
            outbox.append(new OutboundEvent(topic, "m1", stateChange("m1", "src", 2)));

            // Then the good ones arrive, and the two others are on the dead-letter topic with their reason
            assertThat(readCommitted(backbone.bootstrapServers(), topic, 2, Duration.ofSeconds(30)))
                    .extracting(DeliveryRig.Delivered::sequence).containsExactly(0L, 2L);
            // (keyed lot-7 and m1, they may sit on different partitions of the dead-letter topic)
            Map<String, ConsumerRecord<byte[], byte[]>> letters = new HashMap<>();
            readAll(catalogue.deadLetter().name(), 2).forEach(r -> letters.put(header(r, DeadLetterHeaders.REASON), r));
            assertThat(letters).containsOnlyKeys(EdgeDeadLetters.SCHEMA_REJECTED, EdgeDeadLetters.RECORD_TOO_LARGE);
            ConsumerRecord<byte[], byte[]> rejected = letters.get(EdgeDeadLetters.SCHEMA_REJECTED);
            assertThat(header(rejected, EdgeDeadLetters.HEADER_WRITER_SCHEMA))
                    .isEqualTo(SampleEvents.qualityResult().getSchema().toString());
            assertThat(rejected.value()).isNotEmpty();
            assertThat(letters.get(EdgeDeadLetters.RECORD_TOO_LARGE).value()).isNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.status().undeliveredEvents() == 0);
            assertThat(meters.get(DeliveryMetrics.EVENTS_OUT).counter().count()).isEqualTo(2);
        }
    }

    private io.takt.platform.config.TaktConfig config(String site, String gatewayId) {
        return DeliveryRig.config(backbone.bootstrapServers(), backbone.registryUrl(), site, gatewayId, bufferDir);
    }

    private static List<Long> every3rd(long from) {
        List<Long> out = new ArrayList<>();
        for (long s = from; s < 60; s += 3) {
            out.add(s);
        }
        return out;
    }

    private String lastPositionValue(String site, String gatewayId) {
        String value = null;
        for (ConsumerRecord<byte[], byte[]> r : readAll(DeliveryConfig.offsetsTopic(site), 1)) {
            if (new String(r.key(), StandardCharsets.UTF_8).equals(gatewayId)) {
                value = new String(r.value(), StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers());
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= atLeast;
            });
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
