package io.takt.acquisition.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * An in-process MQTT 3.1.1 broker (Moquette), in memory and anonymous: for the demo, where MQTT tools
 * watch the simulator's Sparkplug face, and for tests. No authentication, TLS or persistence, so not
 * a plant's broker.
 *
 * <p>{@link #stop()} and {@link #start()} again simulate an outage: the broker comes back on the same
 * port, with no sessions or retained messages. Stopping takes about 2 s (Netty's quiet period).
 */
public final class LocalMqttBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMqttBroker.class);
    private static final int MAX_MESSAGE_BYTES = 65536;
    private static final Duration BIND_WAIT = Duration.ofSeconds(5);

    private final String host;
    private int port;
    private Server server;

    /**
     * A broker that will listen on {@code host} (e.g. {@code 127.0.0.1}, or {@code 0.0.0.0} for every
     * interface) and {@code port}; port 0 takes a free port at the first start and keeps it for restarts.
     */
    public LocalMqttBroker(String host, int port) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("MQTT broker port must be in [0, 65535], not " + port);
        }
        this.port = port;
    }

    /**
     * Starts the broker, or does nothing if it is running; returns when clients can connect.
     *
     * @throws IllegalStateException if it cannot listen (port taken)
     */
    public synchronized LocalMqttBroker start() {
        if (server != null) {
            return this;
        }
        Server started = new Server();
        try {
            started.startServer(new MemoryConfig(properties()));
        } catch (IOException | RuntimeException e) {
            started.stopServer();
            throw new IllegalStateException("MQTT broker did not start on " + host + ":" + port + ": " + e, e);
        }
        server = started;
        if (port == 0) {
            port = boundPort(started);
        }
        LOG.info("MQTT broker listening on {}:{}", host, port);
        return this;
    }

    /** Stops the broker; clients see their connections drop. Does nothing if it is not running. */
    public synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
            LOG.info("MQTT broker on {}:{} stopped", host, port);
        }
    }

    /** Drops one client's connection as a network fault would, so that the broker publishes its will. */
    public synchronized boolean dropClient(String clientId) {
        return server != null && server.disconnectClient(clientId);
    }

    public String host() {
        return host;
    }

    /** The port it listens on; for port 0, known once started. */
    public synchronized int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    /** The port Moquette bound for port 0: it learns it on its event loop just after startServer returns. */
    private int boundPort(Server started) {
        long deadline = System.nanoTime() + BIND_WAIT.toNanos();
        while (started.getPort() == 0) {
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("MQTT broker on " + host + " did not report its port within "
                        + BIND_WAIT.toMillis() + " ms");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("Interrupted while starting the MQTT broker", e);
            }
        }
        return started.getPort();
    }

    private Properties properties() {
        Properties props = new Properties();
        props.setProperty("host", host);
        props.setProperty("port", Integer.toString(port));
        props.setProperty("allow_anonymous", "true");
        props.setProperty("persistence_enabled", "false");
        props.setProperty("telemetry_enabled", "false");
        // Deliver each message at once rather than in timed batches: tools and tests see it immediately.
        props.setProperty("buffer_flush_millis", "0");
        props.setProperty("websocket_port", "disabled");
        props.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        return props;
    }
}
