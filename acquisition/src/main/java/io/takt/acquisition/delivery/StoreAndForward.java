package io.takt.acquisition.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;

import io.takt.acquisition.delivery.buffer.BufferStats;
import io.takt.acquisition.delivery.buffer.DiskBuffer;
import io.takt.acquisition.delivery.buffer.FsyncPolicy;
import io.takt.acquisition.delivery.buffer.SerializedEvent;
import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.deadletter.DeadLetterMetrics;
import io.takt.platform.registry.SchemaRegistryClient;

/**
 * The gateway's {@link EventOutbox}: store and forward. {@link #append} writes each event ahead to
 * the local disk buffer and returns once it is durable, whether or not Kafka is reachable; a
 * forwarder thread delivers the buffer to Kafka in order, exactly once (transactions that commit
 * the buffer position with the events), draining any backlog when Kafka returns while live events
 * keep coming in behind it.
 *
 * <pre>{@code
 * TaktConfig config = StoreAndForward.DEFINITION.validate(sources);
 * try (StoreAndForward outbox = new StoreAndForward(config, registryClient, meterRegistry)) {
 *     outbox.start();
 *     outbox.append(new OutboundEvent(topic, equipmentId, machineStateChanged)); // then ack the source
 * }
 * }</pre>
 */
public final class StoreAndForward implements EventOutbox, AutoCloseable {

    /** Every setting it reads: {@link DeliveryConfig} keys and the platform's. */
    public static final ConfigDefinition DEFINITION = DeliveryConfig.DEFINITION;

    private static final Logger LOG = LoggerFactory.getLogger(StoreAndForward.class);
    private static final Duration HOUSEKEEPING_EVERY = Duration.ofSeconds(1);

    private final DeliverySettings settings;
    private final SchemaRegistryClient registry;
    private final ForwarderTuning tuning;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AvroBinary avro = new AvroBinary();
    /** The {@link #appendTogether} open on each thread, if any. */
    private final ThreadLocal<Together> together = new ThreadLocal<>();
    private DeliveryMetrics metrics;
    private volatile DiskBuffer buffer;
    private KafkaForwarder forwarder;
    private ScheduledExecutorService housekeeping;
    private boolean closed;

    /**
     * @param config   validated against {@link #DEFINITION} (or a definition that includes it)
     * @param registry the schema registry client; the caller closes it, after this outbox
     * @param meters   where the {@code takt.edge.*} meters go
     */
    public StoreAndForward(TaktConfig config, SchemaRegistryClient registry, MeterRegistry meters) {
        this(DeliverySettings.from(config), registry, meters, ForwarderTuning.DEFAULT, Clock.systemUTC());
    }

    StoreAndForward(DeliverySettings settings, SchemaRegistryClient registry, MeterRegistry meters,
                    ForwarderTuning tuning, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.tuning = tuning;
        this.clock = clock;
    }

    /**
     * Opens the buffer (recovering what an earlier run left) and starts delivering. Returns at once:
     * Kafka need not be reachable.
     *
     * @throws IllegalStateException if another gateway holds the buffer directory
     */
    public synchronized void start() {
        if (buffer != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        metrics = new DeliveryMetrics(meters, settings.gatewayId());
        DiskBuffer opened = DiskBuffer.open(settings.buffer(), clock, metrics::dropped);
        forwarder = new KafkaForwarder(opened, settings, tuning, registry, metrics, new DeadLetterMetrics(meters),
                clock);
        buffer = opened;
        metrics.bindGauges(this::status);
        forwarder.start();
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "takt-edge-buffer-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::housekeep, HOUSEKEEPING_EVERY.toMillis(),
                HOUSEKEEPING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Writes the event ahead; returns once it is durable (per {@code buffer.fsync}), so the source
     * may be acknowledged. Never waits for Kafka; under {@code buffer.overflow=block} waits while the
     * buffer is full.
     */
    @Override
    public void append(OutboundEvent event) {
        Together together = this.together.get();
        if (together == null) {
            started().append(serialize(event));
        } else {
            together.wrote(started().write(serialize(event)));
        }
        metrics.appended(1);
    }

    /**
     * Runs {@code work}; its appends are written at once and this waits once, at the end, for the
     * last of them to be durable. With {@code buffer.fsync=every-batch} the group commit forces
     * what is written while {@code work} goes on, so a burst costs about one fsync, not one per
     * event. Under {@code every-record} each append still forces on its own; under {@code none}
     * there is nothing to wait for. Nested calls join the outermost.
     */
    @Override
    public void appendTogether(Runnable work) {
        if (together.get() != null || settings.buffer().fsync() != FsyncPolicy.EVERY_BATCH) {
            work.run();
            return;
        }
        Together opened = new Together();
        together.set(opened);
        try {
            work.run();
        } finally {
            together.remove();
        }
        if (opened.last >= 0) {
            started().awaitDurable(opened.last);
        }
    }

    /** Writes a burst ahead with one fsync; returns once all are durable. */
    public void appendAll(List<OutboundEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<SerializedEvent> serialized = new ArrayList<>(events.size());
        for (OutboundEvent event : events) {
            serialized.add(serialize(event));
        }
        started().appendAll(serialized);
        metrics.appended(events.size());
    }

    private SerializedEvent serialize(OutboundEvent event) {
        return new SerializedEvent(event.topic(), event.key(), event.value().getSchema(), avro.encode(event.value()));
    }

    private DiskBuffer started() {
        DiskBuffer current = buffer;
        if (current == null) {
            throw new IllegalStateException("StoreAndForward is not started");
        }
        return current;
    }

    /** Where delivery stands and what waits; for health checks and gauges. */
    public DeliveryStatus status() {
        DiskBuffer current = buffer;
        KafkaForwarder delivery = forwarder;
        if (current == null || delivery == null) {
            return new DeliveryStatus(closed ? DeliveryState.STOPPED : DeliveryState.STARTING, false, 0, 0,
                    Duration.ZERO);
        }
        BufferStats stats = current.stats();
        Optional<Instant> oldest = delivery.oldestInFlight().or(stats::oldestUndelivered);
        Duration age = stats.undeliveredEvents() == 0 ? Duration.ZERO
                : oldest.map(t -> Duration.between(t, clock.instant())).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
        return new DeliveryStatus(delivery.state(), delivery.kafkaReachable(), stats.undeliveredEvents(),
                stats.bytesOnDisk(), age);
    }

    public DeliverySettings settings() {
        return settings;
    }

    private void housekeep() {
        try {
            buffer.expire();
            buffer.saveCheckpoint();
        } catch (RuntimeException e) {
            LOG.warn("Edge buffer housekeeping failed: {}", e.toString());
        }
    }

    /** Stops delivery after the transaction in progress, then closes the buffer. Events not yet delivered stay on disk. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (forwarder != null) {
            forwarder.close();
        }
        if (buffer != null) {
            buffer.close();
        }
        if (metrics != null) {
            metrics.unbind();
        }
    }

    /** The appends of one {@link #appendTogether}: the position of the last, -1 before the first. */
    private static final class Together {
        private long last = -1;

        void wrote(long position) {
            last = position;
        }
    }
}
