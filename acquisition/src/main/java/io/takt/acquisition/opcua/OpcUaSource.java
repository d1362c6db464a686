package io.takt.acquisition.opcua;

import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.SourceStatus;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.source.TagSource;
import io.takt.platform.config.ConfigException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acquires tags from one OPC UA server through a subscription (the server pushes changes; nothing
 * is polled).
 *
 * <p>Connection handling: the first connection is retried with the configured capped exponential
 * backoff. Once a session exists, Milo's session state machine keeps it alive and re-establishes it
 * after a loss (its own schedule: 1 s doubling to 16 s). Every loss is reported as a
 * {@link SampleQuality#NO_DATA} sample for each tag at the moment of loss; when the session returns,
 * or notifications were lost, or a subscription could not be transferred, the subscription is
 * re-created so that every tag gets a fresh value. A tag is never reported NO_DATA twice in a row.
 *
 * <p>Threads: connection work runs on one thread of this source; values are delivered on Milo's
 * threads, one call at a time: each publish response as one {@link TagListener#onSamples} call, so
 * that the gateway can make it durable with one group commit; losses as single samples.
 */
public final class OpcUaSource implements TagSource {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSource.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final OpcUaSourceSettings settings;
    private final ReconnectBackoff backoff;
    private final ScheduledExecutorService worker;
    private final SessionWatch sessionWatch = new SessionWatch();
    private final SubscriptionEvents subscriptionEvents = new SubscriptionEvents();

    private final Object emitLock = new Object();
    private final Object stateLock = new Object();
    private final Set<String> unknownTags = new HashSet<>();

    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong noDataSamples = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong connectAttempts = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong resubscriptions = new AtomicLong();

    private volatile TagListener listener;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile boolean closed;
    private volatile boolean sessionLost;
    private volatile TagSubscription current;
    private volatile TagSubscription lostWith;

    // Confined to the worker thread.
    private OpcUaPki pki;
    private OpcUaConnector connector;
    private OpcUaClient client;

    /** A source for these settings; nothing connects before {@link #start}. */
    public OpcUaSource(OpcUaSourceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.tags().isEmpty()) {
            throw new ConfigException(List.of("OPC UA source '" + settings.sourceId()
                    + "': tags must name at least one node id"));
        }
        this.backoff = new ReconnectBackoff(settings.reconnectBackoffMin(), settings.reconnectBackoffMax());
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "opcua-" + settings.sourceId());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String id() {
        return settings.sourceId();
    }

    /** The settings this source runs with. */
    public OpcUaSourceSettings settings() {
        return settings;
    }

    @Override
    public synchronized void start(TagListener tagListener) {
        Objects.requireNonNull(tagListener, "listener");
        if (listener != null) {
            throw new IllegalStateException("OPC UA source '" + id() + "' is already started");
        }
        if (closed) {
            throw new IllegalStateException("OPC UA source '" + id() + "' is closed");
        }
        listener = tagListener;
        changeState(ConnectionState.CONNECTING, "connecting to " + settings.endpointUrl());
        worker.execute(this::attemptConnection);
    }

    @Override
    public SourceStatus status() {
        return new SourceStatus(id(), state, since, samples.get(), reconnects.get(), lastError);
    }

    /** Finer counters than {@link #status()}, for metrics and tests. */
    public Counters counters() {
        return new Counters(samples.get(), noDataSamples.get(), connectAttempts.get(), reconnects.get(), gaps.get(),
                resubscriptions.get());
    }

    /** The subscription in use now, or null; for tests that inject faults into it. */
    TagSubscription currentSubscription() {
        return current;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            worker.submit(this::shutDown).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("OPC UA source '{}' did not close cleanly within {}", id(), CLOSE_TIMEOUT, e);
        } finally {
            worker.shutdownNow();
        }
    }

    // ---- connecting (worker thread) ----

    private void attemptConnection() {
        if (closed) {
            return;
        }
        connectAttempts.incrementAndGet();
        try {
            if (connector == null) {
                pki = OpcUaPki.open(settings.pkiDirectory());
                connector = new OpcUaConnector(settings, pki, this::certificateRefused);
            }
            client = connector.connect();
        } catch (OpcUaConnectionException | IOException | ConfigException e) {
            retryLater(e.getMessage());
            return;
        }
        sessionLost = false;
        lostWith = null;
        // Listen before subscribing, so that a loss during subscription set-up is not missed.
        client.addSessionActivityListener(sessionWatch);
        try {
            current = subscribe();
        } catch (UaException | RuntimeException e) {
            client.removeSessionActivityListener(sessionWatch);
            OpcUaConnector.disconnectQuietly(client);
            client = null;
            retryLater("OPC UA source '" + id() + "': connected, but creating the subscription failed: "
                    + e.getMessage());
            return;
        }
        backoff.reset();
        if (sessionLost) {
            // Lost again while subscribing: the session watch reports it and re-subscribes when it returns.
            return;
        }
        lastError = null;
        changeState(ConnectionState.CONNECTED, "connected");
        LOG.info("OPC UA source '{}' connected to {} (security-policy {}, security-mode {}, identity {}, {} tags)",
                id(), settings.endpointUrl(), settings.securityPolicy(), settings.securityMode(),
                settings.identity().kind(), settings.tags().size());
    }

    private void retryLater(String reason) {
        Duration wait = backoff.next();
        if (!Objects.equals(reason, lastError)) {
            LOG.warn("{}; next attempt in {} ms", reason, wait.toMillis());
        } else {
            LOG.debug("{}; next attempt in {} ms", reason, wait.toMillis());
        }
        lastError = reason;
        changeState(ConnectionState.CONNECTING, reason);
        if (!closed) {
            worker.schedule(this::attemptConnection, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private TagSubscription subscribe() throws UaException {
        TagSubscription subscription = new TagSubscription(client, settings, subscriptionEvents);
        try {
            subscription.create();
        } catch (UaException | RuntimeException e) {
            subscription.delete();
            throw e;
        }
        return subscription;
    }

    /** Replaces {@code expected} by a new subscription, unless it was replaced already. */
    private void resubscribe(TagSubscription expected, String reason) {
        if (closed || client == null || sessionLost || expected != current) {
            return;
        }
        if (expected != null) {
            expected.delete();
        }
        try {
            current = subscribe();
            resubscriptions.incrementAndGet();
            LOG.info("OPC UA source '{}': subscription re-created ({}); fresh values follow", id(), reason);
        } catch (UaException | RuntimeException e) {
            Duration wait = backoff.next();
            lastError = "OPC UA source '" + id() + "': re-creating the subscription failed: " + e.getMessage();
            LOG.warn("{}; next attempt in {} ms", lastError, wait.toMillis());
            worker.schedule(() -> resubscribe(expected, reason), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void shutDown() {
        if (client != null) {
            client.removeSessionActivityListener(sessionWatch);
            if (state == ConnectionState.CONNECTED) {
                // From now on this gateway says nothing about the tags: an explicit gap, not silence.
                markAllUnknown(Instant.now());
            }
            // Closing the session deletes its subscription on the server.
            OpcUaConnector.disconnectQuietly(client);
            client = null;
        }
        if (pki != null) {
            pki.close();
        }
        changeState(ConnectionState.CLOSED, "closed");
        LOG.info("OPC UA source '{}' closed", id());
    }

    private void certificateRefused(String explanation) {
        lastError = explanation;
    }

    // ---- samples (Milo threads) ----

    private void deliver(TagSample sample) {
        TagListener target = listener;
        synchronized (emitLock) {
            if (admit(sample)) {
                target.onSample(sample);
            }
        }
    }

    /** The samples of one publish, in order, to the listener at once (it may make them durable together). */
    private void deliverAll(List<TagSample> batch) {
        TagListener target = listener;
        synchronized (emitLock) {
            List<TagSample> admitted = new ArrayList<>(batch.size());
            for (TagSample sample : batch) {
                if (admit(sample)) {
                    admitted.add(sample);
                }
            }
            if (!admitted.isEmpty()) {
                target.onSamples(admitted);
            }
        }
    }

    /** Counts the sample; false for a NO_DATA that would repeat the tag's last one. Under the emit lock. */
    private boolean admit(TagSample sample) {
        if (sample.quality() == SampleQuality.NO_DATA) {
            if (!unknownTags.add(sample.address())) {
                return false;
            }
            noDataSamples.incrementAndGet();
        } else {
            unknownTags.remove(sample.address());
        }
        samples.incrementAndGet();
        return true;
    }

    private void markAllUnknown(Instant at) {
        for (OpcUaTag tag : settings.tags()) {
            try {
                deliver(TagSample.noData(id(), tag.nodeId(), at));
            } catch (RuntimeException e) {
                LOG.warn("OPC UA source '{}': the listener refused the NO_DATA sample of {}", id(), tag.nodeId(), e);
            }
        }
    }

    private void changeState(ConnectionState next, String detail) {
        synchronized (stateLock) {
            if (state == next) {
                return;
            }
            state = next;
            since = Instant.now();
            TagListener target = listener;
            if (target != null) {
                target.onConnection(id(), next, detail);
            }
        }
    }

    /** Session loss and return, as Milo's session state machine reports them. */
    private final class SessionWatch implements SessionActivityListener {

        @Override
        public void onSessionInactive(UaSession session) {
            if (closed) {
                return;
            }
            Instant lostAt = Instant.now();
            sessionLost = true;
            lostWith = current;
            lastError = "OPC UA source '" + id() + "': session to " + settings.endpointUrl() + " lost";
            LOG.warn("{} at {}; all {} tags are NO_DATA until it returns", lastError, lostAt, settings.tags().size());
            changeState(ConnectionState.DISCONNECTED, "session lost");
            markAllUnknown(lostAt);
        }

        @Override
        public void onSessionActive(UaSession session) {
            if (closed || !sessionLost) {
                return;
            }
            sessionLost = false;
            reconnects.incrementAndGet();
            lastError = null;
            LOG.info("OPC UA source '{}': session to {} re-established", id(), settings.endpointUrl());
            changeState(ConnectionState.CONNECTED, "session re-established");
            TagSubscription stale = lostWith;
            // No subscription yet at the loss (it happened while subscribing): replace whatever exists now.
            worker.execute(() -> resubscribe(stale == null ? current : stale, "session re-established after a loss"));
        }
    }

    /** What the current subscription reports. */
    private final class SubscriptionEvents implements TagSubscription.Events {

        @Override
        public void onValues(List<Map.Entry<String, DataValue>> values, Instant receiveTime) {
            List<TagSample> batch = new ArrayList<>(values.size());
            for (Map.Entry<String, DataValue> value : values) {
                batch.add(DataValueConversion.toSample(id(), value.getKey(), value.getValue(), receiveTime));
            }
            deliverAll(batch);
        }

        @Override
        public void onUnmonitored(String address, String reason) {
            deliver(TagSample.noData(id(), address, Instant.now()));
        }

        @Override
        public void onGap(TagSubscription subscription, String reason) {
            if (closed || subscription != current) {
                return;
            }
            gaps.incrementAndGet();
            LOG.warn("OPC UA source '{}': {}; all tags NO_DATA until the subscription is re-created", id(), reason);
            markAllUnknown(Instant.now());
            worker.execute(() -> resubscribe(subscription, reason));
        }
    }

    /**
     * Counters since start.
     *
     * @param samples         samples delivered, NO_DATA included
     * @param noDataSamples   NO_DATA samples among them
     * @param connectAttempts first-connection attempts (one per backoff step)
     * @param reconnects      sessions re-established after a loss
     * @param gaps            notification gaps (lost data, missed keep-alives, failed transfers)
     * @param resubscriptions subscriptions re-created after a loss or gap
     */
    public record Counters(long samples, long noDataSamples, long connectAttempts, long reconnects, long gaps,
            long resubscriptions) {
    }
}
