package io.takt.acquisition.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorSettings;
import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.PlantSettings;
import io.takt.acquisition.simulator.plant.TagDefinition;

/**
 * Regression test for duplicated, out-of-order notifications, found by the gateway's resilience
 * test: with two Publish requests outstanding, Milo 1.1.2 can process two PublishResponses that
 * arrive back to back in the wrong order, republish the "missing" earlier message and then deliver
 * the original again. A counter then reads lower than before, which the mapper takes for a reset:
 * it reported the whole counter value (millions) as parts made. The gateway's client therefore keeps
 * one Publish request outstanding ({@link OpcUaConnector}).
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublishOrderIT {

    /** How long values flow; with two requests outstanding, values came back out of order within a few seconds. */
    private static final Duration FLOW = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @Test
    void shouldHandOnEveryCounterValueOnceInOrderWhenPublishResponsesComeBackToBack() throws Exception {
        // Given the simulator at 600x: its 16 part counters change about 1,500 times a second, each change pushed
        PlantSettings plant = PlantSettings.builder().seed(3).lines(2).machinesPerLine(4).build();
        try (PlantSimulator simulator = new PlantSimulator(SimulatorSettings.builder().plant(plant).speed(600)
                .bindHost("localhost").port(0).pkiDirectory(dir.resolve("server-pki")).build())) {
            simulator.start();
            // ...a client connected as the gateway connects
            OpcUaSourceSettings settings = OpcUaSourceSettings.builder("simulator", simulator.endpointUrl(),
                    dir.resolve("gateway-pki")).insecure().allowInsecure(true)
                    .application("takt-gateway", "urn:takt:gateway:publish-order-it")
                    .tags(List.of(OpcUaTag.of("ns=2;s=Line1.Press1.GoodCount"))).build();
            OpcUaClient client = new OpcUaConnector(settings, OpcUaPki.open(dir.resolve("gateway-pki")), refused -> { })
                    .connect();
            try {
                // ...and a subscription whose notification messages hold at most 5 values, so that every
                // publishing cycle leaves several messages waiting, sent back to back
                OpcUaSubscription subscription = new OpcUaSubscription(client, 20);
                subscription.setMaxNotificationsPerPublish(uint(5));
                subscription.create();
                CounterWatch watch = new CounterWatch();
                subscription.addMonitoredItems(watch.items(simulator, client));
                subscription.synchronizeMonitoredItems();

                // When values flow for a while
                TimeUnit.MILLISECONDS.sleep(FLOW.toMillis());
                subscription.delete();

                // Then each counter's values came in the order the simulator made them, none twice
                assertThat(watch.values()).as("counter values received").isGreaterThan(1_000);
                assertThat(watch.notAfterPrevious()).as("values not newer than the one before them").isEmpty();
            } finally {
                OpcUaConnector.disconnectQuietly(client);
            }
        }
    }

    /** Every counter's values as they arrive: each must be newer (by source time) than the one before. */
    private static final class CounterWatch {
        private final Map<String, Long> lastSourceTime = new ConcurrentHashMap<>();
        private final List<String> notAfterPrevious = new CopyOnWriteArrayList<>();
        private final AtomicLong values = new AtomicLong();

        List<OpcUaMonitoredItem> items(PlantSimulator simulator, OpcUaClient client) {
            int namespace = client.getNamespaceTable().getIndex(PlantSimulator.PRODUCT_URI).intValue();
            List<OpcUaMonitoredItem> items = new ArrayList<>();
            for (MachineDescription machine : simulator.plant().machines()) {
                for (String counter : List.of(TagDefinition.GOOD_COUNT, TagDefinition.REJECT_COUNT)) {
                    String node = machine.id() + "." + counter;
                    OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(new NodeId(namespace, node));
                    item.setQueueSize(uint(OpcUaTag.DEFAULT_QUEUE_SIZE));
                    item.setDataValueListener((i, value) -> {
                        values.incrementAndGet();
                        long time = value.getSourceTime().getJavaTime();
                        Long previous = lastSourceTime.put(node, time);
                        // A counter changes at most once per simulated instant: an equal time is a repeat.
                        if (previous != null && time <= previous) {
                            notAfterPrevious.add(node + " " + value.getValue().getValue() + " at " + time
                                    + " after " + previous);
                        }
                    });
                    items.add(item);
                }
            }
            return items;
        }

        long values() {
            return values.get();
        }

        List<String> notAfterPrevious() {
            return notAfterPrevious;
        }
    }
}
