package io.takt.erp.confirm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.takt.erp.ErpDatabase;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.http.ReadinessCheck;
import io.takt.platform.http.ServiceMetrics;

/**
 * The way back into the ERP, as one part of the connector: the stream that derives confirmations
 * from the machine events, and the sink that upserts them into the ERP's table.
 */
public final class Confirmations implements AutoCloseable {

    private final ConfirmationStream stream;
    private final Optional<ConfirmationSink> sink;
    private final MeterRegistry meters;

    private Confirmations(ConfirmationStream stream, Optional<ConfirmationSink> sink, MeterRegistry meters) {
        this.stream = stream;
        this.sink = sink;
        this.meters = meters;
    }

    /**
     * @param table    the ERP's confirmation table, e.g. {@code erp.confirmation}
     * @param interval how often a running order's confirmation goes out at most
     * @param stateDir the connector's state dir: the stream's stores and the sink's offsets go below it
     * @param sinkHere whether the sink runs in this process (else a Kafka Connect cluster runs it)
     */
    public static Confirmations start(PlatformConfig platform, ErpDatabase database, ConfirmationTerms terms,
                                      String table, Duration interval, Path stateDir, boolean sinkHere,
                                      ServiceMetrics metrics) {
        ConfirmationStream stream = ConfirmationStream.start(platform, terms,
                "takt-erp-confirmations-" + platform.site(), stateDir.resolve("streams"), interval, metrics);
        try {
            Optional<ConfirmationSink> sink = sinkHere
                    ? Optional.of(ConfirmationSink.start(platform, database, table, stateDir)) : Optional.empty();
            return new Confirmations(stream, sink, metrics.registry());
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** For the status line, e.g. "confirmations: 1,234 count(s) booked, stream RUNNING, sink RUNNING". */
    public String status() {
        String written = sink.map(here -> here.status().map(Confirmations::describe).orElse("starting"))
                .orElse("external (Kafka Connect cluster)");
        return String.format(Locale.ROOT, "confirmations: %,d count(s) booked, stream %s, sink %s", booked(),
                stream.state(), written);
    }

    /** Ready while the confirmation stream runs (or rebalances, as every stream app's readiness allows). */
    public ReadinessCheck readiness() {
        return stream.readiness();
    }

    private long booked() {
        Counter applied = meters.find("takt.erp.confirmation.counts").tag("outcome", "applied").counter();
        return applied == null ? 0 : (long) applied.count();
    }

    private static String describe(ConnectorStateInfo info) {
        String tasks = info.tasks().stream().map(task -> task.state().equals("FAILED")
                ? "task FAILED: " + firstLine(task.trace()) : "task " + task.state())
                .reduce((a, b) -> a + ", " + b).orElse("no task yet");
        return info.connector().state() + " (" + tasks + ")";
    }

    private static String firstLine(String trace) {
        return trace == null ? "" : trace.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        sink.ifPresent(ConfirmationSink::close);
        stream.close();
    }
}
