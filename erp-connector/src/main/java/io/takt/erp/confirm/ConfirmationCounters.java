package io.takt.erp.confirm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What became of the counts the confirmations read: {@code takt_erp_confirmation_counts_total{outcome}}. */
final class ConfirmationCounters {

    private final Counter applied;
    private final Counter duplicate;
    private final Counter withoutOrder;

    ConfirmationCounters(MeterRegistry meters) {
        this.applied = counter(meters, "applied");
        this.duplicate = counter(meters, "duplicate");
        this.withoutOrder = counter(meters, "without-order");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("takt.erp.confirmation.counts")
                .description("Production counts read for confirmations, by what became of them")
                .tag("outcome", outcome).register(meters);
    }

    void applied() {
        applied.increment();
    }

    /** A count resent by its gateway (same source and sequence): not booked again. */
    void duplicate() {
        duplicate.increment();
    }

    /** A count naming no work order: nothing in the ERP to book it on. */
    void withoutOrder() {
        withoutOrder.increment();
    }
}
