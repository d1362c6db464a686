package io.takt.acquisition.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Objects;
import java.util.Properties;
import java.util.function.IntSupplier;

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
    // Tries for port 0: another process may take the chosen free port before Moquette binds it.
    private static final int FREE_PORT_ATTEMPTS = 5;

    private final String host;
    private final IntSupplier freePorts;
    private int port;
    private Server server;

    /**
     * A broker that will listen on {@code host} (e.g. {@code 127.0.0.1}, or {@code 0.0.0.0} for every
     * interface) and {@code port}; port 0 takes a free port at the first start and keeps it for restarts.
     */
    public LocalMqttBroker(String host, int port) {
        this(host, port, null);
    }

    /** As above, with the source of candidate ports for port 0 (tests offer a taken one first). */
    LocalMqttBroker(String host, int port, IntSupplier freePorts) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("MQTT broker port must be in [0, 65535], not " + port);
        }
        this.port = port;
        this.freePorts = freePorts != null ? freePorts : this::freePort;
    }

    /**
     * Starts the broker, or does nothing if it is running; returns when clients can connect.
     *
     * @throws IllegalStateException if it cannot listen (port taken)
     */
    public synchronized LocalMqttBroker start() {
        if (server == null) {
            server = port != 0 ? startOn(port) : startOnFreePort();
            LOG.info("MQTT broker listening on {}:{}", host, port);
        }
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

    /**
     * Port 0: chooses a free port and gives Moquette that one, trying another if someone takes it first.
     *
     * <p>Moquette is never started on port 0 and never asked for its port: 0.17 records the bound port in
     * a plain HashMap from its Netty event loop after {@code startServer} returns, and
     * {@code Server.getPort()} reads that map with {@code computeIfAbsent}, which inserts 0 while the
     * port is not there yet. Polling it from here raced with the event loop: a
     * ConcurrentModificationException about once in 300 starts (it failed SparkplugSourceIT's
     * beforeAll), or a lost port.
     */
    private Server startOnFreePort() {
        for (int attempt = 1; ; attempt++) {
            int candidate = freePorts.getAsInt();
            try {
                Server started = startOn(candidate);
                port = candidate;
                return started;
            } catch (IllegalStateException e) {
                if (!(rootCause(e) instanceof BindException) || attempt == FREE_PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("MQTT broker: free port {} was taken before the broker could bind it; trying another",
                        candidate);
            }
        }
    }

    private Server startOn(int listenPort) {
        Server started = new Server();
        try {
            started.startServer(new MemoryConfig(properties(listenPort)));
            return started;
        } catch (IOException | RuntimeException e) {
            started.stopServer();
            throw new IllegalStateException("MQTT broker did not start on " + host + ":" + listenPort + ": " + e, e);
        }
    }

    /** A port nobody listens on now, from the OS's ephemeral range (it may be taken again before Moquette binds). */
    private int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("MQTT broker found no free port on " + host + ": " + e, e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private Properties properties(int listenPort) {
        Properties props = new Properties();
        props.setProperty("host", host);
        props.setProperty("port", Integer.toString(listenPort));
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
