package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takt.erp.ErpDatabase;
import io.takt.erp.confirm.ConfirmationSink;
import io.takt.platform.topic.TopicCatalogue;

/** The connector config shipped for a Kafka Connect cluster says what the in-process sink runs. */
class ConfirmationSinkConfigTest {

    private static final Path SHIPPED = Path.of(System.getProperty("basedir", "."), "connect",
            "erp-confirmation-sink.json");

    @Test
    void shouldShipTheInProcessSinksConfigWithTheConnectionFromTheEnvironment() throws Exception {
        // Given the shipped file, and the in-process config for site1 on a cluster of replication factor 3
        JsonNode shipped = new ObjectMapper().readTree(SHIPPED.toFile());
        Map<String, String> config = new HashMap<>();
        shipped.get("config").fields().forEachRemaining(field -> config.put(field.getKey(), field.getValue().asText()));
        Map<String, String> inProcess = ConfirmationSink.connectorConfig(TopicCatalogue.forSite("site1", 6, 3),
                new ErpDatabase("erp-host", 5432, "erp", "takt_cdc", "secret"), "erp.confirmation", 3);

        // Then the same connector and settings; only the connection comes from the worker's environment,
        // and the converters (the worker's own in-process) are named in the connector's config
        assertThat(shipped.get("name").asText()).isEqualTo(ConfirmationSink.CONNECTOR);
        assertThat(config).containsEntry("connection.url", "${env:TAKT_ERP_JDBC_URL}")
                .containsEntry("connection.username", "${env:TAKT_ERP_USER}")
                .containsEntry("connection.password", "${env:TAKT_ERP_PASSWORD}")
                .containsEntry("value.converter", "io.takt.erp.connect.TaktAvroConverter");
        inProcess.keySet().removeIf(key -> key.startsWith("connection."));
        assertThat(config).containsAllEntriesOf(inProcess);
    }
}
