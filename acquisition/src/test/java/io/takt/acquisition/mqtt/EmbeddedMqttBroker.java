package io.takt.acquisition.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * An in-process Moquette MQTT 3.1.1 broker on a loopback port, in memory, anonymous, shared by the
 * tests of one class: {@code @RegisterExtension static final EmbeddedMqttBroker broker = new EmbeddedMqttBroker();}.
 * {@link #stop()} and {@link #start()} simulate an outage on the same port; the next test finds it
 * running again. One broker per class because stopping Moquette takes about 2 s (Netty's quiet period).
 */
public final class EmbeddedMqttBroker implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final int port = freePort();
    private Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the broker (again) on the same port, with no sessions or retained messages. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        Properties props = new Properties();
        props.setProperty("host", "127.0.0.1");
        props.setProperty("port", Integer.toString(port));
        props.setProperty("allow_anonymous", "true");
        props.setProperty("persistence_enabled", "false");
        props.setProperty("telemetry_enabled", "false");
        props.setProperty("buffer_flush_millis", "0");
        props.setProperty("websocket_port", "disabled");
        props.setProperty("netty.mqtt.message_size", "65536");
        Server started = new Server();
        try {
            started.startServer(new MemoryConfig(props));
        } catch (IOException e) {
            throw new UncheckedIOException("Moquette did not start on port " + port, e);
        }
        server = started;
    }

    /** Stops the broker; clients see their connections drop. */
    public synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    /** Drops one client's connection as a network fault would, so that the broker publishes its will. */
    public synchronized boolean dropClient(String clientId) {
        return server.disconnectClient(clientId);
    }

    public int port() {
        return port;
    }

    /** Connection settings for a client of this broker, with short reconnect delays for tests. */
    public MqttConnectionSettings connection(String clientId) {
        return MqttConnectionSettings.of("127.0.0.1", port, clientId)
                .withReconnectDelays(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(500));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
