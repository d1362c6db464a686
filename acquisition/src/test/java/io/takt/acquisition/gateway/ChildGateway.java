package io.takt.acquisition.gateway;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.takt.acquisition.source.SourceStatus;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;

/**
 * The edge gateway in a JVM of its own, for the kill -9 test: {@code EdgeGateway.create(...).start()}
 * and nothing else until the JVM is stopped (SIGTERM closes it; SIGKILL does not).
 *
 * <p>It prints, as its side of the test's protocol on standard output:
 * <ul>
 * <li>{@code acked <n>} each time the gateway has written an event ahead to its buffer, i.e. once
 *     {@code append} returned (the {@code takt.edge.events.in} counter, which the outbox increments
 *     right after that), so the test knows how many events the gateway acknowledged when it is
 *     killed. The source hands samples over one at a time, so the next append starts only after
 *     this line is printed;</li>
 * <li>{@code status source=<state> samples=<n> undelivered=<n> kafka=<reachable> delivered=<n> dropped=<n>}
 *     every 100 ms.</li>
 * </ul>
 * Arguments: tag map, state directory, buffer directory, Kafka bootstrap servers, registry URL.
 */
public final class ChildGateway {

    private ChildGateway() {
    }

    public static void main(String[] args) throws InterruptedException {
        TaktConfig config = EdgeGateway.DEFINITION.validate(ConfigSources.builder().overrides(Map.of(
                "gateway.tag.map", args[0],
                "gateway.state.dir", args[1],
                "buffer.dir", args[2],
                "kafka.bootstrap.servers", args[3],
                "schema.registry.url", args[4])).build());
        SimpleMeterRegistry meters = new AcknowledgingMeters();
        EdgeGateway gateway = EdgeGateway.create(config, meters);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        gateway.start();
        while (true) {
            GatewayStatus status = gateway.status();
            SourceStatus source = status.sources().get(0);
            print("status source=" + source.state() + " samples=" + source.samples()
                    + " undelivered=" + status.delivery().undeliveredEvents()
                    + " kafka=" + status.delivery().kafkaReachable()
                    + " delivered=" + total(meters, "takt.edge.events.out")
                    + " dropped=" + total(meters, "takt.edge.events.dropped"));
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static long total(SimpleMeterRegistry meters, String counter) {
        return (long) meters.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }

    // The test's protocol: one line per call, flushed at once so that a kill loses no printed line.
    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Meters that print {@code acked <n>} on each increment of the outbox's events-in counter. */
    private static final class AcknowledgingMeters extends SimpleMeterRegistry {

        @Override
        protected Counter newCounter(Meter.Id id) {
            if (!id.getName().equals("takt.edge.events.in")) {
                return super.newCounter(id);
            }
            return new CumulativeCounter(id) {
                @Override
                public void increment(double amount) {
                    synchronized (ChildGateway.class) {
                        super.increment(amount);
                        print("acked " + (long) count());
                    }
                }
            };
        }
    }
}
