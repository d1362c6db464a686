package io.takt.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.takt.acquisition.delivery.DeliveryStatus;
import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.acquisition.gateway.GatewayStatus;
import io.takt.acquisition.source.SourceStatus;
import io.takt.platform.config.DurationText;

/** Prints the gateway's status block: one line per source with its rate since the last print, then delivery. */
final class GatewayStatusPrinter implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final EdgeGateway gateway;
    private final PrintWriter out;
    private final Map<String, Long> lastSamples = new HashMap<>();
    private Instant lastPrint = Instant.now();
    private StatusTimer timer;

    GatewayStatusPrinter(EdgeGateway gateway, PrintWriter out) {
        this.gateway = gateway;
        this.out = out;
        // The first rate then covers the time since start, not since the source's first sample.
        gateway.status().sources().forEach(s -> lastSamples.put(s.sourceId(), s.samples()));
    }

    /** Prints every {@code interval} until closed. */
    void every(Duration interval) {
        timer = new StatusTimer("takt-gateway-status", interval, this::print);
    }

    synchronized void print() {
        GatewayStatus status = gateway.status();
        Instant now = Instant.now();
        double seconds = Math.max(0.001, Duration.between(lastPrint, now).toMillis() / 1000.0);
        lastPrint = now;
        out.println(CLOCK.format(now) + " gateway " + status.gateway().id() + " (" + status.gateway().site() + ")");
        out.println(String.format(Locale.ROOT, "  %-16s %-12s %-9s %10s %9s %10s  %s", "SOURCE", "STATE", "SINCE",
                "SAMPLES", "RATE/s", "RECONNECTS", "LAST ERROR"));
        for (SourceStatus s : status.sources()) {
            long previous = lastSamples.getOrDefault(s.sourceId(), s.samples());
            lastSamples.put(s.sourceId(), s.samples());
            out.println(String.format(Locale.ROOT, "  %-16s %-12s %-9s %10d %9.0f %10d  %s", s.sourceId(), s.state(),
                    s.since() == null ? "-" : CLOCK.format(s.since()), s.samples(), (s.samples() - previous) / seconds,
                    s.reconnects(), s.lastError() == null ? "" : s.lastError()));
        }
        DeliveryStatus d = status.delivery();
        out.println(String.format(Locale.ROOT, "  delivery: %s, kafka %s, %d event(s) buffered (%d bytes), oldest %s",
                d.state(), d.kafkaReachable() ? "reachable" : "UNREACHABLE", d.undeliveredEvents(), d.bufferBytes(),
                d.oldestUnsentAge() == null ? "-" : DurationText.format(d.oldestUnsentAge())));
        out.flush();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
