package io.takt.oee.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.kafka.streams.state.HostInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks other instances of the app for their local part of an answer, over their query API. Every
 * request carries {@link #LOCAL_HEADER}, so the other instance answers from its own stores and
 * never forwards again.
 */
final class PeerInstances {

    /** Marks a request one instance sends another: answer from local stores only. */
    static final String LOCAL_HEADER = "X-Takt-Local-Query";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    PeerInstances() {
        this(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
    }

    PeerInstances(HttpClient http) {
        this.http = http;
    }

    /** The other instance's answer; its 4xx errors are passed on, and it not answering is a 503. */
    JsonNode ask(HostInfo peer, String pathAndQuery) {
        return answer(peer, send(peer, pathAndQuery));
    }

    /** The answers of all {@code peers}, asked in parallel. */
    List<JsonNode> askAll(Collection<HostInfo> peers, String pathAndQuery) {
        List<HostInfo> order = List.copyOf(peers);
        List<CompletableFuture<HttpResponse<String>>> pending = order.stream()
                .map(peer -> http.sendAsync(request(peer, pathAndQuery), HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            answers.add(answer(order.get(i), await(order.get(i), pending.get(i))));
        }
        return answers;
    }

    private HttpResponse<String> send(HostInfo peer, String pathAndQuery) {
        try {
            return http.send(request(peer, pathAndQuery), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(peer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(peer, e);
        }
    }

    private static HttpResponse<String> await(HostInfo peer, CompletableFuture<HttpResponse<String>> pending) {
        try {
            return pending.join();
        } catch (CompletionException e) {
            throw unreachable(peer, e.getCause() == null ? e : e.getCause());
        }
    }

    private static HttpRequest request(HostInfo peer, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery))
                .timeout(ANSWER_TIMEOUT)
                .header(LOCAL_HEADER, "true")
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    private JsonNode answer(HostInfo peer, HttpResponse<String> response) {
        JsonNode body = parse(peer, response.body());
        if (response.statusCode() == 200) {
            return body;
        }
        throw problem(peer, response.statusCode(), body);
    }

    private static QueryProblem problem(HostInfo peer, int status, JsonNode body) {
        String error = body.path("error").asText("no error message");
        if (status >= 400 && status < 500) {
            return new QueryProblem(status, error, body.path("parameter").textValue());
        }
        if (status == 503) {
            return QueryProblem.notQueryable("Instance " + name(peer) + " cannot answer yet: " + error);
        }
        return new QueryProblem(502, "Instance " + name(peer) + " failed (" + status + "): " + error, null);
    }

    private JsonNode parse(HostInfo peer, String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new QueryProblem(502, "Instance " + name(peer) + " answered with no JSON: " + e.getMessage(), null);
        }
    }

    private static QueryProblem unreachable(HostInfo peer, Throwable cause) {
        return QueryProblem.notQueryable("Instance " + name(peer) + " did not answer: " + cause);
    }

    private static String name(HostInfo peer) {
        return peer.host() + ":" + peer.port();
    }
}
