package io.takt.acquisition.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.takt.acquisition.simulator.opcua.PlantNamespace;
import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.Plant;
import io.takt.acquisition.simulator.plant.PlantSettings;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up time and update rates at 10,000 machines (1,000 lines × 10). A measurement, not a
 * gate: it runs only with {@code -Dtakt.simulator.scale=true} and logs its figures.
 */
@EnabledIfSystemProperty(named = "takt.simulator.scale", matches = "true")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PlantSimulatorScaleIT {

    private static final Logger LOG = LoggerFactory.getLogger(PlantSimulatorScaleIT.class);
    private static final Instant START = Instant.parse("2025-03-03T05:00:00Z");

    @TempDir
    Path pki;

    @Test
    void shouldSimulateTenThousandMachinesWithoutOpcUa() {
        // Given 10,000 machines
        long began = System.nanoTime();
        Plant plant = new Plant(tenThousandMachines());
        long builtMillis = millisSince(began);
        AtomicLong changes = new AtomicLong();
        plant.addListener((machine, tag, value, time) -> changes.incrementAndGet());

        // When it runs one simulated hour as fast as it can
        began = System.nanoTime();
        plant.advance(Duration.ofHours(1));
        long ranMillis = millisSince(began);

        // Then: each machine finishes a part every ~5 s, so an hour is up to 10,000 × 720 = 7.2 M
        // counts; at least a third of that must have happened
        LOG.info("MODEL 10,000 machines: built in {} ms; 1 simulated hour in {} ms: {} events, {} tag changes, "
                        + "{} changes/s, {}x real time",
                builtMillis, ranMillis, plant.eventsRun(), changes.get(), changes.get() * 1000 / ranMillis,
                3_600_000 / Math.max(1, ranMillis));
        assertThat(changes.get()).isGreaterThan(2_400_000);
    }

    @Test
    void shouldServeTenThousandMachinesOverOpcUa() throws Exception {
        // Given a simulator of 10,000 machines driven far faster than it can keep up with
        SimulatorSettings settings = SimulatorSettings.builder().plant(tenThousandMachines())
                .speed(1_000).port(0).pkiDirectory(pki).trustAllClients(true).users(Map.of()).build();
        try (PlantSimulator simulator = new PlantSimulator(settings)) {
            Runtime runtime = Runtime.getRuntime();
            long began = System.nanoTime();
            simulator.start();
            long startMillis = millisSince(began);
            System.gc();
            long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1 << 20);

            // And a client subscribed to every machine's State and GoodCount (20,000 items)
            SimulatorClients clients = SimulatorClients.withNewCertificate();
            OpcUaClient client = clients.connectInsecure(simulator.endpointUrl());
            AtomicLong notifications = new AtomicLong();
            OpcUaSubscription subscription = new OpcUaSubscription(client, 100.0);
            subscription.create();
            UShort ns = client.readNamespaceTable().getIndex(PlantNamespace.NAMESPACE_URI);
            List<OpcUaMonitoredItem> items = new ArrayList<>();
            for (MachineDescription machine : simulator.plant().machines()) {
                for (String tag : List.of("State", "GoodCount")) {
                    OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(new NodeId(ns, machine.id() + "." + tag));
                    item.setQueueSize(uint(10));
                    item.setDataValueListener((i, v) -> notifications.incrementAndGet());
                    items.add(item);
                }
            }
            subscription.addMonitoredItems(items);
            began = System.nanoTime();
            subscription.synchronizeMonitoredItems();
            long subscribeMillis = millisSince(began);

            // When it runs for 20 s of wall time
            long changesBefore = simulator.plant().tagChanges();
            long notificationsBefore = notifications.get();
            Instant simulatedBefore = simulator.plant().now();
            Thread.sleep(20_000);
            long changes = simulator.plant().tagChanges() - changesBefore;
            long received = notifications.get() - notificationsBefore;
            Duration simulated = Duration.between(simulatedBefore, simulator.plant().now());

            // Then it reports what it sustained
            LOG.info("OPC UA 10,000 machines: start {} ms ({} variables, heap after start {} MB); subscribing "
                            + "20,000 items {} ms; in 20 s wall: {} simulated s ({}x real time), {} tag changes/s "
                            + "written to nodes, {} notifications/s received by one client",
                    startMillis, simulator.plant().machines().stream().mapToInt(m -> m.tags().size()).sum(), heapMb, subscribeMillis,
                    simulated.toSeconds(), simulated.toSeconds() / 20, changes / 20, received / 20);
            assertThat(changes).isPositive();
            client.disconnect();
        }
    }

    private static PlantSettings tenThousandMachines() {
        return PlantSettings.builder().seed(1).start(START).lines(1_000).machinesPerLine(10).build();
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
