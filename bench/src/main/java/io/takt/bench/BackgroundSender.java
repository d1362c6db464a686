package io.takt.bench;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A benchmark's load: records sent to one topic from a thread of its own, by a producer tuned for
 * throughput ({@code acks=all}, 5 ms linger, 128 KiB batches). Counts what it handed to the producer,
 * knows when it started and when the last record was acknowledged, and keeps the first failure for
 * the benchmark's thread to throw ({@link #check()}).
 *
 * @param <V> the record values
 */
abstract class BackgroundSender<V> {

    /** Not yet: {@link System#nanoTime()} may be any long. */
    private static final long NOT_YET = Long.MIN_VALUE;

    private final String bootstrap;
    private final String topic;
    private final String what;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile long startNanos = NOT_YET;
    private volatile long doneNanos = NOT_YET;
    private Thread thread;

    /** {@code what} names the records in a failure, e.g. "the movements". */
    BackgroundSender(String bootstrap, String topic, String what) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.what = what;
    }

    /** What the thread sends, with {@link #send}; the producer is flushed after it. */
    interface Work<V> {
        void sendAll(KafkaProducer<String, V> producer);
    }

    /** Starts sending in a daemon thread named {@code threadName}. */
    final void start(String threadName, Serializer<V> values, Work<V> work) {
        thread = new Thread(() -> run(values, work), threadName);
        thread.setDaemon(true);
        startNanos = System.nanoTime();
        thread.start();
    }

    private void run(Serializer<V> values, Work<V> work) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024),
                new StringSerializer(), values)) {
            work.sendAll(producer);
            producer.flush();
            doneNanos = System.nanoTime();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Hands one record to the producer; a failed send is kept for {@link #check()}. */
    final void send(KafkaProducer<String, V> producer, String key, V value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
        sent.incrementAndGet();
    }

    /** Records handed to the producer so far. */
    final long sent() {
        return sent.get();
    }

    /** Whether every record is sent and acknowledged. */
    final boolean done() {
        return doneNanos != NOT_YET;
    }

    final long startNanos() {
        return startNanos;
    }

    /** When the last record was acknowledged (the producer flushed). */
    final long doneNanos() {
        return doneNanos;
    }

    /** Throws what went wrong in the sending thread, if anything did. */
    final void check() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("Sending " + what + " to " + topic + " failed: " + e, e);
        }
    }

    final void join() throws InterruptedException {
        thread.join();
    }
}
