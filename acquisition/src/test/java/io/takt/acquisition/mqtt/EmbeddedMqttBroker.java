package io.takt.acquisition.mqtt;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * A {@link LocalMqttBroker} on a loopback port shared by the tests of one class:
 * {@code @RegisterExtension static final EmbeddedMqttBroker broker = new EmbeddedMqttBroker();}.
 * {@link #stop()} and {@link #start()} simulate an outage on the same port; the next test finds it
 * running again. One broker per class because stopping Moquette takes about 2 s (Netty's quiet period).
 */
public final class EmbeddedMqttBroker implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final LocalMqttBroker broker = new LocalMqttBroker("127.0.0.1", 0);

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
    public void start() {
        broker.start();
    }

    /** Stops the broker; clients see their connections drop. */
    public void stop() {
        broker.stop();
    }

    /** Drops one client's connection as a network fault would, so that the broker publishes its will. */
    public boolean dropClient(String clientId) {
        return broker.dropClient(clientId);
    }

    /** The broker's port, taken at the class's first start. */
    public int port() {
        return broker.port();
    }

    /** Connection settings for a client of this broker, with short reconnect delays for tests. */
    public MqttConnectionSettings connection(String clientId) {
        return MqttConnectionSettings.of("127.0.0.1", port(), clientId)
                .withReconnectDelays(Duration.ofMillis(100), Duration.ofMillis(500));
    }
}
