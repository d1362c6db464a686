package io.takt.genealogy.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the stations did with the movements: {@code takt_genealogy_movements_total{outcome}} (linked,
 * duplicate) and {@code takt_genealogy_edges_total{change}} (sent, withdrawn).
 */
public final class GenealogyCounters {

    private final Counter linked;
    private final Counter duplicate;
    private final Counter sent;
    private final Counter withdrawn;

    public GenealogyCounters(MeterRegistry meters) {
        this.linked = movements(meters, "linked");
        this.duplicate = movements(meters, "duplicate");
        this.sent = edges(meters, "sent");
        this.withdrawn = edges(meters, "withdrawn");
    }

    private static Counter movements(MeterRegistry meters, String outcome) {
        return Counter.builder("takt.genealogy.movements").description("Material movements read by the stations")
                .tag("outcome", outcome).register(meters);
    }

    private static Counter edges(MeterRegistry meters, String change) {
        return Counter.builder("takt.genealogy.edges").description("Edges of the lot graph sent or withdrawn")
                .tag("change", change).register(meters);
    }

    void linked() {
        linked.increment();
    }

    void duplicate() {
        duplicate.increment();
    }

    void sent() {
        sent.increment();
    }

    void withdrawn() {
        withdrawn.increment();
    }
}
