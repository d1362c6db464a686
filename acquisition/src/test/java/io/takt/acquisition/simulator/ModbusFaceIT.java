package io.takt.acquisition.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.takt.acquisition.plc4x.Plc4xConnectionCheck;
import io.takt.acquisition.plc4x.Plc4xSource;
import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.Plant;
import io.takt.acquisition.simulator.plant.PlantSettings;
import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.tagmap.TagMap;

/** The simulator's Modbus/TCP face, read by the gateway's PLC4X source over real TCP, shows what the plant does. */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModbusFaceIT {

    @TempDir
    Path dir;

    @Test
    void shouldShowEachMirroredMachinesStateAndCountsInItsRegisterBlock() throws Exception {
        // Given line 1 of a plant mirrored on Modbus, and a PLC4X source polling machine 2's block
        // (block 1: state at holding-register 17, good count as UDINT at 20..21, 1-based)
        Plant plant = new Plant(PlantSettings.builder().seed(5).lines(1).machinesPerLine(3).build());
        List<MachineDescription> line = plant.machines();
        Map<String, Object> seen = new ConcurrentHashMap<>();
        try (ModbusFace face = new ModbusFace(plant, line).start(0);
             Plc4xSource source = new Plc4xSource(
                     tagMap(face.port()).source("plc").orElseThrow(), tagMap(face.port()).tagsOf("plc"))) {
            source.start(recorder(seen));
            String machine = line.get(1).id();
            assertThat(face.block(machine)).isEqualTo(16);

            for (int step = 0; step < 5; step++) {
                // When the plant runs on by a few simulated minutes
                plant.advance(Duration.ofMinutes(3));
                Map<String, Object> truth = plant.tagValues(machine);

                // Then the registers read over Modbus show the plant's state and good count
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(seen.get("holding-register:17:UINT"))
                            .isEqualTo(((Number) truth.get("State")).longValue());
                    assertThat(seen.get("holding-register:20:UDINT"))
                            .isEqualTo(((Number) truth.get("GoodCount")).longValue());
                });
            }
        }
    }

    private TagMap tagMap(int port) throws Exception {
        Path file = dir.resolve("modbus.yaml");
        Files.writeString(file, """
                gateway: {id: gw-1, site: site1}
                equipment:
                  - {id: site1.line1.trim1, enterprise: acme, area: production, line: line1, machine: trim1}
                sources:
                  - {id: plc, type: modbus, connection: {url: "modbus-tcp://127.0.0.1:%d", poll-interval: 100ms}}
                tags:
                  - {source: plc, address: "holding-register:17:UINT", equipment: site1.line1.trim1, role: state,
                     states: packml}
                  - {source: plc, address: "holding-register:20:UDINT", equipment: site1.line1.trim1,
                     role: good-count, rollover: 32}
                """.formatted(port));
        return TagMap.load(file, Plc4xConnectionCheck.modbus());
    }

    private static TagListener recorder(Map<String, Object> latest) {
        return new TagListener() {
            @Override
            public void onSample(TagSample sample) {
                if (sample.value() != null) {
                    latest.put(sample.address(), sample.value());
                }
            }

            @Override
            public void onConnection(String sourceId, ConnectionState state, String detail) {
            }
        };
    }
}
