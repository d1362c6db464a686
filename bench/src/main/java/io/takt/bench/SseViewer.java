package io.takt.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A browser stand-in on the dashboard's {@code GET /api/events}: one HTTP/1.1 connection of its own,
 * the Server-Sent Events read line by line as they arrive. Each live OEE entry of an {@code update}
 * event is the newest record of its equipment when the dashboard sent the batch; it is timed from
 * that record's send to the moment the event's data line was read, before parsing. Records replaced
 * within the same batch never reach a browser and are not timed.
 */
final class SseViewer implements AutoCloseable {

    private final LiveOeePlant plant;
    private final Arrivals arrivals = new Arrivals();
    private final CountDownLatch snapshot = new CountDownLatch(1);
    private final AtomicLong updates = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Thread thread;
    private volatile InputStream body;
    private volatile boolean closing;

    SseViewer(URI events, LiveOeePlant plant, int number) {
        this.plant = plant;
        thread = new Thread(() -> listen(events), "dashboard-bench-viewer-" + number);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the {@code snapshot} event that opens the stream. */
    boolean awaitSnapshot(Duration timeout) throws InterruptedException {
        return snapshot.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Arrivals arrivals() {
        return arrivals;
    }

    /** {@code update} events received. */
    long updates() {
        return updates.get();
    }

    private void listen(URI events) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(events)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            if (response.statusCode() != 200) {
                throw new IOException("GET " + events + " answered " + response.statusCode());
            }
            read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                failure.set(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(BufferedReader lines) throws IOException {
        String event = null;
        String data = null;
        long dataNanos = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                // The dashboard writes its JSON on one line: the event is all here.
                dataNanos = System.nanoTime();
                data = line.substring(5).trim();
            } else if (line.isEmpty() && event != null && data != null) {
                received(event, data, dataNanos);
                event = null;
                data = null;
            }
        }
        if (!closing) {
            throw new IOException("The dashboard ended the event stream");
        }
    }

    private void received(String event, String data, long nanos) throws IOException {
        if ("snapshot".equals(event)) {
            snapshot.countDown();
        } else if ("update".equals(event)) {
            updates.incrementAndGet();
            Iterator<Map.Entry<String, JsonNode>> oee = json.readTree(data).path("oee").fields();
            while (oee.hasNext()) {
                JsonNode live = oee.next().getValue();
                arrivals.arrived(plant.recordNumber(live.path("id").asText(), live.path("members").asInt(),
                        live.path("producedQuantity").asLong()), nanos);
            }
        }
    }

    /** Throws what ended the event stream, if anything did. */
    void check() {
        if (failure.get() != null) {
            throw new IllegalStateException("An SSE viewer lost the event stream", failure.get());
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        if (body != null) {
            body.close();
        }
        thread.interrupt();
    }
}
