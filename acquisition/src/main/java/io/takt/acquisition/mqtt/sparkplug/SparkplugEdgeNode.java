package io.takt.acquisition.mqtt.sparkplug;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.takt.acquisition.mqtt.MqttConnectionSettings;
import io.takt.acquisition.mqtt.MqttLink;
import io.takt.acquisition.mqtt.sparkplug.SparkplugTopic.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Sparkplug B edge node: publishes its node and device metrics the way a gateway on a line would,
 * for Takt's tests and the plant simulator. On every connect it registers an NDEATH will with a new
 * bdSeq, then publishes NBIRTH (bdSeq, {@code Node Control/Rebirth} and the node metrics) and a DBIRTH
 * per online device, each metric with an alias; afterwards only changed values go out, in NDATA and
 * DDATA by alias, each message with the next seq (0..255, wrapping). It answers a rebirth NCMD with
 * fresh births, and on close publishes NDEATH itself (a clean disconnect sends no will).
 *
 * <pre>{@code
 * SparkplugEdgeNode node = SparkplugEdgeNode.builder(connection, "Plant1", "Line1-Edge")
 *         .deviceMetric("Press1", "State", SparkplugDataType.INT32, 1L)
 *         .deviceMetric("Press1", "GoodCount", SparkplugDataType.UINT64, 0L)
 *         .build();
 * node.start();
 * node.update("Press1", Map.of("State", 2L, "GoodCount", 17L));
 * }</pre>
 *
 * Thread-safe: updates may come from any thread.
 */
