package io.takt.acquisition.mqtt.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.takt.acquisition.tagmap.ConnectionEntry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a JSON source's {@code mappings:}: which topics it reads, where in the JSON document
 * the value (and optionally the time) is, and which tag address it gives the value.
 *
 * <pre>
 * - topic: plant1/+/+/status        # MQTT topic filter, + and # allowed
 *   value: /state                   # JSON pointer (RFC 6901) to the value
 *   timestamp: /ts                  # optional JSON pointer: epoch ms, or ISO-8601 text
 *   address: "{1}/{2}/State"        # optional, default {topic}; see AddressTemplate
 * </pre>
 *
 * Values are normalised: a JSON integer to Long, another number to Double, true/false to Boolean,
 * text to String, JSON null to NO_DATA. Objects and arrays are not tag values.
 *
 * @param topic     the topics this mapping reads
 * @param value     where the value is
 * @param timestamp where the source time is, or null to use the receive time
 * @param address   how the address is formed from the topic
 */
public record JsonTopicMapping(TopicFilter topic, JsonPointer value, JsonPointer timestamp, AddressTemplate address) {

    static final Set<String> KEYS = Set.of("topic", "value", "timestamp", "address");

    public JsonTopicMapping {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(address, "address");
    }

    /** What the mapping found in one message. */
    sealed interface Reading {
    }

    /** A value (null for JSON null) and its source time. */
    record Found(Object value, Instant sourceTime) implements Reading {
    }

    /** Nothing usable; {@code reason} says why. */
    record Unusable(String reason) implements Reading {
    }

    /** Reads this mapping's value and time from {@code document}, received at {@code receiveTime}. */
    Reading read(JsonNode document, Instant receiveTime) {
        JsonNode node = document.at(value);
        if (node.isMissingNode()) {
            return new Unusable("no value at " + value);
        }
        Object normalised;
        if (node.isNull()) {
            normalised = null;
        } else if (node.isBoolean()) {
            normalised = node.booleanValue();
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            normalised = node.longValue();
        } else if (node.isNumber()) {
            normalised = node.doubleValue();
        } else if (node.isTextual()) {
            normalised = node.textValue();
        } else {
            return new Unusable("the value at " + value + " is a JSON " + node.getNodeType().name().toLowerCase()
                    + ", not a number, boolean or text");
        }
        return time(document, receiveTime).<Reading>map(t -> new Found(normalised, t))
                .orElseGet(() -> new Unusable("the timestamp at " + timestamp + " is neither epoch ms nor ISO-8601"));
    }

    private Optional<Instant> time(JsonNode document, Instant receiveTime) {
        if (timestamp == null) {
            return Optional.of(receiveTime);
        }
        JsonNode node = document.at(timestamp);
        if (node.isIntegralNumber()) {
            return Optional.of(Instant.ofEpochMilli(node.longValue()));
        }
        if (!node.isTextual()) {
            return Optional.empty();
        }
        String text = node.textValue().trim();
        try {
            return Optional.of(text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                    ? Instant.ofEpochMilli(Long.parseLong(text)) : OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Reads the {@code mappings} list of a connection entry; problems are added to the entry. */
    static List<JsonTopicMapping> listFrom(ConnectionEntry entry, String key) {
        Object raw = entry.structured(key);
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            entry.problem("connection key '" + key + "' must be a non-empty list of {topic, value, timestamp?,"
                    + " address?}");
            return List.of();
        }
        List<JsonTopicMapping> mappings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = key + "[" + i + "]";
            if (list.get(i) instanceof Map<?, ?> map) {
                from(entry, where, map).ifPresent(mappings::add);
            } else {
                entry.problem(where + " must be a map of topic, value, timestamp and address");
            }
        }
        return mappings;
    }

    private static Optional<JsonTopicMapping> from(ConnectionEntry entry, String where, Map<?, ?> map) {
        int before = entry.problems().size();
        map.keySet().stream().filter(k -> !KEYS.contains(String.valueOf(k))).forEach(k ->
                entry.problem(where + " has unknown key '" + k + "'; known keys are " + KEYS));
        TopicFilter topic = parse(entry, where, "topic", map.get("topic"), true, TopicFilter::parse);
        JsonPointer value = parse(entry, where, "value", map.get("value"), true, JsonTopicMapping::pointer);
        JsonPointer timestamp = parse(entry, where, "timestamp", map.get("timestamp"), false,
                JsonTopicMapping::pointer);
        AddressTemplate address = Optional.ofNullable(
                parse(entry, where, "address", map.get("address"), false, AddressTemplate::parse))
                .orElse(AddressTemplate.TOPIC);
        return entry.problems().size() > before ? Optional.empty()
                : Optional.of(new JsonTopicMapping(topic, value, timestamp, address));
    }

    private static <T> T parse(ConnectionEntry entry, String where, String key, Object raw, boolean required,
            java.util.function.Function<String, T> parser) {
        if (raw == null) {
            if (required) {
                entry.problem(where + " needs '" + key + "'");
            }
            return null;
        }
        try {
            return parser.apply(String.valueOf(raw));
        } catch (IllegalArgumentException e) {
            entry.problem(where + "." + key + " '" + raw + "' is invalid: " + e.getMessage());
            return null;
        }
    }

    private static JsonPointer pointer(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a JSON pointer starts with '/', e.g. /value or /data/0/temp");
        }
        return JsonPointer.compile(text);
    }
}
