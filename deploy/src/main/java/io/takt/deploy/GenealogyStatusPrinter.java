package io.takt.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.takt.genealogy.GenealogyService;
import io.takt.platform.http.ServiceMetrics;

/** Prints the genealogy app's status line: stream state, movements linked and their rate, edges, dead letters. */
final class GenealogyStatusPrinter implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final GenealogyService genealogy;
    private final MeterRegistry meters;
    private final PrintWriter out;
    private final CountRate linked = new CountRate();
    private StatusTimer timer;

    GenealogyStatusPrinter(GenealogyService genealogy, ServiceMetrics metrics, PrintWriter out) {
        this.genealogy = genealogy;
        this.meters = metrics.registry();
        this.out = out;
    }

    /** Prints every {@code interval} until closed. */
    GenealogyStatusPrinter every(Duration interval) {
        timer = new StatusTimer("takt-genealogy-status", interval, this::print);
        return this;
    }

    synchronized void print() {
        Instant now = Instant.now();
        double movements = count("takt.genealogy.movements", "outcome", "linked");
        out.println(String.format(Locale.ROOT,
                "%s genealogy %s: %.0f movement(s) linked (%.0f/s), %.0f edge(s) sent, %.0f withdrawn, "
                        + "%.0f duplicate(s), %.0f dead letter(s)",
                CLOCK.format(now), genealogy.streams().state(), movements, linked.perSecond(movements, now),
                count("takt.genealogy.edges", "change", "sent"), count("takt.genealogy.edges", "change", "withdrawn"),
                count("takt.genealogy.movements", "outcome", "duplicate"), count("takt.dead.letters", null, null)));
        out.flush();
    }

    private double count(String name, String tag, String value) {
        var search = tag == null ? meters.find(name) : meters.find(name).tag(tag, value);
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
