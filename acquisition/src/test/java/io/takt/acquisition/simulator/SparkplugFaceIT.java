package io.takt.acquisition.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.takt.acquisition.mqtt.EmbeddedMqttBroker;
import io.takt.acquisition.mqtt.MqttConnectionSettings;
import io.takt.acquisition.mqtt.RecordingListener;
import io.takt.acquisition.mqtt.sparkplug.SparkplugSettings;
import io.takt.acquisition.mqtt.sparkplug.SparkplugSource;
import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.Plant;
import io.takt.acquisition.simulator.plant.PlantListener;
import io.takt.acquisition.simulator.plant.PlantSettings;
import io.takt.acquisition.simulator.plant.TagDefinition;
import io.takt.acquisition.source.ConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's Sparkplug face, read through an in-process MQTT broker by the gateway's own
 * Sparkplug source, shows what the plant does.
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SparkplugFaceIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedMqttBroker broker = new EmbeddedMqttBroker();

    @TempDir
    Path pki;

    private final RecordingListener seen = new RecordingListener();
    private SparkplugSource source;

    @BeforeEach
    void startGatewaySource() {
        // The source subscribes before any face starts, so it sees the first births.
        source = new SparkplugSource(SparkplugSettings.of("simulator-sparkplug", broker.connection("takt-gateway"))
                .withGroupIds(List.of(SparkplugFace.DEFAULT_GROUP_ID)));
        source.start(seen);
        await().atMost(WAIT).until(() -> source.status().state() == ConnectionState.CONNECTED);
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    @Test
    void shouldBeBornWithThePlantsValuesThenFollowItsChangesInSimulatedTime() {
        // Given a 1 × 4 plant that stands still until advanced by hand, whose changes we note the time of
        Plant plant = new Plant(PlantSettings.builder().seed(5).lines(1).machinesPerLine(4).build());
        Instant start = plant.now();
        Map<String, Instant> changedAt = new ConcurrentHashMap<>();
        plant.addListener((PlantListener) (machine, tag, value, time) -> changedAt.put(machine + "." + tag, time));
        MachineDescription gauge = plant.machines().get(3);
        String gaugeGood = address(gauge, TagDefinition.GOOD_COUNT);

        try (SparkplugFace face = new SparkplugFace(plant, plant.machines()).start(faceConnection())) {
            // Then each device's birth carries every tag's current value, stamped with simulated time
            Map<String, Object> atBirth = truth(plant);
            assertThat(atBirth).hasSize(4 * 10 + 1); // 10 tags per machine, plus Gauge1's Quality.Thickness
            awaitMirrored(atBirth);
            assertThat(seen.latest(address(gauge, TagDefinition.STATE)).orElseThrow().sourceTime()).isEqualTo(start);
            assertThat(face.online()).isTrue();

            for (int step = 0; step < 5; step++) {
                // When the plant runs on by 3 simulated minutes and stops there
                plant.advance(Duration.ofMinutes(3));

                // Then DDATA brings every metric to the plant's value
                awaitMirrored(truth(plant));
            }
            // and the gauge counted parts, each value stamped with the simulated time of its change
            assertThat((Long) seen.value(gaugeGood)).isGreaterThan((Long) atBirth.get(gaugeGood));
            assertThat(seen.latest(gaugeGood).orElseThrow().sourceTime())
                    .isEqualTo(changedAt.get(gauge.id() + "." + TagDefinition.GOOD_COUNT));
            // (not a vacuous pass: the values came one change at a time, not in births)
            assertThat(seen.of(gaugeGood).size()).isGreaterThan(10);
        }
        assertThat(source.rebirthRequests()).isZero();
    }

    @Test
    void shouldMirrorARunningSimulatorAndLeaveWithANodeDeathOnClose() {
        // Given a running 1 × 4 simulator at 600× real time (10 simulated minutes a second)
        try (PlantSimulator simulator = new PlantSimulator(SimulatorSettings.builder()
                .seed(7).lines(1).machinesPerLine(4).speed(600).port(0).pkiDirectory(pki).build())) {
            simulator.start();
            Plant plant = simulator.plant();
            List<String> addresses = List.copyOf(truth(plant).keySet());
            String gaugeGood = address(plant.machines().get(3), TagDefinition.GOOD_COUNT);

            // When its Sparkplug face starts while the plant runs
            SparkplugFace face = new SparkplugFace(plant, plant.machines()).start(faceConnection());
            try {
                // Then every device is born, and the gauge's good count goes up by DDATA
                await().atMost(WAIT).until(() -> addresses.stream().allMatch(a -> seen.value(a) != null));
                long born = (Long) seen.of(gaugeGood).get(0).value();
                await().atMost(WAIT).until(() -> (Long) seen.value(gaugeGood) > born);

                // and, with the plant held still, every metric settles on the plant's value
                synchronized (plant) {
                    awaitMirrored(truth(plant));
                }
            } finally {
                face.close();
            }

            // Then the face's NDEATH turns every metric into NO_DATA
            await().atMost(WAIT).until(() -> addresses.stream().allMatch(seen::noData));
            assertThat(face.online()).isFalse();
        }
    }

    @Test
    void shouldBeBornAgainWithTheCurrentValuesAfterABrokerOutage() {
        // Given a mirrored plant whose births have arrived
        Plant plant = new Plant(PlantSettings.builder().seed(9).lines(1).machinesPerLine(4).build());
        try (SparkplugFace face = new SparkplugFace(plant, plant.machines()).start(faceConnection())) {
            Map<String, Object> before = truth(plant);
            awaitMirrored(before);

            // When the broker is down while the plant runs 10 simulated minutes, then comes back
            broker.stop();
            await().atMost(WAIT).until(() -> !face.online());
            plant.advance(Duration.ofMinutes(10));
            Map<String, Object> after = truth(plant);
            broker.start();

            // Then the new births carry the values the plant has now (which did change meanwhile)
            assertThat(after).isNotEqualTo(before);
            awaitMirrored(after);
            assertThat(face.online()).isTrue();
        }
    }

    /** The test broker with its short reconnect delays, for the face's connections. */
    private static MqttConnectionSettings faceConnection() {
        return broker.connection(SparkplugFace.DEFAULT_CLIENT_ID);
    }

    /** Every metric's expected value by address, as the source delivers it (Int32 as Long). */
    private static Map<String, Object> truth(Plant plant) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (MachineDescription machine : plant.machines()) {
            plant.tagValues(machine.id()).forEach((tag, value) ->
                    values.put(address(machine, tag), value instanceof Integer i ? (Object) i.longValue() : value));
        }
        return values;
    }

    private void awaitMirrored(Map<String, Object> truth) {
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> latest = new HashMap<>();
            truth.keySet().forEach(address -> latest.put(address, seen.value(address)));
            assertThat(latest).isEqualTo(truth);
        });
    }

    /** The tag address the gateway gives a metric: {@code TaktPlant/Line1/Press1/State}. */
    private static String address(MachineDescription machine, String tag) {
        return SparkplugFace.DEFAULT_GROUP_ID + "/" + machine.line() + "/" + machine.name() + "/" + tag;
    }
}
