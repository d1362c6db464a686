package io.takt.acquisition.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.MqttClientStateException;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.takt.acquisition.source.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MQTT 3.1.1 connection that stays up by itself: connects in the background, subscribes to its
 * topic filters on every (re)connect with a clean session, and reconnects with exponential backoff
 * after a loss or a failed attempt, until closed. Every callback of its {@link Handler} runs on the
 * link's own single thread, in order, so handlers need no locks of their own.
 *
 * <p>Reconnecting is done here rather than by the client's automatic reconnect, because a client
 * in the middle of an automatic reconnect cannot be disconnected, and because each attempt may need
 * a fresh will message (a Sparkplug edge node's NDEATH carries the session's bdSeq).
 */
public final class MqttLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    /** What a link's owner does with it. Each method runs on the link's thread. */
    public interface Handler {

        /** The will to register with the next connect attempt; called before each attempt. */
        default Optional<Mqtt3Publish> nextWill() {
            return Optional.empty();
        }

        /** Connected and subscribed: acquiring (or publishing) can begin. */
        void onConnected();

        /** A message arrived on one of the subscribed filters. */
        void onMessage(String topic, byte[] payload);

        /** A connection that had been established is gone (not called for failed attempts, nor on close). */
        void onConnectionLost(String reason);

        /** The link moved to {@code state}; for status, metrics and logs. */
        default void onState(ConnectionState state, String detail) {
        }
    }

    private final String name;
    private final MqttConnectionSettings settings;
    private final List<String> topicFilters;
    private final MqttQos subscribeQos;
    private final Handler handler;
    private final ScheduledExecutorService thread;
    private final Mqtt3AsyncClient client;
    private final AtomicLong reconnects = new AtomicLong();

    private volatile boolean closed;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile boolean everConnected;
    // Link-thread state.
    private boolean sessionOpen;
    private int failedAttempts;
    private ScheduledFuture<?> pendingAttempt;

    /**
     * A link that is not yet started.
     *
     * @param name         for logs and the thread name, e.g. the source id
     * @param topicFilters subscribed on every connect, may be empty
     * @param subscribeQos the QoS of those subscriptions
     */
    public MqttLink(String name, MqttConnectionSettings settings, List<String> topicFilters, MqttQos subscribeQos,
            Handler handler) {
        this.name = name;
        this.settings = settings;
        this.topicFilters = List.copyOf(topicFilters);
        this.subscribeQos = subscribeQos;
        this.handler = handler;
        // Tasks that arrive after close (the client ending its flows) are dropped, not rejected.
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mqtt-" + name);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        executor.setRemoveOnCancelPolicy(true);
        this.thread = executor;
        this.client = buildClient();
    }

    /** Starts connecting in the background and returns at once. */
    public void start() {
        setState(ConnectionState.CONNECTING, "connecting to " + settings);
        thread.execute(this::attempt);
    }

    /**
     * Publishes a message; the future fails if the link is not connected. QoS 0 completes once
     * written, QoS 1 once the broker acknowledged it.
     */
    public CompletableFuture<Mqtt3Publish> publish(String topic, byte[] payload, MqttQos qos, boolean retain) {
        return client.publishWith().topic(topic).payload(payload).qos(qos).retain(retain).send();
    }

    /** Runs {@code task} on the link's thread, in order with the handler's callbacks. */
    public void execute(Runnable task) {
        if (!closed) {
            thread.execute(task);
        }
    }

    public ConnectionState state() {
        return state;
    }

    /** When the link entered its current state. */
    public Instant since() {
        return since;
    }

    /** Connections re-established after the first one. */
    public long reconnects() {
        return reconnects.get();
    }

    /** The last connection error, or null. */
    public String lastError() {
        return lastError;
    }

    /** Disconnects (a clean DISCONNECT, so the broker does not send the will) and stops; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.execute(() -> {
            if (pendingAttempt != null) {
                pendingAttempt.cancel(false);
            }
        });
        if (client.getState().isConnected()) {
            try {
                client.disconnect().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("MQTT link {}: disconnect did not complete cleanly: {}", name, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread.shutdown();
        try {
            thread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        setState(ConnectionState.CLOSED, "closed");
    }

    private Mqtt3AsyncClient buildClient() {
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3()
                .identifier(settings.clientId())
                .serverHost(settings.host())
                .serverPort(settings.port())
                .addConnectedListener(context -> connectedOnClientThread())
                .addDisconnectedListener(this::disconnectedOnClientThread);
        if (settings.tls()) {
            builder = builder.sslWithDefaultConfig();
        }
        return builder.buildAsync();
    }

    private void attempt() {
        if (closed) {
            return;
        }
        pendingAttempt = null;
        setState(ConnectionState.CONNECTING, "connecting to " + settings);
        Mqtt3ConnectBuilder connect = Mqtt3Connect.builder()
                .cleanSession(true)
                .keepAlive((int) settings.keepAlive().toSeconds());
        if (settings.username() != null) {
            connect = connect.simpleAuth().username(settings.username())
                    .password(settings.password() == null ? new byte[0]
                            : settings.password().value().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        Optional<Mqtt3Publish> will = handler.nextWill();
        if (will.isPresent()) {
            connect = connect.willPublish(will.get());
        }
        client.connect(connect.build()).whenComplete((ack, error) -> {
            if (error instanceof MqttClientStateException) {
                // The client had not finished its previous disconnect; no listener will fire for this.
                execute(() -> scheduleAttempt(error.getMessage()));
            }
        });
    }

    private void connectedOnClientThread() {
        if (closed) {
            // An attempt that was under way when the link closed: the link thread is gone, so end it here.
            client.disconnect();
        } else {
            execute(this::connected);
        }
    }

    private void connected() {
        sessionOpen = true;
        if (topicFilters.isEmpty()) {
            subscribed();
            return;
        }
        Mqtt3Subscribe subscribe = Mqtt3Subscribe.builder()
                .addSubscriptions(topicFilters.stream().map(f -> Mqtt3Subscription.builder()
                        .topicFilter(f).qos(subscribeQos).build()))
                .build();
        // A clean session ends every message flow of the client on disconnect, so the callback is
        // registered with each subscription, on each connect.
        client.subscribe(subscribe, p -> handler.onMessage(p.getTopic().toString(), p.getPayloadAsBytes()), thread)
                .whenCompleteAsync(this::subscribeDone, thread);
    }

    private void subscribeDone(Mqtt3SubAck ack, Throwable error) {
        if (error == null && ack.getReturnCodes().contains(Mqtt3SubAckReturnCode.FAILURE)) {
            error = new IllegalStateException("the broker refused a subscription to " + topicFilters
                    + ": " + ack.getReturnCodes());
        }
        if (error != null) {
            lastError = error.getMessage();
            LOG.warn("MQTT link {}: subscribing failed ({}); reconnecting", name, error.getMessage());
            client.disconnect();
            return;
        }
        subscribed();
    }

    private void subscribed() {
        if (everConnected) {
            reconnects.incrementAndGet();
        }
        everConnected = true;
        failedAttempts = 0;
        LOG.info("MQTT link {}: connected to {}{}", name, settings,
                topicFilters.isEmpty() ? "" : ", subscribed to " + topicFilters);
        setState(ConnectionState.CONNECTED, "connected to " + settings);
        handler.onConnected();
    }

    private void disconnectedOnClientThread(MqttClientDisconnectedContext context) {
        Throwable cause = context.getCause();
        String reason = context.getSource() == MqttDisconnectSource.USER && cause == null
                ? "disconnected" : String.valueOf(cause == null ? context.getSource() : cause.getMessage());
        execute(() -> disconnected(reason));
    }

    private void disconnected(String reason) {
        if (closed) {
            return;
        }
        lastError = reason;
        if (sessionOpen) {
            sessionOpen = false;
            LOG.warn("MQTT link {}: connection to {} lost ({}); reconnecting with backoff", name, settings, reason);
            handler.onConnectionLost(reason);
        } else {
            LOG.debug("MQTT link {}: connect attempt to {} failed ({})", name, settings, reason);
        }
        scheduleAttempt(reason);
    }

    private void scheduleAttempt(String reason) {
        if (closed || pendingAttempt != null) {
            return;
        }
        failedAttempts++;
        Duration delay = backoff(failedAttempts);
        setState(ConnectionState.DISCONNECTED, reason + "; next attempt in " + delay.toMillis() + " ms");
        pendingAttempt = thread.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** initial × 2^(attempt-1), at most the maximum, plus up to 20% so that many clients spread out. */
    Duration backoff(int attempt) {
        long initial = settings.reconnectInitialDelay().toMillis();
        long max = settings.reconnectMaxDelay().toMillis();
        long delay = initial << Math.min(attempt - 1, 30);
        if (delay <= 0 || delay > max) {
            delay = max;
        }
        long jitter = (long) (delay * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.min(delay + jitter, max));
    }

    private void setState(ConnectionState next, String detail) {
        if (state != next) {
            state = next;
            since = Instant.now();
            handler.onState(next, detail);
        }
    }
}
