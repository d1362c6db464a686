package io.takt.acquisition.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A plain MQTT client for tests: sees what is published on a filter, and publishes raw messages. */
public final class MqttObserver implements AutoCloseable {

    private final Mqtt3AsyncClient client;
    private final List<Map.Entry<String, byte[]>> received = new CopyOnWriteArrayList<>();

    public MqttObserver(int port, String clientId) throws Exception {
        client = MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost("127.0.0.1").serverPort(port)
                .buildAsync();
        client.connect().get(5, TimeUnit.SECONDS);
    }

    /** Starts recording what arrives on {@code filter}. */
    public MqttObserver watch(String filter) throws Exception {
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(Map.entry(p.getTopic().toString(), p.getPayloadAsBytes())))
                .send().get(5, TimeUnit.SECONDS);
        return this;
    }

    /** Publishes and waits until the broker has it. */
    public void publish(String topic, byte[] payload) throws Exception {
        client.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).send().get(5, TimeUnit.SECONDS);
    }

    /** What arrived so far, as (topic, payload). */
    public List<Map.Entry<String, byte[]>> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws Exception {
        if (client.getState().isConnected()) {
            client.disconnect().get(5, TimeUnit.SECONDS);
        }
    }
}
