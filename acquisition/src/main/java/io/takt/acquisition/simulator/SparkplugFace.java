package io.takt.acquisition.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.takt.acquisition.mqtt.MqttConnectionSettings;
import io.takt.acquisition.mqtt.sparkplug.SparkplugDataType;
import io.takt.acquisition.mqtt.sparkplug.SparkplugEdgeNode;
import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.Plant;
import io.takt.acquisition.simulator.plant.PlantListener;
import io.takt.acquisition.simulator.plant.TagDefinition;
import io.takt.acquisition.simulator.plant.TagType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's Sparkplug B face, as each line's edge gateway would publish it: one edge node per
 * line (edge node id = line id), one device per mirrored machine (device id = machine name), its tags
 * as metrics under their own names, through an MQTT broker.
 *
 * <pre>
 * spBv1.0/&lt;group&gt;/NBIRTH/&lt;line&gt;             bdSeq, Node Control/Rebirth
 * spBv1.0/&lt;group&gt;/DBIRTH/&lt;line&gt;/&lt;machine&gt;   every tag with its current value, type and alias
 * spBv1.0/&lt;group&gt;/DDATA/&lt;line&gt;/&lt;machine&gt;    the tags that changed at one instant, by alias
 * spBv1.0/&lt;group&gt;/NDEATH/&lt;line&gt;             on close, or the broker's will if the face vanishes
 * </pre>
 * Messages and metrics are stamped with simulated time, like the OPC UA face's source timestamps.
 * Every connect (and a host's rebirth request) brings births with the current values.
 */
public final class SparkplugFace implements PlantListener, AutoCloseable {

    /** The group id unless another is given. */
    public static final String DEFAULT_GROUP_ID = "TaktPlant";
    /** The client id {@link #start(String, int)} gives; each line's connection adds {@code -<line>}. */
    public static final String DEFAULT_CLIENT_ID = "takt-simulator";

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugFace.class);
    private static final long CLOSE_WAIT_MS = 5000;

    private final Plant plant;
    private final String groupId;
    private final Map<String, MachineDescription> machines = new LinkedHashMap<>();
    private final Map<String, SparkplugEdgeNode> lines = new LinkedHashMap<>();
    private final PublishedTime time = new PublishedTime();
    // Changes heard on the plant's thread wait here for the publisher thread, which sends them in order.
    private final Queue<MachineUpdate.TagChange> heard = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final ThreadPoolExecutor publisher;
    private boolean started;

    /** Mirrors {@code machines} of {@code plant} in group {@value #DEFAULT_GROUP_ID}; nothing is sent before start. */
    public SparkplugFace(Plant plant, List<MachineDescription> machines) {
        this(plant, machines, DEFAULT_GROUP_ID);
    }

    /** Mirrors {@code machines} of {@code plant} in Sparkplug group {@code groupId}; nothing is sent before start. */
    public SparkplugFace(Plant plant, List<MachineDescription> machines, String groupId) {
        this.plant = Objects.requireNonNull(plant, "plant");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        machines.forEach(m -> this.machines.put(m.id(), m));
        // Changes that arrive while closing (the listener is being removed) are dropped, not rejected.
        this.publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "sparkplug-face-" + groupId);
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Publishes through the broker at {@code host:port}, anonymously, as clients {@code takt-simulator-<line>}. */
    public SparkplugFace start(String host, int port) {
        return start(MqttConnectionSettings.of(host, port, DEFAULT_CLIENT_ID));
    }

    /**
     * Publishes through the broker {@code connection} names, one connection per line with client id
     * {@code <client id>-<line>}; connects in the background and keeps reconnecting until closed.
     *
     * @throws IllegalArgumentException if the group id is not a valid Sparkplug id (no '/', '+', '#')
     */
    public synchronized SparkplugFace start(MqttConnectionSettings connection) {
        if (started || publisher.isShutdown()) {
            throw new IllegalStateException("Sparkplug face already started or closed");
        }
        // The plant's methods and its listener callbacks all hold the plant's lock (its monitor), so
        // holding it here makes reading the births' values and starting to listen one step: no change
        // is missed between them, and none is replayed over newer values.
        synchronized (plant) {
            time.advanceTo(plant.now());
            Map<String, SparkplugEdgeNode.Builder> builders = new LinkedHashMap<>();
            for (MachineDescription machine : machines.values()) {
                defineDevice(builders.computeIfAbsent(machine.line(), line -> SparkplugEdgeNode.builder(
                        connection.withClientId(connection.clientId() + "-" + line), groupId, line).clock(time)),
                        machine);
            }
            builders.forEach((line, builder) -> lines.put(line, builder.build()));
            plant.addListener(this);
        }
        started = true;
        lines.values().forEach(SparkplugEdgeNode::start);
        LOG.info("Sparkplug face: {} machines on {} edge nodes in group {} via {}", machines.size(), lines.size(),
                groupId, connection);
        return this;
    }

    public String groupId() {
        return groupId;
    }

    /** Whether every line's edge node is connected and born. */
    public synchronized boolean online() {
        return started && lines.values().stream().allMatch(SparkplugEdgeNode::online);
    }

    /** The Sparkplug type a tag's metric is declared with: its PLC type, at its own width. */
    static SparkplugDataType metricType(TagType type) {
        return switch (type) {
            case INT32 -> SparkplugDataType.INT32;
            // Counters keep their PLC width, so that a consumer sees where they roll over.
            case UINT16 -> SparkplugDataType.UINT16;
            case UINT32 -> SparkplugDataType.UINT32;
            case STRING -> SparkplugDataType.STRING;
            case DOUBLE -> SparkplugDataType.DOUBLE;
        };
    }

    @Override
    public void onTagChanged(String machineId, String tag, Object value, Instant at) {
        if (machines.containsKey(machineId)) {
            heard.add(new MachineUpdate.TagChange(machineId, tag, value, at));
            if (drainPending.compareAndSet(false, true)) {
                publisher.execute(this::publishHeard);
            }
        }
    }

    /** Stops listening, publishes the changes already heard, then each edge node's NDEATH; idempotent. */
    @Override
    public void close() {
        plant.removeListener(this);
        publisher.shutdown();
        try {
            if (!publisher.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Sparkplug face: changes still unpublished after {} ms; closing anyway", CLOSE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            lines.values().forEach(SparkplugEdgeNode::close);
        }
    }

    private void defineDevice(SparkplugEdgeNode.Builder node, MachineDescription machine) {
        Map<String, Object> values = plant.tagValues(machine.id());
        for (TagDefinition tag : machine.tags()) {
            node.deviceMetric(machine.name(), tag.name(), metricType(tag.type()), values.get(tag.name()));
        }
    }

    private void publishHeard() {
        // Cleared before draining: a change added after this point schedules another drain.
        drainPending.set(false);
        List<MachineUpdate.TagChange> changes = new ArrayList<>();
        for (MachineUpdate.TagChange change = heard.poll(); change != null; change = heard.poll()) {
            changes.add(change);
        }
        for (MachineUpdate update : MachineUpdate.group(changes)) {
            MachineDescription machine = machines.get(update.machineId());
            time.advanceTo(update.time());
            try {
                lines.get(machine.line()).update(machine.name(), update.tags());
            } catch (RuntimeException e) {
                // A value the metric cannot carry is a bug; the other machines must go on being mirrored.
                LOG.error("Sparkplug face: update of {} at {} not published: {}", update.machineId(), update.time(),
                        update.tags(), e);
            }
        }
    }

    /**
     * The edge nodes' clock: the simulated time of the latest change handed to them, so that data
     * carry the time of their change and births the time the face has reached. Set only by the
     * publisher thread (and by start, before it runs); simulated time never goes back.
     */
    private static final class PublishedTime extends Clock {
        private volatile long epochMillis;

        void advanceTo(Instant instant) {
            epochMillis = instant.toEpochMilli();
        }

        @Override
        public long millis() {
            return epochMillis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(epochMillis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("The simulated time of the Sparkplug face is in UTC");
        }
    }
}
