package io.takt.platform.registry.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.takt.platform.registry.SchemaRegistryException;

/**
 * HTTP to one registry behind several base URLs: requests go to the URL that answered last, and
 * move on to the next when one cannot be reached (an HTTP error is an answer, not a reason to
 * fail over). Errors become {@link SchemaRegistryException}s carrying Confluent's status and code.
 */
final class RegistryHttp {

    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = V1_JSON + ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
    /** Confluent's clients use this code when an error body is not Confluent's JSON. */
    private static final int UNREADABLE_ERROR_CODE = 50005;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUrls;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicInteger current = new AtomicInteger();

    RegistryHttp(List<URI> baseUrls, String basicAuthUserInfo, Duration timeout) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("At least one schema registry URL is needed");
        }
        this.baseUrls = List.copyOf(baseUrls);
        this.authorization = basicAuthUserInfo == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        // HTTP/1.1: no h2c upgrade dance, which some registries and proxies in front of them reject.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    List<URI> baseUrls() {
        return baseUrls;
    }

    /** Sends a request and answers the JSON body of a 200 response. */
    JsonNode send(String method, String pathAndQuery, Object body) {
        byte[] payload = body == null ? null : json(body);
        List<String> failures = new ArrayList<>();
        IOException last = null;
        int start = current.get();
        for (int i = 0; i < baseUrls.size(); i++) {
            int index = (start + i) % baseUrls.size();
            URI base = baseUrls.get(index);
            HttpResponse<byte[]> response;
            try {
                response = http.send(request(base, method, pathAndQuery, payload),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                LOG.debug("Schema registry at {} unreachable: {}", base, e.toString());
                failures.add(base + " (" + e + ")");
                last = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while calling schema registry at " + base, e);
            }
            current.set(index);
            return read(response, method, base + pathAndQuery);
        }
        throw new SchemaRegistryException("Cannot reach schema registry for " + method + " " + pathAndQuery
                + ": " + String.join(", ", failures), last);
    }

    private HttpRequest request(URI base, String method, String pathAndQuery, byte[] payload) {
        String root = base.toString().replaceAll("/+$", "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(root + pathAndQuery))
                .timeout(timeout)
                .header("Accept", ACCEPT)
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (payload != null) {
            builder.header("Content-Type", V1_JSON);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private static JsonNode read(HttpResponse<byte[]> response, String method, String url) {
        int status = response.statusCode();
        if (status == 200) {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new SchemaRegistryException(status, UNREADABLE_ERROR_CODE,
                        method + " " + url + " answered unreadable JSON: " + e.getMessage());
            }
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        try {
            JsonNode error = JSON.readTree(text);
            if (error != null && error.has("error_code")) {
                throw new SchemaRegistryException(status, error.get("error_code").asInt(),
                        error.path("message").asText(""));
            }
        } catch (IOException unreadable) {
            // not Confluent's error JSON: reported below with the raw text
        }
        throw new SchemaRegistryException(status, UNREADABLE_ERROR_CODE,
                method + " " + url + " answered " + (text.isBlank() ? "no body" : text));
    }

    /** A path segment as Confluent's clients encode it (a space becomes %20, '/' becomes %2F). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write request body " + body, e);
        }
    }
}
