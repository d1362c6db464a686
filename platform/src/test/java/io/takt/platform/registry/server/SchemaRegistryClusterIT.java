package io.takt.platform.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.takt.platform.registry.client.RegisteredSchema;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.registry.server.RawHttp.Answer;
import io.takt.platform.registry.server.RegistryState.StoredVersion;
import io.takt.platform.registry.server.StoreFormat.SchemaKey;
import io.takt.platform.registry.server.StoreFormat.SchemaValue;
import io.takt.platform.testing.KafkaBackbone;

/** Two registry instances on one broker, with no leader, agree on every id and version. */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SchemaRegistryClusterIT {

    private static final String TOPIC = "_schemas";

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.brokerOnly();

    private static SchemaRegistryServer instanceA;
    private static SchemaRegistryServer instanceB;

    @BeforeAll
    static void startBrokerAndTwoInstances() {
        instanceA = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(backbone.bootstrapServers())).start();
        instanceB = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(backbone.bootstrapServers())).start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {instanceA, instanceB}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    void shouldServeOnInstanceBAWriteJustMadeOnInstanceA() {
        // Given a schema registered through instance A
        Schema schema = PlantSchemas.counterReading(100);
        int id = new RestSchemaRegistryClient(instanceA.url()).register("labeler-value", schema);

        // When instance B is asked at once, with no wait, by id, by lookup and for the latest version
        RawHttp b = new RawHttp(instanceB.url());
        Answer byId = b.get("/schemas/ids/" + id);
        Answer lookup = b.post("/subjects/labeler-value", RawHttp.schemaBody(schema.toString()));
        Answer latest = b.get("/subjects/labeler-value/versions/latest");

        // Then B answers what A wrote instead of a 404
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().get("schema").asText()).isEqualTo(schema.toString());
        assertThat(lookup.json().get("id").asInt()).isEqualTo(id);
        assertThat(latest.json().get("id").asInt()).isEqualTo(id);
    }

    @Test
    void shouldGiveUniqueIdsAndIdenticalViewsWhenBothInstancesRegisterConcurrently() throws Exception {
        // Given 4 threads on each instance, each registering 6 different schemas under one shared subject
        // (so versions collide) and under one of three line subjects (so ids collide)
        var clientA = new RestSchemaRegistryClient(instanceA.url());
        var clientB = new RestSchemaRegistryClient(instanceB.url());
        Map<Integer, Integer> idBySchemaNumber = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> tasks = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            RestSchemaRegistryClient client = thread % 2 == 0 ? clientA : clientB;
            int first = thread * 6;
            tasks.add(pool.submit(() -> {
                for (int n = first; n < first + 6; n++) {
                    Schema schema = PlantSchemas.counterReading(n);
                    int shared = client.register("all-counters-value", schema);
                    int line = client.register("line-" + (n % 3) + "-counters-value", schema);
                    assertThat(line).isEqualTo(shared);
                    idBySchemaNumber.put(n, shared);
                }
                return null;
            }));
        }

        // When every registration has returned
        for (Future<?> task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // Then 48 schemas got 48 distinct ids
        assertThat(idBySchemaNumber).hasSize(48);
        assertThat(idBySchemaNumber.values()).doesNotHaveDuplicates();
        // And both instances serve the same 48 versions of the shared subject, in the same order
        assertThat(clientB.versions("all-counters-value")).isEqualTo(clientA.versions("all-counters-value"))
                .hasSize(48);
        for (String subject : List.of("all-counters-value", "line-0-counters-value", "line-1-counters-value",
                "line-2-counters-value")) {
            for (int version : clientA.versions(subject)) {
                RegisteredSchema onA = clientA.version(subject, version);
                assertThat(clientB.version(subject, version)).isEqualTo(onA);
                assertThat(idBySchemaNumber).containsValue(onA.id());
            }
        }
        // And the topic, replayed whole or as compaction would leave it, gives that same view
        List<ConsumerRecord<byte[], byte[]>> records = SchemasTopicRecords.readAll(backbone.bootstrapServers(), TOPIC);
        List<StoredVersion> full = SchemasTopicRecords.everyVersion(SchemasTopicRecords.replay(records));
        assertThat(SchemasTopicRecords.everyVersion(SchemasTopicRecords.replayCompacted(records))).isEqualTo(full);
        assertThat(full.stream().filter(v -> v.subject().equals("all-counters-value")).count()).isEqualTo(48);
    }

    @Test
    void shouldRepairLostClaimsLeftBehindSoCompactionCannotLetThemWin() throws Exception {
        // Given version 1 of crash-line-value registered through instance A
        var client = new RestSchemaRegistryClient(instanceA.url());
        Schema winner = PlantSchemas.counterReading(200);
        int id = client.register("crash-line-value", winner);

        // When an instance that crashed right after losing has left two losing claims as the last records:
        // one on the same subject version, one on another subject with an id bound to another schema
        String loser = PlantSchemas.counterReading(201).toString();
        produce(new SchemaKey("crash-line-value", 1), new SchemaValue("crash-line-value", 1, id + 1000, loser, false));
        long lastLoser = produce(new SchemaKey("crash-other-value", 1),
                new SchemaValue("crash-other-value", 1, id, loser, false));
        // (the log up to the losers, before any instance's repair sweep could have run)
        List<ConsumerRecord<byte[], byte[]>> before = SchemasTopicRecords.readAll(backbone.bootstrapServers(), TOPIC)
                .stream().filter(r -> r.offset() <= lastLoser).toList();
        // (guard: without repair, compaction would indeed let the losers win)
        assertThat(SchemasTopicRecords.replayCompacted(before).version("crash-line-value", 1))
                .get().extracting(StoredVersion::id).isEqualTo(id + 1000);

        // And a registry instance starts (start-up repairs what it finds)
        try (var third = new SchemaRegistryServer(RegistrySettings.onFreeLocalPort(backbone.bootstrapServers())).start()) {
            // Then every instance still serves the winner and the other subject does not exist
            for (String url : List.of(instanceA.url(), instanceB.url(), third.url())) {
                var reader = new RestSchemaRegistryClient(url);
                assertThat(reader.version("crash-line-value", 1).id()).isEqualTo(id);
                assertThat(reader.subjects(true)).doesNotContain("crash-other-value");
            }
        }
        // And the topic as compaction would leave it agrees with the full log
        List<ConsumerRecord<byte[], byte[]>> after = SchemasTopicRecords.readAll(backbone.bootstrapServers(), TOPIC);
        RegistryState compacted = SchemasTopicRecords.replayCompacted(after);
        assertThat(compacted.version("crash-line-value", 1)).get().extracting(StoredVersion::id).isEqualTo(id);
        assertThat(compacted.hasSubject("crash-other-value", true)).isFalse();
        assertThat(SchemasTopicRecords.everyVersion(compacted))
                .isEqualTo(SchemasTopicRecords.everyVersion(SchemasTopicRecords.replay(after)));
    }

    private static long produce(SchemaKey key, SchemaValue value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(TOPIC, 0, StoreFormat.encodeKey(key),
                    StoreFormat.encodeValue(value))).get().offset();
        }
    }
}
