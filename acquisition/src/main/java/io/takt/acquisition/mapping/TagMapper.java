package io.takt.acquisition.mapping;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.delivery.EventOutbox;
import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.tagmap.TagDefinition;
import io.takt.acquisition.tagmap.TagMap;
import io.takt.platform.topic.TopicCatalogue;

/**
 * Gives tag samples their meaning by the tag map and appends the resulting canonical events
 * (machine states, production counts, material movements, quality results) to the outbox.
 *
 * <p>Thread-safe: sources call it from their own threads. The samples of one machine are mapped one
 * at a time under that machine's lock (its events reach the outbox in sequence order); different
 * machines are mapped in parallel. Close it to stop the debounce timer.
 */
public final class TagMapper implements TagListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TagMapper.class);
    private static final Duration MIN_TICK = Duration.ofMillis(50);

    /**
     * By source id, then address: the sample's own strings (the same instances every time, their
     * hashes cached) find the channel, where a joined key would be built and hashed per sample.
     */
    private final Map<String, Map<String, TagChannel>> channels = new HashMap<>();
    private final Map<String, EquipmentContext> contexts = new LinkedHashMap<>();
    private final LatestValues latest = new LatestValues();
    private final WarnOnce warnings = new WarnOnce();
    private final Clock clock;
    private final EventOutbox outbox;
    private final ScheduledExecutorService timer;

    /**
     * @param map       the validated tag map
     * @param topics    the site's topics; its site must be the tag map's
     * @param outbox    where events go
     * @param sequences the gateway's sequence numbers
     */
    public TagMapper(TagMap map, TopicCatalogue topics, EventOutbox outbox, SequenceStore sequences) {
        this(map, topics, outbox, sequences, Clock.systemUTC());
    }

    TagMapper(TagMap map, TopicCatalogue topics, EventOutbox outbox, SequenceStore sequences, Clock clock) {
        if (!topics.site().equals(map.gateway().site())) {
            throw new IllegalArgumentException("Tag map " + map.file() + " is for site '" + map.gateway().site()
                    + "' but the topics are site '" + topics.site() + "'");
        }
        this.clock = clock;
        this.outbox = outbox;
        EventWriter writer = new EventWriter(map.gateway().id(), topics, outbox, sequences);
        map.equipment().values().forEach(e -> contexts.put(e.id(), new EquipmentContext(e)));
        for (TagDefinition tag : map.tags()) {
            writer.register(tag);
            channels.computeIfAbsent(tag.source(), source -> new HashMap<>())
                    .put(tag.address(), channel(tag, contexts.get(tag.equipment()), writer));
        }
        this.timer = startTimer(map);
    }

    @Override
    public void onSample(TagSample sample) {
        Map<String, TagChannel> ofSource = channels.get(sample.sourceId());
        TagChannel channel = ofSource == null ? null : ofSource.get(sample.address());
        if (channel == null) {
            if (warnings.first("unmapped " + key(sample.sourceId(), sample.address()))) {
                LOG.warn("Source {} delivered tag {}, which the tag map does not name; ignored", sample.sourceId(),
                        sample.address());
            }
            return;
        }
        EquipmentContext context = channel.context();
        synchronized (context) {
            latest.record(sample);
            channel.accept(sample);
        }
    }

    /**
     * Maps the samples in order, as {@link #onSample} does one by one, and returns once the events
     * of all of them are durable: one group commit for the burst rather than a wait per event.
     */
    @Override
    public void onSamples(List<TagSample> samples) {
        outbox.appendTogether(() -> samples.forEach(this::onSample));
    }

    @Override
    public void onConnection(String sourceId, ConnectionState state, String detail) {
        LOG.debug("Source {} is {}{}", sourceId, state, detail == null ? "" : ": " + detail);
    }

    /** Reports the debounced states that have held long enough by now; the timer calls it. */
    void flushDue() {
        var now = clock.instant();
        for (EquipmentContext context : contexts.values()) {
            synchronized (context) {
                context.stateTags().forEach(s -> s.flushDue(now));
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private TagChannel channel(TagDefinition tag, EquipmentContext context, EventWriter writer) {
        return switch (tag.role()) {
            case STATE -> {
                StateTag state = new StateTag(tag, context, writer, warnings);
                context.addStateTag(state);
                yield state;
            }
            case GOOD_COUNT, REJECT_COUNT, REWORK_COUNT -> new CounterTag(tag, context, writer, warnings);
            case LOT_IN, LOT_OUT -> new LotTag(tag, context, writer, latest);
            case QUALITY -> new QualityTag(tag, context, writer, latest, warnings);
            case PRODUCT, WORK_ORDER, MODE, REASON, ATTRIBUTE -> new ContextTag(tag, context);
        };
    }

    // Sources that report only changes send nothing more while a new state holds, so a timer has to
    // find debounced states due. It ticks at a quarter of the shortest debounce: late by at most that.
    private ScheduledExecutorService startTimer(TagMap map) {
        Duration shortest = map.tags().stream().map(TagDefinition::debounce).filter(d -> !d.isZero())
                .min(Duration::compareTo).orElse(null);
        if (shortest == null) {
            return null;
        }
        long tick = Math.max(MIN_TICK.toMillis(), shortest.toMillis() / 4);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tag-mapper-debounce");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::flushSafely, tick, tick, TimeUnit.MILLISECONDS);
        return executor;
    }

    private void flushSafely() {
        try {
            flushDue();
        } catch (RuntimeException e) {
            LOG.error("Reporting debounced states failed; will retry on the next tick", e);
        }
    }

    private static String key(String sourceId, String address) {
        return sourceId + "\u0000" + address;
    }
}
