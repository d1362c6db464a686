package io.takt.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Timed GETs against the genealogy's REST API, one after the other over one HTTP/1.1 client (its
 * keep-alive connection is reused), as a person's browser or an MES client asks: each timed from
 * the request to the whole body read; the body is looked at only after the clock stopped.
 */
final class TraceQueries {

    /** One answer: HTTP status, body and how long it took. */
    record Answer(int status, String body, long nanos) {
    }

    /**
     * What a run of queries measured (the latency of the answers with 200 only), and what the traces
     * held on average.
     *
     * @param failures answers other than 200, with the first one's body in {@code firstFailure}
     */
    record Run(Measurement measurement, double nodes, double edges, double truncatedShare, int failures,
               String firstFailure) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    TraceQueries(URI base) {
        this.base = base.toString().replaceAll("/$", "");
    }

    static String lotPath(String lotId) {
        return "/api/lots/" + lotId;
    }

    static String tracePath(String lotId, String direction, int depth) {
        return "/api/lots/" + lotId + "/trace?direction=" + direction + "&depth=" + depth + "&format=json";
    }

    Answer get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .GET().build();
        try {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + path, e);
        }
    }

    /** Asks each path once, untimed: to warm the JIT, the stores' caches and the connection up. */
    void warmUp(List<String> paths) {
        paths.forEach(this::get);
    }

    /** Asks each path once, timed; {@code name} is the run's row in the table. */
    Run run(String name, List<String> paths) {
        Histogram latency = Measurement.newLatencyHistogram();
        long nodes = 0;
        long edges = 0;
        int truncated = 0;
        int failures = 0;
        String firstFailure = null;
        long allocated = Measurement.allocatedByAllThreads();
        long start = System.nanoTime();
        for (String path : paths) {
            Answer answer = get(path);
            if (answer.status() != 200) {
                // A lot not known answers at once: timing it would make the figures look better.
                failures++;
                firstFailure = firstFailure != null ? firstFailure : path + " -> " + answer.status() + " "
                        + answer.body();
                continue;
            }
            latency.recordValue(Math.min(answer.nanos(), latency.getHighestTrackableValue()));
            JsonNode body = read(answer.body());
            if (body.has("nodes")) {
                nodes += body.get("nodes").size();
                edges += body.get("edges").size();
                truncated += body.path("truncated").asBoolean() ? 1 : 0;
            }
        }
        long elapsed = System.nanoTime() - start;
        Measurement m = new Measurement(name, paths.size(), elapsed, latency,
                Measurement.allocatedByAllThreads() - allocated, Measurement.heapUsedAfterGc());
        int answered = Math.max(1, paths.size() - failures);
        return new Run(m, (double) nodes / answered, (double) edges / answered, (double) truncated / answered,
                failures, firstFailure);
    }

    /** The lot ids of a trace's nodes, the root first; empty when the lot is not (yet) known. */
    Set<String> tracedLots(String lotId, String direction, int depth) {
        Answer answer = get(tracePath(lotId, direction, depth));
        Set<String> lots = new LinkedHashSet<>();
        if (answer.status() == 200) {
            read(answer.body()).get("nodes").forEach(node -> lots.add(node.get("lotId").asText()));
        }
        return lots;
    }

    /** The parents a depth-1 backward trace gives of {@code lotId}. */
    Set<String> parents(String lotId) {
        Set<String> lots = tracedLots(lotId, "backward", 1);
        lots.remove(lotId);
        return lots;
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("The API answered what is not JSON: " + body, e);
        }
    }
}
