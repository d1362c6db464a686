package io.takt.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.takt.oee.OeeService;
import io.takt.platform.http.ServiceMetrics;

/** Prints the OEE app's status line: stream state, events applied and their rate, windows, dead letters. */
final class OeeStatusPrinter implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final OeeService oee;
    private final MeterRegistry meters;
    private final PrintWriter out;
    private final CountRate applied = new CountRate();
    private StatusTimer timer;

    OeeStatusPrinter(OeeService oee, ServiceMetrics metrics, PrintWriter out) {
        this.oee = oee;
        this.meters = metrics.registry();
        this.out = out;
    }

    /** Prints every {@code interval} until closed. */
    OeeStatusPrinter every(Duration interval) {
        timer = new StatusTimer("takt-oee-status", interval, this::print);
        return this;
    }

    synchronized void print() {
        Instant now = Instant.now();
        double events = count("takt.oee.events");
        double rate = applied.perSecond(events, now);
        out.println(String.format(Locale.ROOT,
                "%s oee %s: %.0f event(s) applied (%.0f/s), %.0f window(s) final, %.0f dead letter(s), "
                        + "%.0f implausible performance",
                CLOCK.format(now), oee.streams().state(), events, rate, count("takt.oee.windows.final"),
                count("takt.dead.letters"), count("takt.oee.performance.implausible")));
        out.flush();
    }

    private double count(String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
