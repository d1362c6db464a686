package io.takt.acquisition.mqtt.sparkplug;

import com.google.protobuf.InvalidProtocolBufferException;
import io.takt.acquisition.mqtt.sparkplug.SparkplugTopic.MessageType;
import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host-application side of Sparkplug B, without the MQTT connection: turns births, data and
 * deaths into tag samples, checks each edge node's seq, and asks for a rebirth when it can no longer
 * tell the node's values (a seq gap, an unknown alias, an undecodable payload, data from a node
 * whose birth it missed). Not thread-safe: the source calls it from one thread.
 */
final class SparkplugHost {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugHost.class);

    /** Where the host's output goes. */
    interface Outlet {
        /** A sample for the gateway. */
        void sample(TagSample sample);

        /** Publish an NCMD with {@code Node Control/Rebirth = true} to the edge node. */
        void requestRebirth(String groupId, String edgeNodeId);
    }

    private record NodeKey(String groupId, String edgeNodeId) {
    }

    private final String sourceId;
    private final Outlet outlet;
    private final Duration rebirthRetry;
    private final Clock clock;
    private final Map<NodeKey, EdgeNodeView> nodes = new HashMap<>();
    private final Set<String> warned = new HashSet<>();

    SparkplugHost(String sourceId, Outlet outlet, Duration rebirthRetry, Clock clock) {
        this.sourceId = sourceId;
        this.outlet = outlet;
        this.rebirthRetry = rebirthRetry;
        this.clock = clock;
    }

    /** Handles one message from the broker; topics outside the Sparkplug group namespace are ignored. */
    void accept(String mqttTopic, byte[] payloadBytes) {
        Optional<SparkplugTopic> parsed = SparkplugTopic.parse(mqttTopic);
        if (parsed.isEmpty() || parsed.get().type() == MessageType.NCMD || parsed.get().type() == MessageType.DCMD) {
            return;
        }
        SparkplugTopic topic = parsed.get();
        EdgeNodeView node = nodes.computeIfAbsent(new NodeKey(topic.groupId(), topic.edgeNodeId()),
                k -> new EdgeNodeView(k.groupId(), k.edgeNodeId()));
        Instant now = clock.instant();
        SparkplugPayload payload;
        try {
            payload = SparkplugCodec.decode(payloadBytes);
        } catch (InvalidProtocolBufferException e) {
            warnOnce("undecodable:" + topic.groupId() + "/" + topic.edgeNodeId(),
                    "Source {}: undecodable Sparkplug payload on {} ({}); treating it as lost data", sourceId,
                    mqttTopic, e.getMessage());
            if (node.online()) {
                lose(node, now, "undecodable payload on " + mqttTopic);
            }
            return;
        }
        switch (topic.type()) {
            case NBIRTH -> nodeBirth(node, payload, now);
            case NDEATH -> nodeDeath(node, payload, now);
            default -> deviceOrData(node, topic, payload, now);
        }
    }

    /** The broker connection is gone: every live metric becomes NO_DATA, every node unborn. */
    void connectionLost() {
        Instant now = clock.instant();
        nodes.values().forEach(node -> noData(node.endSession(), now));
    }

    /**
     * The broker connection is (re)established: births published while it was down were missed, so
     * every edge node seen before is asked for a rebirth. A node that is itself still reconnecting
     * misses the request but publishes its births after connecting anyway.
     */
    void connected() {
        Instant now = clock.instant();
        nodes.values().forEach(node -> requestRebirth(node, now));
    }

    /** The edge nodes seen so far, as {@code group/edge node}. */
    Collection<String> knownNodes() {
        return nodes.keySet().stream().map(k -> k.groupId() + "/" + k.edgeNodeId()).sorted().toList();
    }

    private void nodeBirth(EdgeNodeView node, SparkplugPayload payload, Instant now) {
        Long bdSeq = payload.metric(SparkplugPayload.BD_SEQ).map(SparkplugHost::integer).orElse(null);
        List<BirthMetric> previous = node.beginSession(bdSeq, payload.seq());
        LOG.debug("Source {}: NBIRTH of {}/{} bdSeq={} seq={}", sourceId, node.groupId(), node.edgeNodeId(), bdSeq,
                payload.seq());
        Set<String> born = define(node, null, payload, now);
        noData(previous.stream().filter(m -> !born.contains(m.address())).toList(), now);
    }

    private void nodeDeath(EdgeNodeView node, SparkplugPayload payload, Instant now) {
        Long deathBdSeq = payload.metric(SparkplugPayload.BD_SEQ).map(SparkplugHost::integer).orElse(null);
        if (!node.online()) {
            return;
        }
        if (node.bdSeq() != null && deathBdSeq != null && !node.bdSeq().equals(deathBdSeq)) {
            LOG.debug("Source {}: NDEATH of {}/{} with bdSeq {} belongs to an earlier session than bdSeq {}",
                    sourceId, node.groupId(), node.edgeNodeId(), deathBdSeq, node.bdSeq());
            return;
        }
        LOG.info("Source {}: edge node {}/{} died (NDEATH bdSeq={})", sourceId, node.groupId(), node.edgeNodeId(),
                deathBdSeq);
        noData(node.endSession(), now);
    }

    private void deviceOrData(EdgeNodeView node, SparkplugTopic topic, SparkplugPayload payload, Instant now) {
        if (!node.online()) {
            requestRebirthIfDue(node, now, "a " + topic.type() + " from an edge node whose birth was not seen");
            return;
        }
        if (!node.acceptSeq(payload.seq())) {
            lose(node, now, "seq gap: " + topic.type() + " came with seq " + payload.seq());
            return;
        }
        switch (topic.type()) {
            case DBIRTH -> deviceBirth(node, topic.deviceId(), payload, now);
            case DDEATH -> noData(node.endDevice(topic.deviceId()), payload.timestamp() == null ? now
                    : Instant.ofEpochMilli(payload.timestamp()));
            case NDATA, DDATA -> data(node, topic.deviceId(), payload, now);
            default -> throw new IllegalStateException("not a device or data message: " + topic.type());
        }
    }

    private void deviceBirth(EdgeNodeView node, String deviceId, SparkplugPayload payload, Instant now) {
        List<BirthMetric> previous = node.beginDevice(deviceId);
        Set<String> born = define(node, deviceId, payload, now);
        noData(previous.stream().filter(m -> !born.contains(m.address())).toList(), now);
    }

    private Set<String> define(EdgeNodeView node, String deviceId, SparkplugPayload payload, Instant now) {
        Set<String> addresses = new HashSet<>();
        for (SparkplugPayload.Metric metric : payload.metrics()) {
            if (metric.name() == null) {
                warnOnce("nameless:" + node.groupId() + "/" + node.edgeNodeId(),
                        "Source {}: a birth of {}/{} has a metric without a name; skipped", sourceId,
                        node.groupId(), node.edgeNodeId());
                continue;
            }
            BirthMetric birth = new BirthMetric(deviceId, metric.name(), metric.dataType(),
                    SparkplugAddress.of(node.groupId(), node.edgeNodeId(), deviceId, metric.name()));
            node.define(birth, metric.alias());
            addresses.add(birth.address());
            emit(birth, metric, payload, now);
        }
        return addresses;
    }

    private void data(EdgeNodeView node, String deviceId, SparkplugPayload payload, Instant now) {
        if (deviceId != null && !node.deviceOnline(deviceId)) {
            lose(node, now, "DDATA for device " + deviceId + " whose DBIRTH was not seen");
            return;
        }
        List<BirthMetric> resolved = new ArrayList<>(payload.metrics().size());
        for (SparkplugPayload.Metric metric : payload.metrics()) {
            BirthMetric birth = node.resolve(deviceId, metric.alias(), metric.name());
            if (birth == null) {
                lose(node, now, "unknown metric alias=" + metric.alias() + " name=" + metric.name());
                return;
            }
            resolved.add(birth);
        }
        for (int i = 0; i < resolved.size(); i++) {
            emit(resolved.get(i), payload.metrics().get(i), payload, now);
        }
    }

    private void emit(BirthMetric birth, SparkplugPayload.Metric metric, SparkplugPayload payload, Instant now) {
        if (metric.historical()) {
            warnOnce("historical:" + birth.address(), "Source {}: historical values of {} are not live values;"
                    + " skipped", sourceId, birth.address());
            return;
        }
        Instant sourceTime = metric.timestamp() != null ? Instant.ofEpochMilli(metric.timestamp())
                : payload.timestamp() != null ? Instant.ofEpochMilli(payload.timestamp()) : now;
        if (metric.nullValue()) {
            outlet.sample(new TagSample(sourceId, birth.address(), null, SampleQuality.NO_DATA, sourceTime, now));
            return;
        }
        if (!birth.dataType().scalar()) {
            warnOnce("type:" + birth.dataType(), "Source {}: Sparkplug {} metrics such as {} are not tag values;"
                    + " skipped", sourceId, birth.dataType(), birth.address());
            return;
        }
        Optional<Object> value = birth.dataType().toSampleValue(metric.value());
        if (value.isEmpty()) {
            warnOnce("value:" + birth.address(), "Source {}: {} of type {} came in the {} field; skipped",
                    sourceId, birth.address(), birth.dataType(), metric.value().field());
            return;
        }
        outlet.sample(new TagSample(sourceId, birth.address(), value.get(), SampleQuality.GOOD, sourceTime, now));
    }

    /** The node's values can no longer be told: all NO_DATA, session over, ask for a rebirth. */
    private void lose(EdgeNodeView node, Instant now, String reason) {
        LOG.warn("Source {}: {} on edge node {}/{}; its metrics are NO_DATA until it is born again",
                sourceId, reason, node.groupId(), node.edgeNodeId());
        noData(node.endSession(), now);
        requestRebirth(node, now);
    }

    private void requestRebirthIfDue(EdgeNodeView node, Instant now, String reason) {
        if (node.mayRequestRebirth(now, rebirthRetry)) {
            LOG.info("Source {}: {}; requesting a rebirth of {}/{}", sourceId, reason, node.groupId(),
                    node.edgeNodeId());
            requestRebirth(node, now);
        }
    }

    private void requestRebirth(EdgeNodeView node, Instant now) {
        node.rebirthRequested(now);
        outlet.requestRebirth(node.groupId(), node.edgeNodeId());
    }

    private void noData(List<BirthMetric> metrics, Instant since) {
        Instant now = clock.instant();
        for (BirthMetric metric : metrics) {
            outlet.sample(new TagSample(sourceId, metric.address(), null, SampleQuality.NO_DATA, since, now));
        }
    }

    private void warnOnce(String key, String format, Object... args) {
        if (warned.add(key)) {
            LOG.warn(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    private static Long integer(SparkplugPayload.Metric metric) {
        MetricValue.Field field = metric.value().field();
        return field == MetricValue.Field.INT || field == MetricValue.Field.LONG ? metric.value().bits() : null;
    }
}
