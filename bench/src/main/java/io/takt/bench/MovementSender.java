package io.takt.bench;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.takt.platform.serde.TaktSerdes;
import io.takt.schemas.MaterialMovement;

/**
 * Sends a plant's movements flat out to one topic, key lot id, Avro values as a gateway writes them,
 * in a thread of its own: the same work for the baseline and for the genealogy's input.
 */
final class MovementSender {

    /** Not yet: {@link System#nanoTime()} may be any long. */
    private static final long NOT_YET = Long.MIN_VALUE;

    private final String bootstrap;
    private final Map<String, ?> serdeConfig;
    private final String topic;
    private final LotFlow flow;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile long startNanos = NOT_YET;
    private volatile long doneNanos = NOT_YET;
    private Thread thread;

    MovementSender(String bootstrap, Map<String, ?> serdeConfig, String topic, LotFlow flow) {
        this.bootstrap = bootstrap;
        this.serdeConfig = serdeConfig;
        this.topic = topic;
        this.flow = flow;
    }

    MovementSender start() {
        thread = new Thread(this::send, "genealogy-bench-sender");
        thread.setDaemon(true);
        startNanos = System.nanoTime();
        thread.start();
        return this;
    }

    private void send() {
        try (KafkaProducer<String, MaterialMovement> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024),
                new StringSerializer(), TaktSerdes.specific(MaterialMovement.class, serdeConfig, false).serializer())) {
            flow.forEach(movement -> {
                producer.send(new ProducerRecord<>(topic, movement.getLotId(), movement), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                sent.incrementAndGet();
            });
            producer.flush();
            doneNanos = System.nanoTime();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Movements handed to the producer so far. */
    long sent() {
        return sent.get();
    }

    /** Whether every movement is sent and acknowledged. */
    boolean done() {
        return doneNanos != NOT_YET;
    }

    long startNanos() {
        return startNanos;
    }

    /** When the last movement was acknowledged (the producer flushed). */
    long doneNanos() {
        return doneNanos;
    }

    /** Throws what went wrong in the sending thread, if anything did. */
    void check() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("Sending the movements to " + topic + " failed: " + e, e);
        }
    }

    void join() throws InterruptedException {
        thread.join();
    }
}
