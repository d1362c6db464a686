package io.takt.platform.registry.server;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Small plant-floor Avro schemas for registry tests. */
final class PlantSchemas {

    private PlantSchemas() {
    }

    /** MachineState v1: machine and state. */
    static Schema machineState() {
        return SchemaBuilder.record("MachineState").namespace("io.takt.test").fields()
                .requiredString("machine").requiredString("state").endRecord();
    }

    /** MachineState v2: adds an optional shift with a default, a BACKWARD-compatible change. */
    static Schema machineStateWithShift() {
        return SchemaBuilder.record("MachineState").namespace("io.takt.test").fields()
                .requiredString("machine").requiredString("state")
                .name("shift").type().stringType().stringDefault("A").endRecord();
    }

    /** MachineState with a new required field and no default: BACKWARD-incompatible with v1. */
    static Schema machineStateWithRequiredOperator() {
        return SchemaBuilder.record("MachineState").namespace("io.takt.test").fields()
                .requiredString("machine").requiredString("state").requiredString("operator").endRecord();
    }

    /** A distinct schema per number, each one BACKWARD-compatible with every other. */
    static Schema counterReading(int n) {
        return SchemaBuilder.record("CounterReading").namespace("io.takt.test").fields()
                .requiredString("machine")
                .name("extra" + n).type().intType().intDefault(n).endRecord();
    }
}
