package io.takt.dashboard;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.takt.dashboard.view.PlantView;

/**
 * {@code GET /api/events}: Server-Sent Events to the browsers. A browser gets a {@code snapshot}
 * event on connect, then an {@code update} event with what changed, at most every
 * {@link #BATCH_MILLIS} ms (a record shows within about a quarter second of its arrival, and a
 * burst of records costs one event). Snapshot and updates go out under one lock, so a browser never
 * sees an update from before its snapshot.
 */
final class ChangeStream implements AutoCloseable {

    static final long BATCH_MILLIS = 250;
    /** A comment line this often keeps proxies from closing an idle stream and finds dead browsers. */
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);

    private final PlantView view;
    private final Map<String, Object> settingsForBrowser;
    private final DashboardMetrics metrics;
    private final ObjectMapper json = new ObjectMapper();
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dashboard-change-stream");
        thread.setDaemon(true);
        return thread;
    });
    private final Object sending = new Object();

    /** @param settingsForBrowser added to every snapshot, e.g. whether the trace search is configured */
    ChangeStream(PlantView view, Map<String, Object> settingsForBrowser, DashboardMetrics metrics) {
        this.view = view;
        this.settingsForBrowser = Map.copyOf(settingsForBrowser);
        this.metrics = metrics;
    }

    ChangeStream start() {
        ticker.scheduleWithFixedDelay(this::publishChanges, BATCH_MILLIS, BATCH_MILLIS, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE_MILLIS, KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    SseHandler handler() {
        return new SseHandler(this::connect);
    }

    /** The snapshot as {@code GET /api/snapshot} and the {@code snapshot} event carry it. */
    Map<String, Object> snapshot() {
        Map<String, Object> snapshot = view.snapshot();
        snapshot.putAll(settingsForBrowser);
        return snapshot;
    }

    private void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> {
            if (clients.remove(client)) {
                metrics.clientDisconnected();
            }
        });
        synchronized (sending) {
            send(client, "snapshot", text(snapshot()));
            clients.add(client);
            metrics.clientConnected();
        }
    }

    private void publishChanges() {
        try {
            synchronized (sending) {
                // Drained even with no browser connected, so that the changes of hours do not pile up.
                view.drainChanges().ifPresent(changes -> {
                    String data = text(changes);
                    clients.forEach(client -> send(client, "update", data));
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not publish dashboard changes", e);
        }
    }

    private void keepAlive() {
        synchronized (sending) {
            clients.forEach(client -> client.sendComment("keep-alive"));
        }
    }

    private static void send(SseClient client, String event, String data) {
        if (!client.terminated()) {
            client.sendEvent(event, data);
        }
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The dashboard view is not JSON-writable", e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        clients.forEach(SseClient::close);
        clients.clear();
    }
}
