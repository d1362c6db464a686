package io.takt.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.HdrHistogram.Histogram;

/**
 * {@code GET /api/snapshot} one after the other over one keep-alive HTTP/1.1 connection, each timed
 * from the request to the whole body: what a browser's first paint (or a script) waits for.
 */
final class SnapshotQueries {

    private static final int WARMUP = 10;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpRequest request;
    private int bytes;

    SnapshotQueries(URI dashboard) {
        request = HttpRequest.newBuilder(dashboard.resolve("/api/snapshot")).GET().build();
    }

    Measurement measure(String name, int queries) throws IOException, InterruptedException {
        for (int i = 0; i < WARMUP; i++) {
            get();
        }
        Histogram latency = Measurement.newLatencyHistogram();
        long allocated = Measurement.allocatedByAllThreads();
        long start = System.nanoTime();
        for (int i = 0; i < queries; i++) {
            long t0 = System.nanoTime();
            bytes = get();
            latency.recordValue(System.nanoTime() - t0);
        }
        long elapsed = System.nanoTime() - start;
        return new Measurement(name, queries, elapsed, latency, Measurement.allocatedByAllThreads() - allocated,
                Measurement.heapUsedAfterGc());
    }

    /** Size of the last snapshot's body. */
    int bytes() {
        return bytes;
    }

    private int get() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        return response.body().length;
    }
}
