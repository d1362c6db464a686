package io.takt.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.takt.acquisition.delivery.DeliveryState;
import io.takt.acquisition.delivery.buffer.FsyncPolicy;
import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.acquisition.source.ConnectionState;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;

/**
 * One edge gateway reading the simulator, as {@code takt acquire} runs it: its own tag map, state
 * and buffer directories and meters, and its counters read as {@link Tally tallies}.
 */
final class GatewayRun implements AutoCloseable {

    // The gateway's documented meters (takt_edge_events_in_total, ... in Prometheus): cheap to read,
    // unlike status(), which summarises every tag's age.
    private static final String SAMPLES = "takt.edge.source.samples";
    private static final String EVENTS_IN = "takt.edge.events.in";
    private static final String EVENTS_OUT = "takt.edge.events.out";
    private static final String UNDELIVERED = "takt.edge.buffer.events";

    private final PlantSimulator simulator;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final EdgeGateway gateway;

    /**
     * Builds and starts a gateway with id {@code gw-<fsync>} over the simulator.
     *
     * @param dir where its tag map, state and buffer go
     */
    GatewayRun(PlantSimulator simulator, FsyncPolicy fsync, Path dir, String bootstrapServers, String registryUrl,
            String site) {
        this.simulator = simulator;
        String id = "gw-" + text(fsync);
        Path tagMap = SimulatorTagMap.write(simulator, id, site, dir.resolve("tagmap.yaml"));
        TaktConfig config = EdgeGateway.DEFINITION.validate(ConfigSources.builder().overrides(Map.of(
                "gateway.tag.map", tagMap.toString(),
                "gateway.state.dir", dir.resolve("state").toString(),
                "buffer.dir", dir.resolve("buffer").toString(),
                "buffer.fsync", text(fsync),
                "kafka.bootstrap.servers", bootstrapServers,
                "schema.registry.url", registryUrl)).build());
        this.gateway = EdgeGateway.create(config, meters).start();
    }

    /** The config text of a policy, e.g. {@code every-batch}. */
    static String text(FsyncPolicy fsync) {
        return fsync.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Waits until the source is subscribed and delivery to Kafka runs. */
    void awaitRunning(Duration timeout) throws InterruptedException {
        awaitTrue(() -> gateway.status().sources().stream().allMatch(s -> s.state() == ConnectionState.CONNECTED)
                && gateway.status().delivery().state() == DeliveryState.DELIVERING, timeout,
                "the gateway did not connect to the simulator and Kafka");
    }

    Tally tally(long consumed) {
        long samples = (long) meters.find(SAMPLES).functionCounters().stream().mapToDouble(c -> c.count()).sum();
        return new Tally(System.nanoTime(), simulator.plant().tagChanges(), samples, eventsIn(), eventsOut(),
                consumed, undelivered(), Measurement.allocatedByAllThreads(), Tally.processCpuNanos());
    }

    double eventsIn() {
        return meters.get(EVENTS_IN).counter().count();
    }

    double eventsOut() {
        return meters.get(EVENTS_OUT).counter().count();
    }

    long undelivered() {
        return (long) meters.get(UNDELIVERED).gauge().value();
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
