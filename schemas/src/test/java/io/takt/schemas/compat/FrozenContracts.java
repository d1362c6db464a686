package io.takt.schemas.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;

/**
 * Frozen copies of the 0.1 contracts (test resources under {@code frozen/}). The checker's tests count field
 * positions by hand in these, so they must not move when someone edits the live .avsc files: a contract
 * change should fail the released-schema gate, not these tests.
 */
final class FrozenContracts {

    static final Schema MACHINE_STATE_CHANGED = load("MachineStateChanged");
    static final Schema PRODUCTION_COUNT = load("ProductionCount");
    static final Schema QUALITY_RESULT = load("QualityResult");
    static final Schema WORK_ORDER = load("WorkOrder");
    static final Schema OEE_KPI = load("OeeKpi");

    private FrozenContracts() {
    }

    private static Schema load(String name) {
        try (InputStream json = FrozenContracts.class.getResourceAsStream("frozen/" + name + ".avsc")) {
            if (json == null) {
                throw new IllegalStateException("missing test resource frozen/" + name + ".avsc");
            }
            return new Schema.Parser().parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
