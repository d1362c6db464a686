package io.takt.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takt.schemas.EventContracts;

class ReleasedSchemasTest {

    private static final Schema STATE_CHANGED = FrozenContracts.MACHINE_STATE_CHANGED;
    private static final Schema OEE_KPI = FrozenContracts.OEE_KPI;

    @TempDir
    Path released;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldNameContractAndFieldWhenCurrentContractCannotReadItsRelease() {
        // Given MachineStateChanged gained a required 'shift' after its 9 fields since the release
        Schema current = SchemaVariant.of(STATE_CHANGED)
                .addField("MachineStateChanged", "{\"name\":\"shift\",\"type\":\"string\",\"doc\":\"d\"}").build();
        // When
        List<String> problems = ReleasedSchemas.problems(Map.of("MachineStateChanged", current),
                Map.of("MachineStateChanged", STATE_CHANGED));
        // Then
        assertThat(problems).containsExactly("MachineStateChanged is not BACKWARD compatible with its released "
                + "version: BACKWARD: READER_FIELD_MISSING_DEFAULT_VALUE field 'shift' (/fields/9): shift");
    }

    @Test
    void shouldRejectReleasedContractThatNoLongerExists() {
        // Given OeeKpi was released but is gone from the current contracts
        // When
        List<String> problems = ReleasedSchemas.problems(Map.of("MachineStateChanged", STATE_CHANGED),
                Map.of("MachineStateChanged", STATE_CHANGED, "OeeKpi", OEE_KPI));
        // Then
        assertThat(problems).singleElement().asString()
                .startsWith("OeeKpi was released but has no current contract")
                .contains("OeeKpi.avsc");
    }

    @Test
    void shouldAcceptContractNotReleasedYet() {
        // Given a contract added since the last release
        // When / Then
        assertThat(ReleasedSchemas.problems(Map.of("MachineStateChanged", STATE_CHANGED), Map.of())).isEmpty();
    }

    @Test
    void shouldRejectReleasedFileHoldingAnotherRecord() {
        // Given OeeKpi.avsc that holds MachineStateChanged (a copy-paste slip)
        // When
        List<String> problems = ReleasedSchemas.problems(Map.of("OeeKpi", OEE_KPI),
                Map.of("OeeKpi", STATE_CHANGED));
        // Then
        assertThat(problems).containsExactly("OeeKpi.avsc holds record io.takt.schemas.MachineStateChanged, not OeeKpi");
    }

    @Test
    void shouldReleaseEveryContractAsSelfContainedJson() throws IOException {
        // Given an empty released directory
        // When
        int exit = ReleaseSchemas.release(released, EventContracts.schemas(), print(out), print(err));
        // Then: one file per contract, each parsing on its own (nested types inlined) to the same schema
        assertThat(exit).isZero();
        Map<String, Schema> readBack = ReleasedSchemas.read(released);
        assertThat(readBack).isEqualTo(EventContracts.schemas());
        assertThat(Files.readString(released.resolve("MachineStateChanged.avsc")))
                .contains("\"name\" : \"EquipmentRef\"").endsWith("}\n");
        assertThat(text(out)).contains("MachineStateChanged: new", "Released 11 contracts");
    }

    @Test
    void shouldReportUnchangedContractsOnSecondRelease() throws IOException {
        // Given a release already made
        ReleaseSchemas.release(released, EventContracts.schemas(), print(new ByteArrayOutputStream()), print(err));
        // When releasing again without changes
        int exit = ReleaseSchemas.release(released, EventContracts.schemas(), print(out), print(err));
        // Then
        assertThat(exit).isZero();
        assertThat(text(out)).contains("MachineStateChanged: unchanged", "OeeKpi: unchanged");
    }

    @Test
    void shouldRefuseReleaseThatBreaksReadersAndWriteNothing() throws IOException {
        // Given a released MachineStateChanged, and a current one with a required 'shift'
        ReleasedSchemas.write(released, "MachineStateChanged", STATE_CHANGED);
        String before = Files.readString(released.resolve("MachineStateChanged.avsc"));
        Map<String, Schema> current = new LinkedHashMap<>();
        current.put("MachineStateChanged", SchemaVariant.of(STATE_CHANGED)
                .addField("MachineStateChanged", "{\"name\":\"shift\",\"type\":\"string\",\"doc\":\"d\"}").build());
        current.put("OeeKpi", OEE_KPI);
        // When
        int exit = ReleaseSchemas.release(released, current, print(out), print(err));
        // Then
        assertThat(exit).isEqualTo(1);
        assertThat(text(err)).contains("field 'shift' (/fields/9)");
        assertThat(Files.readString(released.resolve("MachineStateChanged.avsc"))).isEqualTo(before);
        assertThat(released.resolve("OeeKpi.avsc")).doesNotExist();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
