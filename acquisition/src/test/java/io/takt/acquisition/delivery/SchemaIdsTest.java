package io.takt.acquisition.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import io.takt.acquisition.delivery.buffer.MutableClock;
import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryException;
import io.takt.schemas.MachineStateChanged;

class SchemaIdsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));
    private final CountingRegistry registry = new CountingRegistry();
    private final SchemaIds ids = new SchemaIds(registry, clock);

    @Test
    void shouldAskTheRegistryOncePerSubjectAndSchema() {
        // When three events of one schema for one topic and one for another topic are framed
        ids.idFor("takt.site1.machine-state.v1", MachineStateChanged.SCHEMA$);
        ids.idFor("takt.site1.machine-state.v1", MachineStateChanged.SCHEMA$);
        ids.idFor("takt.site1.machine-state.v1", MachineStateChanged.SCHEMA$);
        ids.idFor("takt.site2.machine-state.v1", MachineStateChanged.SCHEMA$);

        // Then the registry was asked once per subject, under <topic>-value
        assertThat(registry.subjects).containsExactly("takt.site1.machine-state.v1-value",
                "takt.site2.machine-state.v1-value");
    }

    @Test
    void shouldRememberARejectionForAMinuteThenAskAgain() {
        // Given a registry that rejects the schema as incompatible
        registry.rejecting = true;
        assertThatThrownBy(() -> ids.idFor("t", MachineStateChanged.SCHEMA$))
                .isInstanceOf(SchemaRegistryException.class);

        // When 59 s later another event of it comes, the registry is not asked again
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> ids.idFor("t", MachineStateChanged.SCHEMA$))
                .isInstanceOf(SchemaRegistryException.class);
        assertThat(registry.subjects).hasSize(1);

        // When after the minute the registry accepts it (compatibility relaxed), it is used
        clock.advance(Duration.ofSeconds(2));
        registry.rejecting = false;
        assertThat(ids.idFor("t", MachineStateChanged.SCHEMA$)).isEqualTo(7);
        assertThat(registry.subjects).hasSize(2);
    }

    @Test
    void shouldNotRememberAnUnreachableRegistry() {
        // Given a registry that cannot be reached once
        registry.unreachable = true;
        assertThatThrownBy(() -> ids.idFor("t", MachineStateChanged.SCHEMA$))
                .isInstanceOf(SchemaRegistryException.class);

        // When it is back, the next event asks at once
        registry.unreachable = false;
        assertThat(ids.idFor("t", MachineStateChanged.SCHEMA$)).isEqualTo(7);
    }

    /** Gives every schema id 7, or fails as told; counts the subjects it was asked about. */
    private static final class CountingRegistry implements SchemaRegistryClient {
        final List<String> subjects = new ArrayList<>();
        boolean rejecting;
        boolean unreachable;

        @Override
        public int register(String subject, Schema schema) {
            subjects.add(subject);
            if (unreachable) {
                throw new SchemaRegistryException("connection refused", new java.io.IOException());
            }
            if (rejecting) {
                throw new SchemaRegistryException(409, 409, "incompatible");
            }
            return 7;
        }

        @Override
        public int idOf(String subject, Schema schema) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Schema schemaById(int id) {
            throw new UnsupportedOperationException();
        }
    }
}
