package io.takt.acquisition.mqtt.sparkplug;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.takt.acquisition.mqtt.MqttLink;
import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SourceStatus;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.source.TagSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acquires Sparkplug B edge nodes through an MQTT 3.1.1 broker, as a Sparkplug host application.
 *
 * <ul>
 *   <li>Subscribes to {@code spBv1.0/<group>/#} for each configured group (all groups if none).</li>
 *   <li>NBIRTH and DBIRTH define each metric's name, alias and type and deliver their values; NDATA and
 *       DDATA are resolved by alias (or name). Each metric becomes the tag address
 *       {@code <group>/<edge node>/<device>/<metric>}, or {@code <group>/<edge node>/<metric>} for a
 *       node-level metric (see {@link SparkplugAddress}); its timestamp becomes the sample's source time.</li>
 *   <li>NDEATH (with the bdSeq of the current NBIRTH) and DDEATH turn every metric of the node or device
 *       into NO_DATA.</li>
 *   <li>Each edge node's seq (0..255, wrapping) is checked. A gap, an unknown alias or an undecodable
 *       payload turns the node's metrics into NO_DATA and publishes a rebirth request
 *       ({@code Node Control/Rebirth = true} on {@code spBv1.0/<group>/NCMD/<edge node>}); values resume
 *       with the next NBIRTH. Data from a node whose birth was missed also asks for a rebirth, at most
 *       once per {@code rebirth-retry}.</li>
 *   <li>A lost broker connection turns every live metric into NO_DATA; the source reconnects with
 *       backoff and subscribes again. Closing the source emits nothing.</li>
 * </ul>
 */
public final class SparkplugSource implements TagSource {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugSource.class);

    private final SparkplugSettings settings;
    private final Clock clock;
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong rebirthRequests = new AtomicLong();
    private volatile MqttLink link;
    private volatile TagListener listener;
    private SparkplugHost host;
    private volatile long stateTimestamp;

    public SparkplugSource(SparkplugSettings settings) {
        this(settings, Clock.systemUTC());
    }

    SparkplugSource(SparkplugSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = clock;
    }

    @Override
    public String id() {
        return settings.sourceId();
    }

    @Override
    public synchronized void start(TagListener tagListener) {
        if (link != null) {
            throw new IllegalStateException("Source " + id() + " is already started");
        }
        this.listener = Objects.requireNonNull(tagListener, "listener");
        this.host = new SparkplugHost(id(), new Outlet(), settings.rebirthRetry(), clock);
        this.link = new MqttLink(id(), settings.connection(), settings.topicFilters(), MqttQos.AT_LEAST_ONCE,
                new LinkHandler());
        link.start();
    }

    @Override
    public SourceStatus status() {
        MqttLink current = link;
        if (current == null) {
            return new SourceStatus(id(), ConnectionState.CONNECTING, Instant.now(), 0, 0, null);
        }
        return new SourceStatus(id(), current.state(), current.since(), samples.get(), current.reconnects(),
                current.lastError());
    }

    /** Rebirth requests published since start. */
    public long rebirthRequests() {
        return rebirthRequests.get();
    }

    @Override
    public synchronized void close() {
        MqttLink current = link;
        if (current == null) {
            return;
        }
        if (settings.primaryHostId() != null && current.state() == ConnectionState.CONNECTED) {
            // A clean disconnect sends no will, so say "offline" ourselves.
            current.publish(stateTopic(), statePayload(false, stateTimestamp), MqttQos.AT_LEAST_ONCE, true);
        }
        current.close();
    }

    private String stateTopic() {
        return SparkplugTopic.NAMESPACE + "/STATE/" + settings.primaryHostId();
    }

    private static byte[] statePayload(boolean online, long timestamp) {
        return ("{\"online\":" + online + ",\"timestamp\":" + timestamp + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void deliver(TagSample sample) {
        samples.incrementAndGet();
        try {
            listener.onSample(sample);
        } catch (RuntimeException e) {
            LOG.error("Source {}: the gateway did not accept sample {}", id(), sample, e);
        }
    }

    private final class Outlet implements SparkplugHost.Outlet {
        @Override
        public void sample(TagSample sample) {
            deliver(sample);
        }

        @Override
        public void requestRebirth(String groupId, String edgeNodeId) {
            SparkplugPayload request = new SparkplugPayload(clock.millis(), List.of(SparkplugPayload.Metric.birth(
                    SparkplugPayload.REBIRTH, null, SparkplugDataType.BOOLEAN, true, null)), null, null);
            String topic = SparkplugTopic.node(groupId, SparkplugTopic.MessageType.NCMD, edgeNodeId).mqttTopic();
            rebirthRequests.incrementAndGet();
            link.publish(topic, SparkplugCodec.encode(request), MqttQos.AT_MOST_ONCE, false)
                    .whenComplete((p, e) -> {
                        if (e != null) {
                            LOG.warn("Source {}: rebirth request to {} not sent: {}", id(), topic, e.getMessage());
                        }
                    });
        }
    }

    private final class LinkHandler implements MqttLink.Handler {
        @Override
        public Optional<Mqtt3Publish> nextWill() {
            if (settings.primaryHostId() == null) {
                return Optional.empty();
            }
            stateTimestamp = clock.millis();
            return Optional.of(Mqtt3Publish.builder().topic(stateTopic())
                    .payload(statePayload(false, stateTimestamp)).qos(MqttQos.AT_LEAST_ONCE).retain(true).build());
        }

        @Override
        public void onConnected() {
            host.connected();
            if (settings.primaryHostId() != null) {
                link.publish(stateTopic(), statePayload(true, stateTimestamp), MqttQos.AT_LEAST_ONCE, true);
            }
        }

        @Override
        public void onMessage(String topic, byte[] payload) {
            host.accept(topic, payload);
        }

        @Override
        public void onConnectionLost(String reason) {
            host.connectionLost();
        }

        @Override
        public void onState(ConnectionState state, String detail) {
            listener.onConnection(id(), state, detail);
        }
    }
}
