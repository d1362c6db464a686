package io.takt.acquisition.tagmap;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of source a tag map can name; each validates its own {@code connection:} map. */
public enum SourceType {
    OPCUA("opcua"),
    MODBUS("modbus"),
    S7("s7"),
    SPARKPLUG("sparkplug"),
    MQTT_JSON("mqtt-json");

    private final String yamlName;

    SourceType(String yamlName) {
        this.yamlName = yamlName;
    }

    /** As written in the tag map. */
    public String yamlName() {
        return yamlName;
    }

    public static Optional<SourceType> fromYaml(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(SourceType::yamlName).toList();
    }
}
