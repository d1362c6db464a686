package io.takt.platform.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.takt.platform.registry.server.RegistryState.Outcome;
import io.takt.platform.registry.server.RegistryState.StoredVersion;
import io.takt.platform.registry.server.StoreFormat.SchemaKey;
import io.takt.platform.registry.server.StoreFormat.SchemaValue;

class RegistryStateTest {

    private static final String MACHINE_STATE = "{\"type\":\"record\",\"name\":\"MachineState\",\"fields\":[]}";
    private static final String WORK_ORDER = "{\"type\":\"record\",\"name\":\"WorkOrder\",\"fields\":[]}";

    private final RegistryState state = new RegistryState(SchemaText::canonical);

    @Test
    void shouldLetTheFirstClaimOnAVersionWinAndRejectTheLaterOne() {
        // Given instance A's claim on machine-state version 1 at offset 10
        var key = new SchemaKey("machine-state", 1);
        state.applySchema(key, new SchemaValue("machine-state", 1, 1, MACHINE_STATE, false), 10);

        // When instance B's claim on the same version with another schema lands at offset 11
        Outcome outcome = state.applySchema(key, new SchemaValue("machine-state", 1, 2, WORK_ORDER, false), 11);

        // Then A keeps the version, B is rejected and the key is marked for repair
        assertThat(outcome).isEqualTo(Outcome.REJECTED);
        assertThat(state.version("machine-state", 1)).get().extracting(StoredVersion::id).isEqualTo(1);
        assertThat(state.dirtyKeys()).containsExactly(key);
    }

    @Test
    void shouldClearTheRepairMarkWhenTheKeyIsRewrittenWithItsWinner() {
        // Given a rejected claim on machine-state version 1
        var key = new SchemaKey("machine-state", 1);
        var winner = new SchemaValue("machine-state", 1, 1, MACHINE_STATE, false);
        state.applySchema(key, winner, 10);
        state.applySchema(key, new SchemaValue("machine-state", 1, 2, WORK_ORDER, false), 11);

        // When the loser re-writes the key with the winner's value
        Outcome outcome = state.applySchema(key, winner, 12);

        // Then nothing changes but the key is no longer dirty: its last record is the winner
        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        assertThat(state.dirtyKeys()).isEmpty();
        assertThat(state.trail(key).records()).isEqualTo(3);
    }

    @Test
    void shouldRejectAClaimWhoseIdIsBoundToAnotherSchema() {
        // Given id 1 bound to MachineState under machine-state
        state.applySchema(new SchemaKey("machine-state", 1), new SchemaValue("machine-state", 1, 1, MACHINE_STATE,
                false), 10);

        // When another instance claims id 1 for WorkOrder under work-order
        Outcome outcome = state.applySchema(new SchemaKey("work-order", 1),
                new SchemaValue("work-order", 1, 1, WORK_ORDER, false), 11);

        // Then the claim is rejected and work-order does not exist
        assertThat(outcome).isEqualTo(Outcome.REJECTED);
        assertThat(state.hasSubject("work-order", true)).isFalse();
        assertThat(state.schemaById(1)).contains(SchemaText.canonical(MACHINE_STATE));
    }

    @Test
    void shouldRejectAClaimGivingAKnownSchemaASecondId() {
        // Given MachineState registered with id 1
        state.applySchema(new SchemaKey("machine-state", 1), new SchemaValue("machine-state", 1, 1, MACHINE_STATE,
                false), 10);

        // When another instance claims id 2 for the same schema under another subject
        Outcome outcome = state.applySchema(new SchemaKey("machine-state-v2", 1),
                new SchemaValue("machine-state-v2", 1, 2, MACHINE_STATE, false), 11);

        // Then it is rejected: one schema has one id
        assertThat(outcome).isEqualTo(Outcome.REJECTED);
        assertThat(state.idOf(SchemaText.canonical(MACHINE_STATE))).hasValue(1);
    }

    @Test
    void shouldKeepASoftDeletedVersionReadableByIdUntilItIsTombstoned() {
        // Given machine-state version 1 with id 1, then soft-deleted
        var key = new SchemaKey("machine-state", 1);
        var value = new SchemaValue("machine-state", 1, 1, MACHINE_STATE, false);
        state.applySchema(key, value, 10);
        state.applySchema(key, value.withDeleted(true), 11);

        // Then the subject is gone from the live view but id 1 still resolves
        assertThat(state.hasSubject("machine-state", false)).isFalse();
        assertThat(state.schemaById(1)).isPresent();

        // When the version is permanently deleted (tombstone)
        state.applySchema(key, null, 12);

        // Then the id is gone too, yet the next id is still above it
        assertThat(state.schemaById(1)).isEmpty();
        assertThat(state.nextId()).isEqualTo(2);
    }

    @Test
    void shouldCountSoftDeletedVersionsWhenNumberingTheNextVersion() {
        // Given versions 1 and 2 of machine-state, version 2 soft-deleted
        state.applySchema(new SchemaKey("machine-state", 1), new SchemaValue("machine-state", 1, 1, MACHINE_STATE,
                false), 10);
        state.applySchema(new SchemaKey("machine-state", 2), new SchemaValue("machine-state", 2, 2, WORK_ORDER,
                true), 11);

        // When the next version is asked for
        // Then it is 3, as in Confluent: numbers of deleted versions are not reused
        assertThat(state.nextVersion("machine-state")).isEqualTo(3);
        assertThat(state.latest("machine-state", false)).get().extracting(StoredVersion::version).isEqualTo(1);
    }

    @Test
    void shouldCompareSchemasByCanonicalFormNotRawText() {
        // Given MachineState registered from compact JSON
        state.applySchema(new SchemaKey("machine-state", 1), new SchemaValue("machine-state", 1, 1, MACHINE_STATE,
                false), 10);

        // When the same schema is looked for with other whitespace and attribute order
        String spaced = "{ \"fields\": [], \"name\": \"MachineState\",\n \"type\": \"record\" }";

        // Then it is found
        assertThat(state.find("machine-state", SchemaText.canonical(spaced), false)).isPresent();
    }

    @Test
    void shouldMarkVersionsUpToTheWatermarkDeletedOnConfluentsDeleteSubject() {
        // Given versions 1 and 2 of machine-state
        state.applySchema(new SchemaKey("machine-state", 1), new SchemaValue("machine-state", 1, 1, MACHINE_STATE,
                false), 10);
        state.applySchema(new SchemaKey("machine-state", 2), new SchemaValue("machine-state", 2, 2, WORK_ORDER,
                false), 11);

        // When Confluent's DELETE_SUBJECT record with watermark 1 is applied
        state.applyDeleteSubject("machine-state", 1);

        // Then only version 2 is live
        assertThat(state.versions("machine-state", false)).extracting(StoredVersion::version).containsExactly(2);
    }
}
