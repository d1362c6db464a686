package io.takt.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The demo's one status line: events the gateway delivered per second, KPI records the OEE app wrote
 * (live OEE, windows, downtime) per second, how far behind each consumer group is, and dead letters.
 */
final class DemoStatusPrinter implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final MeterRegistry gatewayMeters;
    private final KafkaStreams oee;
    private final Set<String> kpiTopics;
    private final ConsumerLag lag;
    private final MeterRegistry[] deadLetterMeters;
    private final PrintWriter out;
    private final CountRate events = new CountRate();
    private final CountRate kpis = new CountRate();
    private StatusTimer timer;

    DemoStatusPrinter(LocalBackbone backbone, Set<String> kpiTopics, PrintWriter out) {
        this.gatewayMeters = backbone.gatewayMetrics().registry();
        this.oee = backbone.oee().streams();
        this.kpiTopics = kpiTopics;
        this.lag = new ConsumerLag(backbone.bootstrapServers());
        this.deadLetterMeters = new MeterRegistry[] {backbone.oeeMetrics().registry(),
            backbone.genealogyMetrics().registry(), backbone.erpMetrics().registry(), gatewayMeters};
        this.out = out;
    }

    /** Prints every {@code interval} until closed. */
    DemoStatusPrinter every(Duration interval) {
        timer = new StatusTimer("takt-demo-status", interval, this::print);
        return this;
    }

    synchronized void print() {
        Instant now = Instant.now();
        double delivered = count(gatewayMeters, "takt.edge.events.out");
        double written = kpisWritten();
        double deadLetters = 0;
        for (MeterRegistry meters : deadLetterMeters) {
            deadLetters += count(meters, "takt.dead.letters");
        }
        out.println(String.format(Locale.ROOT, "%s events %.0f/s (%,.0f) | KPIs %.0f/s (%,.0f) | lag %s | "
                        + "dead letters %.0f | oee %s",
                CLOCK.format(now), events.perSecond(delivered, now), delivered, kpis.perSecond(written, now), written,
                lagText(), deadLetters, oee.state()));
        out.flush();
    }

    private double kpisWritten() {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : oee.metrics().entrySet()) {
            MetricName name = metric.getKey();
            String topic = name.tags().get("topic");
            if (name.name().equals("record-send-total") && topic != null && kpiTopics.contains(topic)) {
                sum += ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return sum;
    }

    private String lagText() {
        try {
            Map<String, Long> groups = lag.byGroup();
            return groups.isEmpty() ? "-" : groups.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        } catch (Exception e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    private static double count(MeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
        lag.close();
    }
}
