package io.takt.acquisition.delivery;

import static io.takt.acquisition.delivery.DeliveryRig.provision;
import static io.takt.acquisition.delivery.DeliveryRig.readCommitted;
import static io.takt.acquisition.delivery.DeliveryRig.stateChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.takt.platform.config.TaktConfig;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.testing.KafkaBackbone;

/**
 * The acceptance test of store-and-forward (issue 3): "stop the broker for 60 s while the source
 * runs, restart it: every sequence number arrives exactly once per source, in order per key. Same
 * with kill -9 of the gateway during the outage (restart it; nothing lost)." Plus the drain rate of
 * an outage backlog, for the bench.
 */
class BrokerOutageIT {

    /**
     * How long the broker stays down. The issue says 60 s; 20 s by default keeps the integration
     * tests within their time budget, and nothing in the gateway depends on the length (Kafka calls
     * time out after 10 s, backoff caps at 5 s, so 20 s covers several failed rounds). Run
     * {@code -Dtakt.outage.seconds=60} for the figure.
     */
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("takt.outage.seconds", 20));
    /** Events in the drain-rate backlog. */
    static final int BACKLOG = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageIT.class);

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void brokerBackUp() {
        if (!backbone.broker().isRunning()) {
            backbone.broker().start();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldDeliverEverySequenceOnceInOrderPerKeyAfterABrokerOutage() throws Exception {
        String topic = provision(backbone, "outage").machineState().name();
        try (StoreAndForward outbox = new StoreAndForward(config("outage", "gw-outage", dir), registry(), meters)) {
            outbox.start();
            // Given three sources, each numbering its events for two machines, appending all along
            Sources sources = new Sources(outbox, topic, 3).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered() >= 300);

            // When the broker is down for OUTAGE while they go on...
            long beforeOutage = sources.appended();
            long stoppedAt = System.nanoTime();
            backbone.broker().stop();
            await().atMost(OUTAGE.plusSeconds(30)).until(() -> !outbox.status().kafkaReachable());
            LockSupport.parkNanos(OUTAGE.toNanos() - (System.nanoTime() - stoppedAt)); // the outage itself
            long duringOutage = sources.appended() - beforeOutage;
            backbone.broker().start();
            // ...and after it the backlog drains while live events keep coming in behind it
            long atRestart = sources.appended();
            // Generous: once on a loaded machine the first commit after the restart took over 60 s
            // (a transaction cut off by the outage has to be ended first); the figure is logged.
            await().atMost(Duration.ofSeconds(150)).until(() -> delivered() >= atRestart);
            sources.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().undeliveredEvents() == 0);

            // Then the outage really was mid-stream: events were appended while the broker was down
            assertThat(duringOutage).isPositive();
            assertThat(meters.get(DeliveryMetrics.SEND_RETRIES).counter().count()).isPositive();
            // ...and a read_committed consumer sees every (source, sequence) once, in order per machine
            List<DeliveryRig.Delivered> delivered = readCommitted(backbone.bootstrapServers(), topic,
                    (int) sources.appended(), Duration.ofSeconds(60));
            assertEverySequenceOnce(DeliveryRig.sequencesBySource(delivered), sources.perSource());
            assertInOrderPerKey(DeliveryRig.sequencesByKey(delivered));
            LOG.info("Outage of {} s: {} events appended in all, {} of them while the broker was down",
                    OUTAGE.toSeconds(), sources.appended(), duringOutage);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldLoseNothingAcknowledgedWhenTheGatewayIsKilledDuringAnOutage() throws Exception {
        String topic = provision(backbone, "killed").machineState().name();
        Path buffer = dir.resolve("buffer");
        String[] args = {backbone.bootstrapServers(), backbone.registryUrl(), "killed", "gw-killed", buffer.toString(),
            topic, "200", String.valueOf(Long.MAX_VALUE)};
        long beforeOutage;
        long acknowledged;
        // Given a gateway in a JVM of its own appending 200 events a second, some already delivered
        try (GatewayProcess first = GatewayProcess.start("gateway-1", args)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> first.lastAppended() >= 100);
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> !readCommitted(backbone.bootstrapServers(), topic, 1, Duration.ofSeconds(2)).isEmpty());

            // When the broker stops, the gateway goes on appending (about 3 s worth), and is killed -9
            backbone.broker().stop();
            beforeOutage = first.lastAppended();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.lastAppended() >= beforeOutage + 600);
            first.kill();
            acknowledged = first.lastAppended();
        }
        // ...and the broker and a new gateway on the same buffer directory start
        backbone.broker().start();
        args[7] = "0"; // only delivers what the buffer holds
        List<DeliveryRig.Delivered> delivered;
        try (GatewayProcess second = GatewayProcess.start("gateway-2", args)) {
            delivered = readCommitted(backbone.bootstrapServers(), topic, (int) acknowledged + 1,
                    Duration.ofSeconds(90));
        }

        // Then it was killed mid-outage with events acknowledged while the broker was down...
        assertThat(acknowledged - beforeOutage).isGreaterThanOrEqualTo(600);
        // ...and every acknowledged event arrived exactly once: 0 to the last acknowledged, plus at
        // most the one whose append had returned when the kill struck, before it was printed
        List<Long> sequences = delivered.stream().map(DeliveryRig.Delivered::sequence).sorted().toList();
        assertThat(sequences).doesNotHaveDuplicates();
        long last = sequences.get(sequences.size() - 1);
        assertThat(last).isBetween(acknowledged, acknowledged + 1);
        assertThat(sequences).containsExactlyElementsOf(LongStream.rangeClosed(0, last).boxed().toList());
        assertInOrderPerKey(DeliveryRig.sequencesByKey(delivered));
        LOG.info("Killed with {} events acknowledged, {} of them during the outage; {} delivered", acknowledged + 1,
                acknowledged - beforeOutage, delivered.size());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldDrainAnOutageBacklogAndReportTheRate() {
        String topic = provision(backbone, "drain").machineState().name();
        try (StoreAndForward outbox = new StoreAndForward(config("drain", "gw-drain", dir), registry(), meters)) {
            outbox.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.status().state() == DeliveryState.DELIVERING);

            // Given a backlog of BACKLOG events of ten machines built up while the broker is down
            backbone.broker().stop();
            long appendStart = System.nanoTime();
            for (int chunk = 0; chunk < BACKLOG; chunk += 1000) {
                List<OutboundEvent> events = new ArrayList<>(1000);
                for (long seq = chunk; seq < chunk + 1000; seq++) {
                    String machine = "m" + seq % 10;
                    events.add(new OutboundEvent(topic, machine, stateChange(machine, "drain", seq)));
                }
                outbox.appendAll(events);
            }
            LOG.info("Appended the backlog of {} events in {} ms (appendAll, 1,000 per call, fsync every-batch)",
                    BACKLOG, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - appendStart));
            assertThat(meters.get(DeliveryMetrics.BUFFER_EVENTS).gauge().value()).isEqualTo(BACKLOG);
            assertThat(meters.get(DeliveryMetrics.BUFFER_BYTES).gauge().value()).isPositive();
            assertThat(meters.get(DeliveryMetrics.OLDEST_AGE).timeGauge().value(TimeUnit.MILLISECONDS)).isPositive();

            // When the broker is back
            long restart = System.nanoTime();
            backbone.broker().start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> delivered() > 0);
            long firstCommit = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                    .until(() -> delivered() >= BACKLOG);
            long drained = System.nanoTime();

            // Then all arrive, and the rate is reported for the bench
            double seconds = (drained - firstCommit) / 1e9;
            LOG.info("Drain rate: {} events/s ({} events in {} ms from the first commit; {} ms after the broker"
                            + " restart)", Math.round(BACKLOG / seconds), BACKLOG,
                    TimeUnit.NANOSECONDS.toMillis(drained - firstCommit),
                    TimeUnit.NANOSECONDS.toMillis(drained - restart));
            List<DeliveryRig.Delivered> delivered = readCommitted(backbone.bootstrapServers(), topic, BACKLOG,
                    Duration.ofSeconds(60));
            assertThat(delivered).hasSize(BACKLOG);
            assertInOrderPerKey(DeliveryRig.sequencesByKey(delivered));
        }
    }

    private double delivered() {
        return meters.get(DeliveryMetrics.EVENTS_OUT).counter().count();
    }

    private static TaktConfig config(String site, String gatewayId, Path bufferDir) {
        return DeliveryRig.config(backbone.bootstrapServers(), backbone.registryUrl(), site, gatewayId, bufferDir);
    }

    private static RestSchemaRegistryClient registry() {
        return new RestSchemaRegistryClient(backbone.registryUrl());
    }

    private static void assertEverySequenceOnce(Map<String, List<Long>> bySource, Map<String, Long> appended) {
        assertThat(bySource).containsOnlyKeys(appended.keySet());
        appended.forEach((source, count) -> assertThat(bySource.get(source)).as("sequences of %s", source)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, count).boxed().toList()));
    }

    private static void assertInOrderPerKey(Map<String, List<Long>> byKey) {
        byKey.forEach((key, sequences) -> assertThat(sequences).as("sequences of %s", key).isSorted()
                .doesNotHaveDuplicates());
    }

    /** Source threads appending numbered events for two machines each, as fast as the buffer acknowledges, 10 ms apart. */
    private static final class Sources {
        private final StoreAndForward outbox;
        private final String topic;
        private final AtomicLong[] counts;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Sources(StoreAndForward outbox, String topic, int sources) {
            this.outbox = outbox;
            this.topic = topic;
            this.counts = new AtomicLong[sources];
            for (int i = 0; i < sources; i++) {
                counts[i] = new AtomicLong();
            }
        }

        Sources start() {
            for (int i = 0; i < counts.length; i++) {
                int source = i;
                Thread t = new Thread(() -> run(source), "source-" + i);
                threads.add(t);
                t.start();
            }
            return this;
        }

        private void run(int source) {
            String name = "src" + source;
            for (long seq = 0; running.get(); seq++) {
                String machine = name + "-m" + seq % 2;
                outbox.append(new OutboundEvent(topic, machine, stateChange(machine, name, seq)));
                counts[source].incrementAndGet();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }

        long appended() {
            long total = 0;
            for (AtomicLong count : counts) {
                total += count.get();
            }
            return total;
        }

        Map<String, Long> perSource() {
            Map<String, Long> out = new java.util.HashMap<>();
            for (int i = 0; i < counts.length; i++) {
                out.put("src" + i, counts[i].get());
            }
            return out;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
