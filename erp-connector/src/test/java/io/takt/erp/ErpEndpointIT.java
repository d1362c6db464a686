package io.takt.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.testing.KafkaBackbone;

/**
 * takt erp's HTTP endpoint on real components: the embedded ERP stand-in, Debezium's change capture
 * and the confirmation stream on an in-process broker. /ready follows the parts as they stop.
 */
@Tag("integration")
class ErpEndpointIT {

    @RegisterExtension
    static final KafkaBackbone BACKBONE = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    @Timeout(240)
    void shouldBeReadyWhileCaptureAndConfirmationStreamRunAndSayWhichStopped() throws Exception {
        try (ServiceMetrics metrics = ServiceMetrics.create("takt-erp");
             ErpService erp = ErpService.create(config(), metrics).start()) {
            // Given the connector on the stand-in's 300 seed orders: ready once Debezium polls and the
            // confirmation stream runs
            await().atMost(Duration.ofSeconds(120)).until(() -> get(erp, "/ready").statusCode() == 200);
            JsonNode checks = json.readTree(get(erp, "/ready").body()).get("checks");
            assertThat(checks.at("/change-capture/detail").asText()).isEqualTo("polling slot takt_erp");
            assertThat(checks.at("/confirmation-stream/status").asText()).isEqualTo("UP");
            assertThat(get(erp, "/health").statusCode()).isEqualTo(200);

            // Then /metrics has the work-order producer's sends and the confirmation stream's threads
            await().atMost(Duration.ofSeconds(60)).until(() -> erp.capture().published() >= 300);
            String scraped = get(erp, "/metrics").body();
            assertThat(sent(scraped, "takt-erp-takt_erp")).isPositive();
            assertThat(scraped).containsPattern("kafka_stream_alive_stream_threads\\{[^}]*\\} 1.0");

            // When the change capture stops, Then the connector is not ready and says which part
            erp.capture().close();
            HttpResponse<String> captureStopped = get(erp, "/ready");
            assertThat(captureStopped.statusCode()).isEqualTo(503);
            checks = json.readTree(captureStopped.body()).get("checks");
            assertThat(checks.at("/change-capture/status").asText()).isEqualTo("DOWN");
            assertThat(checks.at("/change-capture/detail").asText()).isEqualTo("not polling");
            assertThat(checks.at("/confirmation-stream/status").asText()).isEqualTo("UP");

            // When the confirmation stream stops too, Then that is down as well, with its state
            erp.confirmations().orElseThrow().close();
            checks = json.readTree(get(erp, "/ready").body()).get("checks");
            assertThat(checks.at("/confirmation-stream/status").asText()).isEqualTo("DOWN");
            assertThat(checks.at("/confirmation-stream/detail").asText()).isEqualTo("NOT_RUNNING");
        }
    }

    /** kafka_producer_record_send_total of one producer client; 0 when it is not exported. */
    private static double sent(String scraped, String clientId) {
        return scraped.lines()
                .filter(line -> line.startsWith("kafka_producer_record_send_total{")
                        && line.contains("client_id=\"" + clientId + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private HttpResponse<String> get(ErpService erp, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(erp.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // The stand-in with its seed orders; confirmations on, written by an external Connect cluster, so
    // that the stream runs here without a Connect worker.
    private TaktConfig config() {
        return ErpSettings.DEFINITION.validate(ConfigSources.builder().overrides(Map.of(
                "site", "erp-http", "kafka.bootstrap.servers", BACKBONE.bootstrapServers(),
                "schema.registry.url", BACKBONE.registryUrl(), "topics.partitions", "2",
                "topics.replication.factor", "1", ErpSettings.STATE_DIR.name(), dir.resolve("erp").toString(),
                ErpSettings.CONFIRMATION_SINK.name(), "external", ErpSettings.HTTP_HOST.name(), "localhost",
                ErpSettings.HTTP_PORT.name(), "0")).build());
    }
}
