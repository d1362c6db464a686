package io.takt.acquisition.delivery;

import io.takt.acquisition.source.Backoff;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.delivery.buffer.BufferReader;
import io.takt.acquisition.delivery.buffer.BufferedEvent;
import io.takt.acquisition.delivery.buffer.DiskBuffer;
import io.takt.platform.deadletter.DeadLetter;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.deadletter.DeadLetterPublisher;
import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryException;
import io.takt.platform.serde.ConfluentWireFormat;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;

/**
 * Delivers the buffer to Kafka, in order, exactly once. One thread reads a batch from the buffer,
 * frames each value in Confluent's wire format, and sends the batch together with the buffer
 * position after it in one transaction of a producer whose {@code transactional.id} is stable per
 * gateway. After a crash, the new producer's {@code initTransactions()} ends the old one's open
 * transaction, and the position Kafka then holds says exactly where to go on: events and position
 * became visible together or not at all.
 *
 * <p>While Kafka (or the registry) is away, the same batch is retried forever with capped
 * exponential backoff; appends go on into the buffer. An event that can never be sent goes to the
 * dead-letter topic, in the same transaction, and the queue moves on.
 */
final class KafkaForwarder implements AutoCloseable {

    /** The app name on dead letters. */
    static final String APP = "takt-edge";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaForwarder.class);
    /** Key, headers and record framing beyond key and value, generously: keeps the size check on the safe side. */
    private static final int RECORD_OVERHEAD = 256;

    private final DiskBuffer buffer;
    private final BufferReader reader;
    private final DeliverySettings settings;
    private final ForwarderTuning tuning;
    private final SchemaIds schemaIds;
    private final CommittedPositions positions;
    private final EdgeDeadLetters deadLetterForm;
    private final DeliveryMetrics metrics;
    private final DeadLetterMetrics deadLetterMetrics;
    private final Clock clock;
    private final Map<String, Object> producerConfigs;
    private final int maxRequestSize;
    private final TopicCatalogue catalogue;
    private final Backoff backoff;
    /** Events Kafka refused for good in an earlier attempt, by position: the next attempt dead-letters them. */
    private final Map<Long, Throwable> refused = new HashMap<>();
    private final Object pause = new Object();
    private final Thread thread;

    private volatile boolean running;
    private volatile DeliveryState state = DeliveryState.STARTING;
    private volatile boolean kafkaReachable;
    private volatile Batch pending;
    private Admin admin;
    private Producer<byte[], byte[]> producer;
    private DeadLetterPublisher deadLetters;
    private boolean topicsReady;
    private Instant troubleSince;

    KafkaForwarder(DiskBuffer buffer, DeliverySettings settings, ForwarderTuning tuning, SchemaRegistryClient registry,
                   DeliveryMetrics metrics, DeadLetterMetrics deadLetterMetrics, Clock clock) {
        this.buffer = buffer;
        this.reader = buffer.reader();
        this.settings = settings;
        this.tuning = tuning;
        this.schemaIds = new SchemaIds(registry, clock);
        this.positions = new CommittedPositions(settings.offsetsTopic(), settings.gatewayId());
        this.deadLetterForm = new EdgeDeadLetters(settings.gatewayId());
        this.metrics = metrics;
        this.deadLetterMetrics = deadLetterMetrics;
        this.clock = clock;
        this.producerConfigs = ForwarderClients.producer(settings, tuning);
        this.maxRequestSize = ForwarderClients.maxRequestSize(producerConfigs);
        this.catalogue = TopicCatalogue.from(settings.platform());
        this.backoff = new Backoff(tuning.backoffInitial(), tuning.backoffMax());
        this.thread = new Thread(this::run, "takt-edge-forwarder-" + settings.gatewayId());
        this.thread.setDaemon(true);
    }

    void start() {
        running = true;
        thread.start();
    }

    DeliveryState state() {
        return state;
    }

    boolean kafkaReachable() {
        return kafkaReachable;
    }

    /** When the first event of the batch in flight was appended; empty if none is in flight. */
    Optional<Instant> oldestInFlight() {
        Batch batch = pending;
        return batch == null ? Optional.empty() : Optional.of(batch.firstAppendTime());
    }

    private void run() {
        try {
            while (running) {
                try {
                    step();
                } catch (RuntimeException e) {
                    if (!running || !recover(e)) {
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } finally {
            closeProducer();
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            reader.close();
            if (state != DeliveryState.FENCED) {
                state = DeliveryState.STOPPED;
            }
        }
    }

    /** One round: connect if need be, take a batch (or keep the one that failed) and deliver it. */
    private void step() throws InterruptedException {
        if (producer == null) {
            openSession();
        }
        Batch batch = pending;
        if (batch == null) {
            List<BufferedEvent> events = poll();
            if (events.isEmpty()) {
                healthy(); // connected, and nothing waits
                return;
            }
            batch = new Batch(events);
            pending = batch;
        }
        List<Outgoing> outgoing = prepare(batch);
        send(batch, outgoing);
        delivered(batch);
    }

    private List<BufferedEvent> poll() throws InterruptedException {
        try {
            return reader.poll(tuning.maxBatchEvents(), tuning.maxBatchBytes(), tuning.pollTimeout());
        } catch (RuntimeException e) {
            throw new BufferReadException(e);
        }
    }

    /**
     * Starts a transactional producer and finds where delivery stands. {@code initTransactions()}
     * first completes or aborts whatever transaction a former producer of this gateway left open,
     * so the committed position read after it is the truth.
     */
    private void openSession() {
        if (admin == null) {
            admin = Admin.create(ForwarderClients.admin(settings, tuning));
        }
        if (!topicsReady) {
            new TopicProvisioner(admin, tuning.kafkaTimeout()).provision(List.of(
                    positions.topicSpec(settings.platform().topicReplicationFactor()), catalogue.deadLetter()));
            topicsReady = true;
        }
        Producer<byte[], byte[]> fresh = new KafkaProducer<>(producerConfigs);
        try {
            fresh.initTransactions();
            Optional<CommittedPositions.Committed> committed;
            try (Consumer<byte[], byte[]> consumer =
                         new KafkaConsumer<>(ForwarderClients.positionsConsumer(settings, tuning))) {
                committed = positions.read(admin, consumer, tuning.kafkaTimeout());
            }
            resumeFrom(startPosition(committed));
        } catch (RuntimeException e) {
            fresh.close(Duration.ZERO);
            throw e;
        }
        producer = fresh;
        deadLetters = new DeadLetterPublisher(fresh, catalogue.deadLetter().name(), APP, deadLetterMetrics);
        kafkaReachable = true;
        if (state == DeliveryState.STARTING) {
            LOG.info("Connected to Kafka as {}: delivering from buffer position #{} ({} event(s) waiting)",
                    settings.transactionalId(), reader.position(), buffer.stats().undeliveredEvents());
        }
    }

    private long startPosition(Optional<CommittedPositions.Committed> committed) {
        long local = buffer.stats().ackedPosition();
        if (committed.isEmpty()) {
            LOG.info("No position of gateway {} committed in {} yet: delivering from the buffer's checkpoint #{}",
                    settings.gatewayId(), positions.topic(), local);
            return local;
        }
        CommittedPositions.Committed position = committed.get();
        if (!position.bufferId().equals(buffer.bufferId())) {
            LOG.warn("The position #{} committed in {} for gateway {} belongs to buffer {}, not to this buffer {}"
                            + " (was {} replaced?): delivering from this buffer's checkpoint #{}", position.position(),
                    positions.topic(), settings.gatewayId(), position.bufferId(), buffer.bufferId(),
                    settings.buffer().dir(), local);
            return local;
        }
        return position.position();
    }

    /** Lines the reader (and the batch in flight, if any) up with the position Kafka has committed. */
    private void resumeFrom(long position) {
        Batch batch = pending;
        if (batch != null && position >= batch.end()) {
            LOG.info("The transaction of events #{} to #{} did commit before the connection failed",
                    batch.first(), batch.end() - 1);
            delivered(batch);
        } else if (batch != null && position == batch.first()) {
            return; // not committed: send the same batch again
        } else {
            pending = null;
        }
        if (reader.position() != position) {
            reader.seek(position);
        }
        buffer.acknowledge(position);
    }

    /** Frames each event, or makes it a dead letter if it can never be sent. Asks the registry, never Kafka. */
    private List<Outgoing> prepare(Batch batch) {
        List<Outgoing> outgoing = new ArrayList<>(batch.events.size());
        for (BufferedEvent event : batch.events) {
            outgoing.add(prepare(event));
        }
        batch.toTopics = (int) outgoing.stream().filter(o -> o.record() != null).count();
        return outgoing;
    }

    private Outgoing prepare(BufferedEvent event) {
        Throwable refusal = refused.get(event.position());
        if (refusal != null) {
            return Outgoing.dead(deadLetterForm.of(event, EdgeDeadLetters.reasonFor(refusal), refusal));
        }
        if (event.writerSchema() == null) {
            return Outgoing.dead(deadLetterForm.of(event, EdgeDeadLetters.SCHEMA_MISSING, new IllegalStateException(
                    "The writer schema of " + event + " is lost from the buffer and not on the classpath")));
        }
        int schemaId;
        try {
            schemaId = schemaIds.idFor(event.topic(), event.writerSchema());
        } catch (SchemaRegistryException e) {
            if (DeliveryFailure.schemaRejected(e)) {
                return Outgoing.dead(deadLetterForm.of(event, EdgeDeadLetters.SCHEMA_REJECTED, e));
            }
            throw e;
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("Schema registry call failed: " + e.getMessage(), e);
        }
        byte[] key = event.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = ConfluentWireFormat.frame(schemaId, event.value());
        if (key.length + value.length + RECORD_OVERHEAD > maxRequestSize) {
            return Outgoing.dead(deadLetterForm.of(event, EdgeDeadLetters.RECORD_TOO_LARGE,
                    new RecordTooLargeException("Event of " + value.length
                            + " bytes exceeds the producer's max.request.size of " + maxRequestSize + " bytes")));
        }
        return new Outgoing(new ProducerRecord<>(event.topic(), null, event.appendTime().toEpochMilli(), key, value),
                null);
    }

    /** One transaction: the events (and dead letters) in order, then the position after them. */
    private void send(Batch batch, List<Outgoing> outgoing) {
        Map<Long, Exception> failures = new ConcurrentHashMap<>();
        try {
            producer.beginTransaction();
            for (int i = 0; i < outgoing.size(); i++) {
                Outgoing next = outgoing.get(i);
                if (next.deadLetter() != null) {
                    deadLetters.publish(next.deadLetter());
                } else {
                    long position = batch.events.get(i).position();
                    producer.send(next.record(), (metadata, error) -> {
                        if (error != null) {
                            failures.putIfAbsent(position, error);
                        }
                    });
                }
            }
            producer.send(positions.record(buffer.bufferId(), batch.end()));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            if (noteRefusals(failures)) {
                throw new RefusedEvents(e);
            }
            throw e;
        }
    }

    /** Remembers the events Kafka refused for good; true if there were any. */
    private boolean noteRefusals(Map<Long, Exception> failures) {
        boolean any = false;
        for (Map.Entry<Long, Exception> failure : failures.entrySet()) {
            if (DeliveryFailure.of(failure.getValue()) == DeliveryFailure.UNDELIVERABLE) {
                LOG.warn("Kafka refused event #{} for good ({}): it goes to the dead-letter topic on the next attempt",
                        failure.getKey(), failure.getValue().toString());
                refused.put(failure.getKey(), failure.getValue());
                any = true;
            }
        }
        return any;
    }

    private void delivered(Batch batch) {
        buffer.acknowledge(batch.end());
        refused.keySet().removeIf(position -> position < batch.end());
        metrics.delivered(batch.toTopics);
        pending = null;
        healthy();
    }

    /** A round went well: whatever trouble there was is over. */
    private void healthy() {
        backoff.reset();
        kafkaReachable = true;
        enter(DeliveryState.DELIVERING, null);
    }

    /** Handles a failed round; false if delivery must stop. */
    private boolean recover(RuntimeException error) throws InterruptedException {
        if (error instanceof RefusedEvents) {
            closeProducer(); // the aborted transaction is cleaned up by the next initTransactions()
            return true;
        }
        DeliveryFailure failure = DeliveryFailure.of(error);
        if (failure == DeliveryFailure.FENCED) {
            closeProducer();
            enter(DeliveryState.FENCED, error);
            return false;
        }
        if (failure == DeliveryFailure.REGISTRY_UNAVAILABLE) {
            enter(DeliveryState.REGISTRY_UNREACHABLE, error); // no transaction was begun: the producer stays
        } else if (failure == DeliveryFailure.BUFFER_UNREADABLE) {
            enter(DeliveryState.BUFFER_UNREADABLE, error);
        } else {
            closeProducer();
            kafkaReachable = false;
            enter(DeliveryState.KAFKA_UNREACHABLE, error);
        }
        metrics.retried();
        Duration wait = backoff.next();
        LOG.debug("Delivery attempt failed ({}); next in {} ms", error.toString(), wait.toMillis());
        synchronized (pause) {
            if (running) {
                pause.wait(Math.max(1, wait.toMillis()));
            }
        }
        return true;
    }

    /** Logs a change of state once: trouble and recovery at WARN, so that each outage shows as two lines. */
    private void enter(DeliveryState next, Throwable cause) {
        DeliveryState previous = state;
        if (previous == next) {
            return;
        }
        state = next;
        long waiting = buffer.stats().undeliveredEvents();
        switch (next) {
            case DELIVERING -> {
                if (troubleSince != null) {
                    LOG.warn("Delivery to Kafka resumed, {} s after the first failed attempt: draining {} buffered"
                            + " event(s) in order", Duration.between(troubleSince, clock.instant()).toSeconds(), waiting);
                    troubleSince = null;
                }
            }
            case BUFFER_UNREADABLE -> {
                troubleSince = troubleSince == null ? clock.instant() : troubleSince;
                LOG.error("Cannot read the edge buffer in {} back ({}): delivery waits, {} event(s) undelivered;"
                        + " retrying with backoff", settings.buffer().dir(), rootMessage(cause), waiting, cause);
            }
            case KAFKA_UNREACHABLE, REGISTRY_UNREACHABLE -> {
                troubleSince = troubleSince == null ? clock.instant() : troubleSince;
                LOG.warn("{} ({}): acquisition goes on, {} event(s) wait in the edge buffer; retrying with backoff up"
                                + " to {} s", next == DeliveryState.KAFKA_UNREACHABLE ? "Kafka is unreachable"
                                : "The schema registry is unreachable", rootMessage(cause), waiting,
                        backoff.max().toSeconds());
            }
            case FENCED -> LOG.error("Delivery stopped: another process uses transactional.id {} (gateway.id {} twice"
                    + " at site {}?). Events stay in the edge buffer ({} waiting) until this gateway restarts",
                    settings.transactionalId(), settings.gatewayId(), settings.site(), waiting);
            default -> { }
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.toString() : error + ", caused by " + root;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
            deadLetters = null;
        }
    }

    /** Stops after the transaction in progress, if Kafka lets it finish in time. */
    @Override
    public void close() {
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
        try {
            thread.join(tuning.kafkaTimeout().plusSeconds(5).toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events taken from the buffer for one transaction; kept until it commits. */
    private static final class Batch {
        final List<BufferedEvent> events;
        /** How many went to their topic rather than to the dead-letter topic. */
        int toTopics;

        Batch(List<BufferedEvent> events) {
            this.events = List.copyOf(events);
        }

        long first() {
            return events.get(0).position();
        }

        /** The position after the batch: what the transaction commits. */
        long end() {
            return events.get(events.size() - 1).position() + 1;
        }

        Instant firstAppendTime() {
            return events.get(0).appendTime();
        }
    }

    /** An event framed for its topic, or its dead letter. */
    private record Outgoing(ProducerRecord<byte[], byte[]> record, DeadLetter deadLetter) {
        static Outgoing dead(DeadLetter letter) {
            return new Outgoing(null, letter);
        }
    }

    /** Kafka refused some events of the batch for good; they are noted, and the batch is retried at once. */
    private static final class RefusedEvents extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedEvents(Throwable cause) {
            super(cause);
        }
    }
}
