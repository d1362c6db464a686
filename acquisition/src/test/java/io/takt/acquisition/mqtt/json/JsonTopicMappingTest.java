package io.takt.acquisition.mqtt.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.takt.platform.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTopicMappingTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-01T06:00:00Z");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldNormaliseEachJsonScalar() throws Exception {
        JsonNode doc = json.readTree("{\"i\": 42, \"big\": 12345678901234, \"d\": 2.5, \"b\": true, \"s\": \"RUN\","
                + " \"n\": null}");
        assertThat(read(doc, "/i")).isEqualTo(42L);
        assertThat(read(doc, "/big")).isEqualTo(12345678901234L);
        assertThat(read(doc, "/d")).isEqualTo(2.5);
        assertThat(read(doc, "/b")).isEqualTo(true);
        assertThat(read(doc, "/s")).isEqualTo("RUN");
        assertThat(read(doc, "/n")).isNull();
    }

    @Test
    void shouldReadTheTimestampAsEpochMillisOrIso8601() throws Exception {
        // 2025-03-01T07:00:00.5+01:00 is 2025-03-01T06:00:00.500Z
        assertThat(time("{\"v\": 1, \"ts\": 1740808800250}")).isEqualTo(Instant.ofEpochMilli(1740808800250L));
        assertThat(time("{\"v\": 1, \"ts\": \"1740808800250\"}")).isEqualTo(Instant.ofEpochMilli(1740808800250L));
        assertThat(time("{\"v\": 1, \"ts\": \"2025-03-01T07:00:00.5+01:00\"}"))
                .isEqualTo(Instant.parse("2025-03-01T06:00:00.500Z"));
        assertThat(time("{\"v\": 1, \"ts\": \"2025-03-01T06:00:01Z\"}")).isEqualTo(Instant.parse("2025-03-01T06:00:01Z"));
    }

    @Test
    void shouldFindNothingUsableInObjectsMissingValuesOrBadTimestamps() throws Exception {
        JsonTopicMapping mapping = mapping("/v", "/ts");
        assertThat(mapping.read(json.readTree("{\"v\": {\"a\": 1}}"), RECEIVED))
                .isInstanceOf(JsonTopicMapping.Unusable.class);
        assertThat(mapping.read(json.readTree("{\"w\": 1}"), RECEIVED)).isInstanceOf(JsonTopicMapping.Unusable.class);
        assertThat(mapping.read(json.readTree("{\"v\": 1, \"ts\": \"yesterday\"}"), RECEIVED))
                .isInstanceOf(JsonTopicMapping.Unusable.class);
    }

    @Test
    void shouldFormAddressesFromTheTopicAndItsLevels() {
        String topic = "plant1/line1/press1/status";
        assertThat(AddressTemplate.TOPIC.apply(topic)).contains(topic);
        assertThat(AddressTemplate.parse("{1}/{2}/State").apply(topic)).contains("line1/press1/State");
        assertThat(AddressTemplate.parse("{topic}/state").apply(topic)).contains("plant1/line1/press1/status/state");
        assertThat(AddressTemplate.parse("{7}/x").apply(topic)).isEmpty();
        assertThatThrownBy(() -> AddressTemplate.parse("{device}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressTemplate.parse("a}b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadMappingsFromTheConnectionMap() {
        // Given a connection map as the tag map's YAML would give it
        Map<String, Object> connection = Map.of("host", "broker.local", "port", 1884, "qos", 0,
                "mappings", List.of(Map.of("topic", "plant1/+/+/status", "value", "/state", "timestamp", "/ts",
                        "address", "{1}/{2}/State")));

        // When
        MqttJsonSettings settings = MqttJsonSettings.fromConnection("json-line1", connection);

        // Then
        assertThat(settings.connection().host()).isEqualTo("broker.local");
        assertThat(settings.connection().port()).isEqualTo(1884);
        assertThat(settings.connection().clientId()).isEqualTo("takt-json-line1");
        assertThat(settings.qos()).isZero();
        JsonTopicMapping mapping = settings.mappings().get(0);
        assertThat(mapping.topic()).hasToString("plant1/+/+/status");
        assertThat(mapping.value()).hasToString("/state");
        assertThat(mapping.timestamp()).hasToString("/ts");
        assertThat(mapping.address()).hasToString("{1}/{2}/State");
    }

    @Test
    void shouldNameEveryProblemOfABadConnectionMap() {
        // Given a port out of range, an unknown key and a mapping without value and with a bad filter
        Map<String, Object> connection = Map.of("port", 70000, "prot", 1,
                "mappings", List.of(Map.of("topic", "a/#/b", "adress", "x")));

        // When / Then
        assertThatThrownBy(() -> MqttJsonSettings.fromConnection("json-line1", connection))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(5).allMatch(p ->
                        p.startsWith("Source 'json-line1': ")))
                .hasMessageContaining("'port': must be an integer in [1, 65535]")
                .hasMessageContaining("unknown connection key 'prot'")
                .hasMessageContaining("mappings[0] has unknown key 'adress'")
                .hasMessageContaining("mappings[0] needs 'value'")
                .hasMessageContaining("mappings[0].topic 'a/#/b' is invalid");
    }

    @Test
    void shouldRequireMappings() {
        assertThatThrownBy(() -> MqttJsonSettings.fromConnection("json-line1", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'mappings' must be a non-empty list");
    }

    private Object read(JsonNode doc, String pointer) {
        JsonTopicMapping.Reading reading = mapping(pointer, null).read(doc, RECEIVED);
        assertThat(reading).isInstanceOf(JsonTopicMapping.Found.class);
        return ((JsonTopicMapping.Found) reading).value();
    }

    private Instant time(String text) throws Exception {
        JsonTopicMapping.Reading reading = mapping("/v", "/ts").read(json.readTree(text), RECEIVED);
        return ((JsonTopicMapping.Found) reading).sourceTime();
    }

    private static JsonTopicMapping mapping(String value, String timestamp) {
        return new JsonTopicMapping(TopicFilter.parse("#"), JsonPointer.compile(value),
                timestamp == null ? null : JsonPointer.compile(timestamp), AddressTemplate.TOPIC);
    }
}
