package io.takt.platform.registry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Plain HTTP against a registry, for tests that check exact status codes, headers and JSON. */
final class RawHttp {

    /** The headers Confluent's Java client sends: HttpURLConnection's default Accept plus its Content-Type. */
    static final Map<String, String> CONFLUENT_JAVA_CLIENT = Map.of(
            "Accept", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2",
            "Content-Type", "application/vnd.schemaregistry.v1+json");

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    RawHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response with its body both as text and (when it is JSON) parsed. */
    record Answer(int status, String contentType, String body, JsonNode json) {
        int errorCode() {
            return json.path("error_code").asInt();
        }
    }

    Answer get(String path) {
        return send("GET", path, null, CONFLUENT_JAVA_CLIENT);
    }

    Answer delete(String path) {
        return send("DELETE", path, null, CONFLUENT_JAVA_CLIENT);
    }

    Answer post(String path, String body) {
        return send("POST", path, body, CONFLUENT_JAVA_CLIENT);
    }

    Answer put(String path, String body) {
        return send("PUT", path, body, CONFLUENT_JAVA_CLIENT);
    }

    Answer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A register/lookup body as Confluent's client writes it: the schema as a JSON string plus empty references. */
    static String schemaBody(String schema) {
        try {
            return "{\"schema\":" + JSON.writeValueAsString(schema) + ",\"references\":[]}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
