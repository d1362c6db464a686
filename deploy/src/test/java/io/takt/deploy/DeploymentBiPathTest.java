package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.serde.InMemorySchemaRegistry;
import io.takt.platform.serde.TaktSerdes;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.OeeKpi;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The BI path lines up end to end: a real OeeKpi / DowntimeEvent record, serialized in Confluent's
 * wire format, read by TaktAvroConverter and put through each sink's transforms, has exactly the
 * columns deploy/bi/schema.sql creates (run on a real PostgreSQL, so the SQL itself is checked on
 * plain PostgreSQL too), and the key columns the sink upserts by are the table's primary key.
 * With schema.evolution=none a mismatch would only show as dead letters in production.
 */
class DeploymentBiPathTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgresWithTheBiSchema() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            String sql = Files.readString(DeploymentFiles.DEPLOY.resolve("bi/schema.sql"));
            s.execute(sql);
            // Idempotent: the compose init or an operator may run it again
            s.execute(sql);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shouldLandOeeWindowsInTheColumnsOfBiOee() throws Exception {
        assertSinkMatchesTable(ConnectorConfigs.read(connect("bi-oee.json")), OeeKpi.getClassSchema());
    }

    @Test
    void shouldLandLiveOeeInTheColumnsOfBiOeeLive() throws Exception {
        assertSinkMatchesTable(ConnectorConfigs.read(connect("bi-oee-live.json")), OeeKpi.getClassSchema());
    }

    @Test
    void shouldLandStopsInTheColumnsOfBiDowntime() throws Exception {
        assertSinkMatchesTable(ConnectorConfigs.read(connect("bi-downtime.json")), DowntimeEvent.getClassSchema());
    }

    @Test
    void shouldRunEveryGrafanaQueryOnTheBiTables() throws Exception {
        // Given the dashboard's SQL panels and variables, Grafana's macros expanded as it would
        JsonNode dashboard = new ObjectMapper().readTree(DeploymentFiles.DEPLOY.resolve("grafana/takt-oee.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> queries.add(t.get("rawSql").asText())));
        dashboard.get("templating").get("list").forEach(v -> {
            if ("query".equals(v.get("type").asText())) {
                queries.add(v.get("query").asText());
            }
        });
        assertThat(queries).hasSizeGreaterThanOrEqualTo(6);
        // When each runs on the schema, then PostgreSQL accepts it: tables and columns exist, types fit
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String query : queries) {
                String sql = query.replaceAll("\\$__timeFilter\\((\\w+)\\)", "$1 BETWEEN now() - interval '1 day' AND now()")
                        .replace("${line:sqlstring}", "'line1'").replace("${machine:sqlstring}", "'site1.line1.press1'")
                        .replace("${window}", "HOUR");
                assertThat(sql).as("unexpanded Grafana macro").doesNotContain("$");
                s.executeQuery(sql).close();
            }
        }
    }

    private static void assertSinkMatchesTable(ConnectorConfigs sink, Schema contract) throws Exception {
        // Given a record of the topic's contract, every optional field set, in the registry's wire format
        String topic = sink.config().get("topics");
        SchemaRegistryClient registry = new InMemorySchemaRegistry();
        byte[] wire = TaktSerdes.generic(registry, false).serializer().serialize(topic, SampleRecords.of(contract));

        // When the sink's converter reads it and its transforms shape it
        Converter converter = converterWith(registry);
        converter.configure(sink.under("value.converter."), false);
        SchemaAndValue value = converter.toConnectData(topic, wire);
        SinkRecord record = new SinkRecord(topic, 0, null, "key", value.schema(), value.value(), 0);
        for (Transformation<SinkRecord> transform : sink.<SinkRecord>transforms()) {
            record = transform.apply(record);
        }
        Set<String> fields = new TreeSet<>();
        for (Field field : ((Struct) record.value()).schema().fields()) {
            fields.add(field.name());
        }

        // Then the fields are the table's columns, and the upsert key is its primary key
        String table = sink.config().get("collection.name.format");
        assertThat(fields).as("fields %s lands in %s", sink.name(), table).isEqualTo(columns(table));
        assertThat(new TreeSet<>(List.of(sink.config().get("primary.key.fields").split(","))))
                .as("upsert key of %s", sink.name()).isEqualTo(primaryKey(table));
    }

    /** The converter with a registry of the test's, as Connect would build one from schema.registry.url. */
    private static Converter converterWith(SchemaRegistryClient registry) throws ReflectiveOperationException {
        // Package-private on purpose (tests only): reached by reflection from this package.
        Constructor<?> constructor = Class.forName("io.takt.erp.connect.TaktAvroConverter")
                .getDeclaredConstructor(SchemaRegistryClient.class);
        constructor.setAccessible(true);
        return (Converter) constructor.newInstance(registry);
    }

    private static Set<String> columns(String table) throws Exception {
        String[] parts = table.split("\\.");
        return query("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + parts[0]
                + "' AND table_name = '" + parts[1] + "'");
    }

    private static Set<String> primaryKey(String table) throws Exception {
        return query("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                + " AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = '" + table + "'::regclass");
    }

    private static Set<String> query(String sql) throws Exception {
        Set<String> names = new TreeSet<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        assertThat(names).as(sql).isNotEmpty();
        return names;
    }

    private static Path connect(String file) {
        return DeploymentFiles.CONNECT.resolve(file);
    }

    /** Records of any contract with every field filled, optional ones with their non-null branch. */
    static final class SampleRecords {

        private SampleRecords() {
        }

        static GenericRecord of(Schema schema) {
            GenericData.Record record = new GenericData.Record(schema);
            for (Schema.Field field : schema.getFields()) {
                record.put(field.pos(), value(field.schema()));
            }
            return record;
        }

        private static Object value(Schema schema) {
            return switch (schema.getType()) {
                case RECORD -> of(schema);
                case UNION -> value(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
                        .findFirst().orElseThrow());
                case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
                case STRING -> "sample";
                case LONG -> 1_700_000_000_000L;
                case INT -> 1;
                case DOUBLE -> 0.5;
                case FLOAT -> 0.5f;
                case BOOLEAN -> true;
                case ARRAY -> new ArrayList<>(List.of(value(schema.getElementType())));
                case MAP -> Map.of("k", value(schema.getValueType()));
                default -> throw new AssertionError("No sample for " + schema);
            };
        }
    }
}
