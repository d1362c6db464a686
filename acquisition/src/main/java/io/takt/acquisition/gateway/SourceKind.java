package io.takt.acquisition.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import io.takt.acquisition.mqtt.json.MqttJsonSettings;
import io.takt.acquisition.mqtt.json.MqttJsonSource;
import io.takt.acquisition.mqtt.sparkplug.SparkplugSettings;
import io.takt.acquisition.mqtt.sparkplug.SparkplugSource;
import io.takt.acquisition.opcua.OpcUaConnection;
import io.takt.acquisition.opcua.OpcUaConnectionCheck;
import io.takt.acquisition.opcua.OpcUaSource;
import io.takt.acquisition.plc4x.Plc4xConnectionCheck;
import io.takt.acquisition.plc4x.Plc4xSource;
import io.takt.acquisition.source.TagSource;
import io.takt.acquisition.tagmap.ConnectionCheck;
import io.takt.acquisition.tagmap.SourceDefinition;
import io.takt.acquisition.tagmap.SourceType;
import io.takt.acquisition.tagmap.TagDefinition;
import io.takt.acquisition.tagmap.TagMapProblem;
import io.takt.platform.config.ConfigException;

/** What the gateway knows of each source type: how to check its part of the tag map and how to open it. */
final class SourceKind {

    private SourceKind() {
    }

    /** Every source type's check, for {@code TagMap.load}. */
    static ConnectionCheck[] checks() {
        return new ConnectionCheck[] {
            Plc4xConnectionCheck.modbus(),
            Plc4xConnectionCheck.s7(),
            new OpcUaConnectionCheck(),
            settingsCheck(SourceType.SPARKPLUG, s -> SparkplugSettings.fromConnection(s.id(), s.connection())),
            settingsCheck(SourceType.MQTT_JSON, s -> MqttJsonSettings.fromConnection(s.id(), s.connection()))
        };
    }

    /**
     * Opens (but does not start) the source with its tags.
     *
     * @param stateDir  the gateway's state directory, for the OPC UA PKI when the source names none
     * @param gatewayId for the OPC UA application URI
     */
    static TagSource open(SourceDefinition source, List<TagDefinition> tags, Path stateDir, String gatewayId) {
        return switch (source.type()) {
            case MODBUS, S7 -> new Plc4xSource(source, tags);
            case OPCUA -> new OpcUaSource(OpcUaConnection.settings(source, tags, stateDir.resolve("pki"), gatewayId));
            case SPARKPLUG -> new SparkplugSource(SparkplugSettings.fromConnection(source.id(), source.connection()));
            case MQTT_JSON -> new MqttJsonSource(MqttJsonSettings.fromConnection(source.id(), source.connection()));
        };
    }

    /** A check that reads the settings and reports the reader's {@link ConfigException} at the source's line. */
    private static ConnectionCheck settingsCheck(SourceType type, Function<SourceDefinition, ?> reader) {
        return new ConnectionCheck() {
            @Override
            public SourceType type() {
                return type;
            }

            @Override
            public List<TagMapProblem> check(SourceDefinition source, List<TagDefinition> tags) {
                try {
                    reader.apply(source);
                    return List.of();
                } catch (ConfigException e) {
                    return e.problems().stream().map(p -> source.connectionLocation().problem(p)).toList();
                }
            }
        };
    }
}
