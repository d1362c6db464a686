package io.takt.platform.kafka;

import java.time.Duration;

import org.apache.kafka.streams.KafkaStreams;

/** Waiting for a Kafka Streams app to run, as the services' callers (CLI, demo, tests) do after start. */
public final class StreamsRunning {

    private StreamsRunning() {
    }

    /** Waits until the stream threads run (all tasks restored and assigned), or the timeout passes. */
    public static boolean await(KafkaStreams streams, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state().hasCompletedShutdown()) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
