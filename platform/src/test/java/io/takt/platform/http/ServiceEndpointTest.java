package io.takt.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.HandlerType;

class ServiceEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final ServiceMetrics metrics = ServiceMetrics.create("takt-test");
    private ServiceEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        metrics.close();
    }

    @Test
    void shouldAnswerLivenessWithUp() throws Exception {
        endpoint = start(ServiceEndpoint.builder(metrics));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("application/json"));
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
    }

    @Test
    void shouldServeJvmAndServiceMetersInPrometheusText() throws Exception {
        // Given a meter of the service's own
        metrics.registry().counter("takt.events.read", "topic", "machine-state").increment(3);
        endpoint = start(ServiceEndpoint.builder(metrics));

        // When scraped
        HttpResponse<String> response = get("/metrics");

        // Then JVM, process and the service's meters are there, tagged with the service
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("jvm_memory_used_bytes{")
                .contains("jvm_threads_live_threads{")
                .contains("jvm_classes_loaded_classes{")
                .contains("process_uptime_seconds{")
                .contains("system_cpu_count{")
                .contains("takt_events_read_total{service=\"takt-test\",topic=\"machine-state\"} 3.0");
    }

    @Test
    void shouldBeReadyOnlyWhenEveryCheckIsUpAndSayWhichIsNot() throws Exception {
        // Given two checks, one of which can be switched
        AtomicBoolean storesRestored = new AtomicBoolean(false);
        endpoint = start(ServiceEndpoint.builder(metrics)
                .readiness("kafka-streams", () -> CheckResult.up("RUNNING"))
                .readiness("state-stores", () -> storesRestored.get()
                        ? CheckResult.up("restored") : CheckResult.down("restoring 3 of 12")));

        // When one is down, Then 503 with each check's detail
        HttpResponse<String> notReady = get("/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json.readTree(notReady.body())).isEqualTo(json.readTree("""
                {"status":"DOWN","checks":{
                  "kafka-streams":{"status":"UP","detail":"RUNNING"},
                  "state-stores":{"status":"DOWN","detail":"restoring 3 of 12"}}}
                """));

        // When both are up, Then 200
        storesRestored.set(true);
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ready.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldTakeChecksAddedAfterStartAndCountAThrowingCheckAsDown() throws Exception {
        // Given an endpoint started with no checks
        endpoint = start(ServiceEndpoint.builder(metrics));
        assertThat(get("/ready").statusCode()).isEqualTo(200);

        // When a check that throws is added later
        endpoint.readiness("erp-db", () -> {
            throw new IllegalStateException("connection refused");
        });

        // Then readiness is down and says why
        HttpResponse<String> response = get("/ready");
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode check = json.readTree(response.body()).get("checks").get("erp-db");
        assertThat(check.get("status").asText()).isEqualTo("DOWN");
        assertThat(check.get("detail").asText()).contains("connection refused");
    }

    @Test
    void shouldServeTheServicesOwnRoutes() throws Exception {
        // Given an interactive-query-like route
        endpoint = start(ServiceEndpoint.builder(metrics)
                .get("/oee/{equipment}", ctx -> ctx.result("oee of " + ctx.pathParam("equipment")))
                .route(HandlerType.POST, "/trace", ctx -> ctx.status(202)));

        // Then it is served next to the built-in ones
        assertThat(get("/oee/press-7").body()).isEqualTo("oee of press-7");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(endpoint.url().resolve("/trace"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(202);
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldServeAWholeApiWithItsOwnExceptionHandlerNextToTheProbes() throws Exception {
        // Given an API whose routes throw a domain error that its own handler turns into a 409
        endpoint = start(ServiceEndpoint.builder(metrics).api(routes -> {
            routes.get("/subjects", ctx -> {
                throw new IllegalArgumentException("incompatible");
            });
            routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(409).result(e.getMessage()));
        }));

        // Then the API answers as it defines, and the built-in routes still answer
        HttpResponse<String> refused = get("/subjects");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).isEqualTo("incompatible");
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").body()).contains("jvm_memory_used_bytes{");
    }

    @Test
    void shouldPickAFreePortForZeroAndReportItInTheUrl() {
        endpoint = start(ServiceEndpoint.builder(metrics));

        assertThat(endpoint.port()).isPositive();
        assertThat(endpoint.url()).isEqualTo(URI.create("http://localhost:" + endpoint.port()));
    }

    @Test
    void shouldNameHostAndPortWhenThePortIsTaken() {
        // Given a port already in use by another endpoint
        endpoint = start(ServiceEndpoint.builder(metrics));
        int taken = endpoint.port();

        // When a second endpoint wants the same port, Then it fails saying which
        ServiceEndpoint second = ServiceEndpoint.builder(metrics).host("localhost").port(taken).build();
        assertThatThrownBy(second::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot start the HTTP endpoint on localhost:" + taken + " (is the port in use?)");
    }

    @Test
    void shouldRefuseARouteOnABuiltInPath() {
        assertThatThrownBy(() -> ServiceEndpoint.builder(metrics).get("/health", ctx -> ctx.result("mine")))
                .hasMessage("/health is served by ServiceEndpoint itself");
    }

    private static ServiceEndpoint start(ServiceEndpoint.Builder builder) {
        return builder.host("localhost").port(0).build().start();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(endpoint.url().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
