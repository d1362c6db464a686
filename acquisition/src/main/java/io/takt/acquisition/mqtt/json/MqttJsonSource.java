package io.takt.acquisition.mqtt.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.takt.acquisition.mqtt.MqttLink;
import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.SourceStatus;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;
import io.takt.acquisition.source.TagSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acquires plain JSON messages from an MQTT 3.1.1 broker: subscribes to the topic filters of its
 * {@link JsonTopicMapping}s and turns each message into one sample per matching mapping (value and
 * time at the mapping's JSON pointers, address from its template). A lost broker connection turns
 * every address seen since the last connect into NO_DATA; the source reconnects with backoff and
 * subscribes again. Unreadable messages are skipped with a warning (once per topic or mapping).
 */
public final class MqttJsonSource implements TagSource {

    private static final Logger LOG = LoggerFactory.getLogger(MqttJsonSource.class);

    private final MqttJsonSettings settings;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong samples = new AtomicLong();
    // Link-thread state.
    private final Set<String> live = new LinkedHashSet<>();
    private final Set<String> warned = new HashSet<>();
    private volatile MqttLink link;
    private volatile TagListener listener;

    public MqttJsonSource(MqttJsonSettings settings) {
        this(settings, Clock.systemUTC());
    }

    MqttJsonSource(MqttJsonSettings settings, Clock clock) {
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
        MqttQos qos = settings.qos() == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
        this.link = new MqttLink(id(), settings.connection(), settings.topicFilters(), qos, new LinkHandler());
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

    @Override
    public synchronized void close() {
        if (link != null) {
            link.close();
        }
    }

    private void accept(String topic, byte[] payload) {
        Instant now = clock.instant();
        List<JsonTopicMapping> matching = settings.mappings().stream().filter(m -> m.topic().matches(topic)).toList();
        if (matching.isEmpty()) {
            return;
        }
        JsonNode document;
        try {
            document = json.readTree(payload);
        } catch (JsonProcessingException e) {
            warnOnce("json:" + topic, "Source {}: message on {} is not JSON ({}); skipped", id(), topic,
                    e.getOriginalMessage());
            return;
        } catch (IOException e) {
            warnOnce("json:" + topic, "Source {}: message on {} unreadable ({}); skipped", id(), topic, e.toString());
            return;
        }
        for (JsonTopicMapping mapping : matching) {
            Optional<String> address = mapping.address().apply(topic);
            if (address.isEmpty()) {
                warnOnce("address:" + mapping, "Source {}: address template {} names a level that topic {} lacks;"
                        + " skipped", id(), mapping.address(), topic);
                continue;
            }
            JsonTopicMapping.Reading reading = mapping.read(document, now);
            if (reading instanceof JsonTopicMapping.Found found) {
                emit(address.get(), found, now);
            } else if (reading instanceof JsonTopicMapping.Unusable unusable) {
                warnOnce("value:" + mapping + topic, "Source {}: on {}, {}; skipped", id(), topic, unusable.reason());
            }
        }
    }

    private void emit(String address, JsonTopicMapping.Found found, Instant now) {
        SampleQuality quality = found.value() == null ? SampleQuality.NO_DATA : SampleQuality.GOOD;
        if (found.value() != null) {
            live.add(address);
        }
        deliver(new TagSample(id(), address, found.value(), quality, found.sourceTime(), now));
    }

    private void connectionLost() {
        Instant now = clock.instant();
        live.forEach(address -> deliver(TagSample.noData(id(), address, now)));
        live.clear();
    }

    private void deliver(TagSample sample) {
        samples.incrementAndGet();
        try {
            listener.onSample(sample);
        } catch (RuntimeException e) {
            LOG.error("Source {}: the gateway did not accept sample {}", id(), sample, e);
        }
    }

    private void warnOnce(String key, String format, Object... args) {
        if (warned.add(key)) {
            LOG.warn(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    private final class LinkHandler implements MqttLink.Handler {
        @Override
        public void onConnected() {
        }

        @Override
        public void onMessage(String topic, byte[] payload) {
            accept(topic, payload);
        }

        @Override
        public void onConnectionLost(String reason) {
            connectionLost();
        }

        @Override
        public void onState(ConnectionState state, String detail) {
            listener.onConnection(id(), state, detail);
        }
    }
}
