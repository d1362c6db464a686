package io.takt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.takt.schemas.OeeKpi;

/**
 * Writes a {@link LiveOeePlant}'s records to one topic in a thread of its own, key equipment id,
 * Avro values in the Confluent wire format as streams-oee writes them: either paced at a fixed rate,
 * each stamped and encoded as it goes, or a burst of records encoded beforehand, flat out. The same
 * work for the baseline's topic and the live topic; values are always encoded as for the live topic
 * (one subject, one schema id), so the same bytes can go to either.
 */
final class LiveOeeSender {

    /** Not yet: {@link System#nanoTime()} may be any long. */
    private static final long NOT_YET = Long.MIN_VALUE;

    private final String bootstrap;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile long startNanos = NOT_YET;
    private volatile long doneNanos = NOT_YET;
    private Thread thread;

    LiveOeeSender(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /** Records {@code first} to {@code first + count - 1}, one every 1/rate s, their send times into {@code times}. */
    LiveOeeSender paced(LiveOeePlant plant, Serializer<OeeKpi> values, String encodeAs, long first, long count,
                        int rate, SendTimes times) {
        return start(producer -> {
            for (long k = 0; k < count; k++) {
                // Due times from the start, not from the last send: a late send does not slow the rate down.
                long due = startNanos + k * 1_000_000_000L / rate;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                long n = first + k;
                byte[] value = values.serialize(encodeAs, plant.record(n, System.currentTimeMillis()));
                times.sent(n, System.nanoTime());
                send(producer, plant.key(n), value);
            }
        });
    }

    /** The records of {@code tape} (numbered from {@code first}) flat out. */
    LiveOeeSender burst(LiveOeePlant plant, long first, List<byte[]> tape) {
        return start(producer -> {
            for (int k = 0; k < tape.size(); k++) {
                send(producer, plant.key(first + k), tape.get(k));
            }
        });
    }

    /** Records {@code first} to {@code first + count - 1} encoded, all stamped {@code wallMillis}: a burst's tape. */
    static List<byte[]> tape(LiveOeePlant plant, Serializer<OeeKpi> values, String encodeAs, long first, int count,
                             long wallMillis) {
        List<byte[]> tape = new ArrayList<>(count);
        for (long n = first; n < first + count; n++) {
            tape.add(values.serialize(encodeAs, plant.record(n, wallMillis)));
        }
        return tape;
    }

    private interface Work {
        void sendAll(KafkaProducer<String, byte[]> producer);
    }

    private LiveOeeSender start(Work work) {
        thread = new Thread(() -> run(work), "dashboard-bench-sender");
        thread.setDaemon(true);
        startNanos = System.nanoTime();
        thread.start();
        return this;
    }

    private void run(Work work) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            work.sendAll(producer);
            producer.flush();
            doneNanos = System.nanoTime();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
        sent.incrementAndGet();
    }

    /** Records handed to the producer so far. */
    long sent() {
        return sent.get();
    }

    /** Whether every record is sent and acknowledged. */
    boolean done() {
        return doneNanos != NOT_YET;
    }

    long startNanos() {
        return startNanos;
    }

    /** When the last record was acknowledged (the producer flushed). */
    long doneNanos() {
        return doneNanos;
    }

    /** Throws what went wrong in the sending thread, if anything did. */
    void check() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("Sending live OEE records to " + topic + " failed: " + e, e);
        }
    }

    void join() throws InterruptedException {
        thread.join();
    }
}
