package io.takt.platform.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryClients;
import io.takt.platform.registry.SchemaRegistryException;

/** The client's HTTP behaviour against a small scripted HTTP server (no Kafka needed). */
class RestSchemaRegistryClientTest {

    private static final Schema MACHINE_STATE = SchemaBuilder.record("MachineState").fields()
            .requiredString("machine").endRecord();

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startScriptedRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(request);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        exchange.getRequestBody().readAllBytes();
        if (request.equals("POST /subjects/press%20line-value/versions")) {
            reply(exchange, 200, "{\"id\":42}");
        } else if (request.equals("GET /schemas/ids/42")) {
            reply(exchange, 200, "{\"schema\":" + quoted(MACHINE_STATE.toString()) + "}");
        } else if (request.startsWith("GET /schemas/ids/")) {
            reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}");
        } else {
            reply(exchange, 502, "<html>Bad Gateway</html>");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Test
    void shouldFailOverToTheNextUrlWhenOneCannotBeReached() throws IOException {
        // Given a first URL where nothing listens, then the registry
        String dead = "http://localhost:" + freePort();
        SchemaRegistryClient client = SchemaRegistryClients.fromConfig(
                Map.of(SchemaRegistryClients.URL, dead + "," + url()));

        // When a schema is registered
        int id = client.register("press line-value", MACHINE_STATE);

        // Then the registry behind the second URL answered, with the subject encoded as a path segment
        assertThat(id).isEqualTo(42);
        assertThat(requests).containsExactly("POST /subjects/press%20line-value/versions");
    }

    @Test
    void shouldNameEveryUrlWhenNoneCanBeReached() throws IOException {
        // Given two URLs where nothing listens
        String first = "http://localhost:" + freePort();
        String second = "http://localhost:" + freePort();
        var client = new RestSchemaRegistryClient(List.of(URI.create(first), URI.create(second)), null,
                Duration.ofSeconds(2));

        // When a schema is read
        // Then the error says neither could be reached, with no HTTP status
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getMessage()).contains(first).contains(second);
                });
    }

    @Test
    void shouldSendBasicAuthAndCacheWhatNeverChanges() {
        // Given a client with basic auth user info
        SchemaRegistryClient client = SchemaRegistryClients.fromConfig(Map.of(SchemaRegistryClients.URL, url(),
                SchemaRegistryClients.BASIC_AUTH_USER_INFO, "line-7:secret"));

        // When the same schema is registered twice and read by id twice
        client.register("press line-value", MACHINE_STATE);
        client.register("press line-value", MACHINE_STATE);
        Schema byId = client.schemaById(42);
        client.schemaById(42);

        // Then one request went out (the id's schema was cached by the registration), with the header
        // "Basic " + base64("line-7:secret")
        assertThat(byId).isEqualTo(MACHINE_STATE);
        assertThat(requests).containsExactly("POST /subjects/press%20line-value/versions");
        assertThat(authorizations).containsExactly("Basic bGluZS03OnNlY3JldA==");
    }

    @Test
    void shouldCarryConfluentsStatusAndErrorCode() {
        // Given the registry
        var client = new RestSchemaRegistryClient(url());

        // When an unknown id is read, and a route answers a non-JSON error
        // Then the first carries 404 / 40403 and the message, the second the status and Confluent's 50005
        assertThatThrownBy(() -> client.schemaById(7))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.getMessage()).startsWith("Schema 7 not found");
                });
        assertThatThrownBy(() -> client.subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(502);
                    assertThat(e.errorCode()).isEqualTo(50005);
                    assertThat(e.getMessage()).contains("Bad Gateway");
                });
    }

    @Test
    void shouldRejectConfigWithoutAUsableUrl() {
        // Given configs missing the URL, or naming something that is not http(s)
        // When a client is built
        // Then the error names the key
        assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(Map.of()))
                .hasMessageContaining(SchemaRegistryClients.URL);
        assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(Map.of(SchemaRegistryClients.URL, "localhost:8081")))
                .hasMessageContaining(SchemaRegistryClients.URL);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
