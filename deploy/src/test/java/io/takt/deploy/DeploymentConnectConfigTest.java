package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

import io.debezium.connector.jdbc.JdbcSinkConnectorConfig;
import io.debezium.sink.SinkConnectorConfig;
import io.takt.platform.topic.TopicCatalogue;

/**
 * Every connector config under deploy/connect is one a Kafka Connect worker accepts: the connector
 * validates it without a single error, and the converters and transforms it names load and
 * configure. The ${env:...} placeholders are filled as the worker's EnvVarConfigProvider would.
 */
class DeploymentConnectConfigTest {

    private static final TopicCatalogue SITE1 = TopicCatalogue.forSite("site1", 3, 1);

    @Test
    void shouldShipTheBiSinksAndTheErpSink() {
        assertThat(ConnectorConfigs.shipped()).extracting(ConnectorConfigs::name)
                .contains("takt-bi-oee", "takt-bi-oee-live", "takt-bi-downtime", "takt-erp-confirmations");
    }

    @Test
    void shouldPassTheConnectorsOwnValidationWithoutAnyError() {
        for (ConnectorConfigs shipped : ConnectorConfigs.shipped()) {
            // Given the connector the config names
            Connector connector = ConnectorConfigs.instantiate(shipped.config().get("connector.class"), SinkConnector.class);

            // When it validates the config, as POST /connectors and PUT .../config/validate do
            Config result = connector.validate(shipped.config());

            // Then no setting has an error
            List<String> errors = result.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                    .map(v -> v.name() + ": " + v.errorMessages()).toList();
            assertThat(errors).as("validation errors of %s", shipped.file()).isEmpty();
            // And the settings it knows include the ones that matter (guard against validating nothing)
            assertThat(result.configValues()).extracting(ConfigValue::name)
                    .contains("connection.url", "insert.mode", "primary.key.mode", "collection.name.format");
        }
    }

    @Test
    void shouldPassTheJdbcSinksFieldValidationThatItsTaskRunsAtStart() {
        // Connector.validate() checks only what its ConfigDef declares validators for (a bogus
        // insert.mode passes it); the sink task validates every Debezium field when it starts.
        for (ConnectorConfigs shipped : ConnectorConfigs.shipped()) {
            JdbcSinkConnectorConfig config = new JdbcSinkConnectorConfig(shipped.config());
            List<String> problems = new ArrayList<>();
            boolean valid = config.validateAndRecord(JdbcSinkConnectorConfig.ALL_FIELDS, problems::add);
            assertThat(problems).as("field problems of %s", shipped.file()).isEmpty();
            assertThat(valid).as("fields of %s", shipped.file()).isTrue();
            // And the settings resolve to what the file means: upsert by the record value's fields
            assertThat(config.getInsertMode()).isEqualTo(JdbcSinkConnectorConfig.InsertMode.UPSERT);
            assertThat(config.getPrimaryKeyMode()).isEqualTo(SinkConnectorConfig.PrimaryKeyMode.RECORD_VALUE);
            assertThat(config.getSchemaEvolutionMode()).isEqualTo(JdbcSinkConnectorConfig.SchemaEvolutionMode.NONE);
        }
    }

    @Test
    void shouldNameConvertersThatLoadAndConfigure() {
        for (ConnectorConfigs shipped : ConnectorConfigs.shipped()) {
            for (String side : List.of("key", "value")) {
                String className = shipped.config().get(side + ".converter");
                assertThat(className).as("%s.converter of %s", side, shipped.name()).isNotBlank();
                Converter converter = ConnectorConfigs.instantiate(className, Converter.class);
                converter.configure(shipped.under(side + ".converter."), side.equals("key"));
            }
        }
    }

    @Test
    void shouldNameTransformsThatLoadConfigureAndPassATombstone() {
        for (ConnectorConfigs shipped : ConnectorConfigs.shipped()) {
            List<Transformation<SinkRecord>> chain = shipped.transforms();
            assertThat(chain).as("transforms of %s", shipped.name()).isNotEmpty();
            // A compacted topic's tombstone must not break the chain (errors.tolerance would hide it)
            SinkRecord record = new SinkRecord(shipped.config().get("topics"), 0, null, "key", null, null, 0);
            for (Transformation<SinkRecord> transform : chain) {
                record = transform.apply(record);
                transform.close();
            }
            assertThat(record).isNotNull();
        }
    }

    @Test
    void shouldSinkOnlyTopicsOfTheCatalogueAndDeadLetterToItsDlq() {
        for (ConnectorConfigs shipped : ConnectorConfigs.shipped()) {
            for (String topic : shipped.config().get("topics").split(",")) {
                assertThat(SITE1.byName(topic.trim())).as("topic %s of %s", topic, shipped.name()).isPresent();
            }
            assertThat(shipped.config()).as(shipped.name())
                    .containsEntry("errors.deadletterqueue.topic.name", SITE1.deadLetter().name());
        }
    }

}
