/**
 * MQTT 3.1.1 sources: {@link io.takt.acquisition.mqtt.sparkplug.SparkplugSource} (Sparkplug B host
 * application, tag type {@code sparkplug}) and {@link io.takt.acquisition.mqtt.json.MqttJsonSource}
 * (plain JSON topics mapped by configuration, tag type {@code mqtt-json}), both on one self-healing
 * connection, {@link io.takt.acquisition.mqtt.MqttLink}. Also
 * {@link io.takt.acquisition.mqtt.sparkplug.SparkplugEdgeNode}, a Sparkplug publisher for tests and the
 * plant simulator, and {@link io.takt.acquisition.mqtt.LocalMqttBroker}, an in-process broker for the
 * demo and tests.
 *
 * <p>A source's settings come from the {@code connection:} map of its tag map entry, read once and
 * validated with every problem named: {@link io.takt.acquisition.mqtt.sparkplug.SparkplugSettings#fromConnection}
 * and {@link io.takt.acquisition.mqtt.json.MqttJsonSettings#fromConnection}. The keys and an example
 * are in {@code examples/tagmap-sparkplug.yaml} and {@code examples/tagmap-mqtt-json.yaml}.
 *
 * <p>Tag addresses: a Sparkplug metric is {@code <group>/<edge node>/<device>/<metric>}, e.g.
 * {@code Plant1/Line1-Edge/Press1/State}, or {@code <group>/<edge node>/<metric>} at node level; a
 * JSON mapping forms its address from the topic with a template such as {@code {1}/{2}/State}.
 */
package io.takt.acquisition.mqtt;
