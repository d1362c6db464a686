package io.takt.acquisition.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-process broker of the demo: its port, restarts and a taken port. */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalMqttBrokerIT {

    @Test
    void shouldTakeAFreePortAndComeBackOnItAfterARestart() throws Exception {
        try (LocalMqttBroker broker = new LocalMqttBroker("127.0.0.1", 0)) {
            // When
            broker.start();
            int port = broker.port();

            // Then a client can connect on the port it reports
            assertThat(port).isPositive();
            new MqttObserver(port, "first").close();

            // When it stops and starts again, then it is on the same port
            broker.stop();
            broker.start();
            assertThat(broker.port()).isEqualTo(port);
            new MqttObserver(port, "second").close();
        }
    }

    /**
     * Regression (SparkplugSourceIT failed in beforeAll with a ConcurrentModificationException from
     * Moquette's Server.getPort()): for port 0 the broker chooses the port itself and gives it to Moquette,
     * so it knows its port without reading Moquette's, and another process that takes the chosen port
     * first only costs another try.
     */
    @Test
    void shouldListenOnTheNextFreePortWhenTheChosenOneIsTakenBeforeItBinds() throws Exception {
        // Given a port someone else listens on, offered first, and then one nobody listens on
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int free = freeLoopbackPort();
            Deque<Integer> offered = new ArrayDeque<>(List.of(taken.getLocalPort(), free));
            try (LocalMqttBroker broker = new LocalMqttBroker("127.0.0.1", 0, offered::pop)) {
                // When
                broker.start();

                // Then it tried the taken port (no vacuous pass), listens on the free one and says so
                assertThat(offered).isEmpty();
                assertThat(broker.port()).isEqualTo(free);
                new MqttObserver(free, "after-retry").close();
            }
        }
    }

    @Test
    void shouldRefuseToStartOnATakenPortAndSaySo() throws Exception {
        // Given a port someone else listens on
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LocalMqttBroker broker = new LocalMqttBroker("127.0.0.1", taken.getLocalPort())) {
            // Then
            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static int freeLoopbackPort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