public final class SparkplugEdgeNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugEdgeNode.class);
    private static final long CLOSE_TIMEOUT_MS = 2000;

    private record Definition(String deviceId, String name, long alias, SparkplugDataType type) {
    }

    private final String groupId;
    private final String edgeNodeId;
    private final Clock clock;
    private final MqttLink link;
    // Per device id ("" for the node itself), the metrics in definition order.
    private final Map<String, Map<String, Definition>> definitions;
    private final Map<Definition, Object> values = new HashMap<>();
    private final Set<String> onlineDevices;
    private long nextBdSeq;
    private long bdSeq;
    private long seq;
    private boolean born;
    private long births;

    private SparkplugEdgeNode(Builder builder) {
        this.groupId = builder.groupId;
        this.edgeNodeId = builder.edgeNodeId;
        this.clock = builder.clock;
        this.definitions = builder.definitions;
        this.values.putAll(builder.initialValues);
        this.onlineDevices = new LinkedHashSet<>(definitions.keySet());
        onlineDevices.remove("");
        this.link = new MqttLink(groupId + "/" + edgeNodeId, builder.connection,
                List.of(topic(MessageType.NCMD, null).mqttTopic(),
                        SparkplugTopic.NAMESPACE + "/" + groupId + "/DCMD/" + edgeNodeId + "/+"),
                MqttQos.AT_LEAST_ONCE, new LinkHandler());
    }

    /** An edge node {@code edgeNodeId} in group {@code groupId}; define its metrics, then build. */
    public static Builder builder(MqttConnectionSettings connection, String groupId, String edgeNodeId) {
        return new Builder(connection, groupId, edgeNodeId);
    }

    /** Connects in the background; births follow every connect. */
    public void start() {
        link.start();
    }

    /** Whether the node is connected and its births are published. */
    public synchronized boolean online() {
        return born;
    }

    /** NBIRTH messages published so far (first births and rebirths). */
    public synchronized long births() {
        return births;
    }

    /** The bdSeq of the current (or last) session. */
    public synchronized long bdSeq() {
        return bdSeq;
    }

    /** Sets one metric; see {@link #update(String, Map)}. */
    public void update(String deviceId, String metric, Object value) {
        update(deviceId, Collections.singletonMap(metric, value));
    }

    /**
     * Sets metrics of a device ({@code deviceId} null for node metrics) and, when online, publishes
     * them in one DDATA (NDATA) by alias, stamped now. Offline, the values wait for the next birth.
     *
     * @throws IllegalArgumentException for an undefined metric or a value its type cannot carry
     */
    public synchronized void update(String deviceId, Map<String, ?> changes) {
        List<SparkplugPayload.Metric> metrics = new ArrayList<>(changes.size());
        long now = clock.millis();
        changes.forEach((name, value) -> {
            Definition definition = definition(deviceId, name);
            metrics.add(SparkplugPayload.Metric.data(definition.alias(), definition.type(), value, now));
            values.put(definition, value);
        });
        if (born && (deviceId == null || onlineDevices.contains(deviceId))) {
            publish(deviceId == null ? MessageType.NDATA : MessageType.DDATA, deviceId, metrics, now);
        }
    }

    /** Publishes DDEATH for a device (it went away); its updates wait until {@link #deviceBirth}. */
    public synchronized void deviceDeath(String deviceId) {
        requireDevice(deviceId);
        if (onlineDevices.remove(deviceId) && born) {
            publish(MessageType.DDEATH, deviceId, List.of(), clock.millis());
        }
    }

    /** Publishes DBIRTH for a device with its current values. */
    public synchronized void deviceBirth(String deviceId) {
        requireDevice(deviceId);
        onlineDevices.add(deviceId);
        if (born) {
            publishDeviceBirth(deviceId);
        }
    }

    /**
     * Fault injection for tests and the simulator: advances the seq as if a message had been lost on
     * the way, so that the next message shows a gap to every host application.
     */
    public synchronized void skipSequenceNumber() {
        seq = (seq + 1) & 0xFF;
    }

    /** Publishes NDEATH (when online), then disconnects; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (born) {
                born = false;
                try {
                    link.publish(topic(MessageType.NDEATH, null).mqttTopic(), SparkplugCodec.encode(death()),
                            MqttQos.AT_LEAST_ONCE, false).get(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    LOG.debug("Edge node {}/{}: NDEATH on close not confirmed: {}", groupId, edgeNodeId, e.toString());
                }
            }
        }
        link.close();
    }

    private synchronized void publishBirths() {
        seq = 0;
        long now = clock.millis();
        List<SparkplugPayload.Metric> metrics = new ArrayList<>();
        metrics.add(SparkplugPayload.Metric.birth(SparkplugPayload.BD_SEQ, null, SparkplugDataType.INT64, bdSeq, now));
        metrics.add(SparkplugPayload.Metric.birth(SparkplugPayload.REBIRTH, null, SparkplugDataType.BOOLEAN, false,
                now));
        metrics.addAll(birthMetrics("", now));
        publish(MessageType.NBIRTH, null, metrics, now);
        born = true;
        births++;
        onlineDevices.forEach(this::publishDeviceBirth);
        LOG.debug("Edge node {}/{}: born with bdSeq {} and devices {}", groupId, edgeNodeId, bdSeq, onlineDevices);
    }

    private void publishDeviceBirth(String deviceId) {
        long now = clock.millis();
        publish(MessageType.DBIRTH, deviceId, birthMetrics(deviceId, now), now);
    }

    private List<SparkplugPayload.Metric> birthMetrics(String deviceKey, long now) {
        return definitions.getOrDefault(deviceKey, Map.of()).values().stream()
                .map(d -> SparkplugPayload.Metric.birth(d.name(), d.alias(), d.type(), values.get(d), now))
                .toList();
    }

    private void publish(MessageType type, String deviceId, List<SparkplugPayload.Metric> metrics, long now) {
        SparkplugPayload payload = new SparkplugPayload(now, metrics, seq, null);
        seq = (seq + 1) & 0xFF;
        String topic = topic(type, deviceId).mqttTopic();
        link.publish(topic, SparkplugCodec.encode(payload), MqttQos.AT_MOST_ONCE, false).whenComplete((p, e) -> {
            if (e != null) {
                LOG.debug("Edge node {}/{}: {} not sent: {}", groupId, edgeNodeId, topic, e.getMessage());
            }
        });
    }

    private SparkplugPayload death() {
        return new SparkplugPayload(clock.millis(), List.of(SparkplugPayload.Metric.birth(
                SparkplugPayload.BD_SEQ, null, SparkplugDataType.INT64, bdSeq, null)), null, null);
    }

    private SparkplugTopic topic(MessageType type, String deviceId) {
        return new SparkplugTopic(groupId, type, edgeNodeId, deviceId);
    }

    private Definition definition(String deviceId, String name) {
        Definition definition = definitions.getOrDefault(deviceId == null ? "" : deviceId, Map.of()).get(name);
        if (definition == null) {
            throw new IllegalArgumentException("Edge node " + groupId + "/" + edgeNodeId + " has no metric '" + name
                    + "'" + (deviceId == null ? "" : " on device " + deviceId));
        }
        return definition;
    }

    private void requireDevice(String deviceId) {
        if (deviceId == null || deviceId.isEmpty() || !definitions.containsKey(deviceId)) {
            throw new IllegalArgumentException("Edge node " + groupId + "/" + edgeNodeId + " has no device '"
                    + deviceId + "'");
        }
    }

    private final class LinkHandler implements MqttLink.Handler {
        @Override
        public Optional<Mqtt3Publish> nextWill() {
            synchronized (SparkplugEdgeNode.this) {
                bdSeq = nextBdSeq;
                nextBdSeq = (nextBdSeq + 1) & 0xFF;
                return Optional.of(Mqtt3Publish.builder().topic(topic(MessageType.NDEATH, null).mqttTopic())
                        .payload(SparkplugCodec.encode(death())).qos(MqttQos.AT_LEAST_ONCE).build());
            }
        }

        @Override
        public void onConnected() {
            publishBirths();
        }

        @Override
        public void onMessage(String topic, byte[] payload) {
            Optional<SparkplugTopic> parsed = SparkplugTopic.parse(topic);
            if (parsed.isEmpty() || parsed.get().type() != MessageType.NCMD) {
                return;
            }
            try {
                boolean rebirth = SparkplugCodec.decode(payload).metric(SparkplugPayload.REBIRTH)
                        .flatMap(m -> SparkplugDataType.BOOLEAN.toSampleValue(m.value()))
                        .map(Boolean.TRUE::equals).orElse(false);
                if (rebirth) {
                    LOG.info("Edge node {}/{}: rebirth requested", groupId, edgeNodeId);
                    publishBirths();
                }
            } catch (Exception e) {
                LOG.warn("Edge node {}/{}: unreadable NCMD: {}", groupId, edgeNodeId, e.toString());
            }
        }

        @Override
        public void onConnectionLost(String reason) {
            synchronized (SparkplugEdgeNode.this) {
                born = false;
            }
        }
    }

    /** Collects the metric definitions; aliases are numbered 1, 2, ... in definition order. */
    public static final class Builder {
        private final MqttConnectionSettings connection;
        private final String groupId;
        private final String edgeNodeId;
        private final Map<String, Map<String, Definition>> definitions = new LinkedHashMap<>();
        private final Map<Definition, Object> initialValues = new HashMap<>();
        private Clock clock = Clock.systemUTC();
        private long nextAlias = 1;

        private Builder(MqttConnectionSettings connection, String groupId, String edgeNodeId) {
            this.connection = Objects.requireNonNull(connection, "connection");
            this.groupId = requireId(groupId, "group id");
            this.edgeNodeId = requireId(edgeNodeId, "edge node id");
        }

        /** A node-level metric with its value at birth (null for an explicitly null value). */
        public Builder nodeMetric(String name, SparkplugDataType type, Object initial) {
            return define("", name, type, initial);
        }

        /** A metric of device {@code deviceId} with its value at birth (null for an explicitly null value). */
        public Builder deviceMetric(String deviceId, String name, SparkplugDataType type, Object initial) {
            return define(requireId(deviceId, "device id"), name, type, initial);
        }

        /** The clock that stamps messages and metrics; the system clock by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public SparkplugEdgeNode build() {
            return new SparkplugEdgeNode(this);
        }

        private Builder define(String deviceKey, String name, SparkplugDataType type, Object initial) {
            Objects.requireNonNull(name, "name");
            if (initial != null) {
                type.toMetricValue(initial); // fails now, not at the first birth, if the value cannot be carried
            }
            Definition definition = new Definition(deviceKey.isEmpty() ? null : deviceKey, name, nextAlias++, type);
            if (definitions.computeIfAbsent(deviceKey, k -> new LinkedHashMap<>()).putIfAbsent(name, definition)
                    != null) {
                throw new IllegalArgumentException("Metric '" + name + "' is defined twice"
                        + (deviceKey.isEmpty() ? "" : " on device " + deviceKey));
            }
            initialValues.put(definition, initial);
            return this;
        }

        private static String requireId(String id, String what) {
            if (id == null || id.isEmpty() || id.contains("/") || id.contains("+") || id.contains("#")) {
                throw new IllegalArgumentException("A Sparkplug " + what + " must be non-empty, without '/', '+' or"
                        + " '#': " + id);
            }
            return id;
        }
    }
}
