package io.takt.acquisition.plc4x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takt.acquisition.tagmap.TagMap;
import io.takt.acquisition.tagmap.TagMapException;
import io.takt.acquisition.tagmap.TagMapProblem;
import io.takt.acquisition.tagmap.TagRole;

class Plc4xConnectionCheckTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheExampleModbusTagMap() throws IOException {
        // Given the example shipped for integrators
        Path example = dir.resolve("tagmap-modbus.yaml");
        try (var in = getClass().getResourceAsStream("/examples/tagmap-modbus.yaml")) {
            Files.write(example, in.readAllBytes());
        }

        // When loaded with the PLC4X checks
        TagMap map = TagMap.load(example, Plc4xConnectionCheck.modbus(), Plc4xConnectionCheck.s7());

        // Then it is valid and its settings are as commented
        assertThat(map.tags()).hasSize(14); // state, reason, mode, 3 counters, product, order, 2 attributes, 2 lots, 2 checks
        assertThat(map.tags()).extracting(t -> t.role()).contains(TagRole.STATE, TagRole.GOOD_COUNT,
                TagRole.LOT_IN, TagRole.QUALITY);
        Plc4xSettings settings = Plc4xSettings.of(map.source("plc-line2").orElseThrow());
        assertThat(settings.protocolCode()).isEqualTo("modbus-tcp");
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoffMax()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldReportBadSettingsAndAddressesWithTheirLines() throws IOException {
        // Given an s7 url on a modbus source (line 8), a bad duration (line 9), an unknown key (line 10)
        // and a register type PLC4X does not know (tag at line 12, address on line 13)
        Path file = dir.resolve("tagmap.yaml");
        Files.writeString(file, """
                gateway: {id: gw-1, site: site1}
                equipment:
                  - {id: press3, enterprise: acme, area: press, line: line2, machine: press3}
                sources:
                  - id: plc
                    type: modbus
                    connection:
                      url: s7://192.0.2.1
                      poll-interval: fast
                      pol-interval: 1s
                tags:
                  - source: plc
                    address: holding-register:1:UINTEGER
                    equipment: press3
                    role: state
                    states: packml
                """);

        // When loaded with the modbus check
        TagMapException e = catchThrowableOfType(TagMapException.class,
                () -> TagMap.load(file, Plc4xConnectionCheck.modbus()));

        // Then the settings problems are named; addresses are checked only once the settings are right
        assertThat(e.problems()).extracting(TagMapProblem::toString).containsExactly(
                "tagmap.yaml line 8, sources[0].connection.url: 's7://192.0.2.1' is not a modbus connection string;"
                        + " it must start with modbus-tcp://",
                "tagmap.yaml line 9, sources[0].connection.poll-interval: 'fast' is not a duration with a unit,"
                        + " e.g. 500ms, 2s, 1m",
                "tagmap.yaml line 10, sources[0].connection.pol-interval: unknown key (allowed: url, poll-interval,"
                        + " request-timeout, backoff-initial, backoff-max)");

        // When the settings are fixed
        Files.writeString(file, Files.readString(file).replace("s7://192.0.2.1", "modbus-tcp://192.0.2.1")
                .replace("      poll-interval: fast\n", "").replace("      pol-interval: 1s\n", ""));
        TagMapException again = catchThrowableOfType(TagMapException.class,
                () -> TagMap.load(file, Plc4xConnectionCheck.modbus()));

        // Then the address the PLC4X driver cannot parse is named at its line (now 11)
        assertThat(again.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(11);
            assertThat(p.path()).isEqualTo("tags[0].address");
            assertThat(p.message()).startsWith("'holding-register:1:UINTEGER' is not a modbus-tcp address");
        });
    }
}
