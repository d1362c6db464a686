package io.takt.oee;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.takt.platform.config.ConfigType;

/**
 * The notation of {@code oee.ideal-cycle-times}: {@code equipment-id=duration} pairs, comma
 * separated, read once into PRU in ms per unit by equipment id.
 */
final class IdealCycleTimes {

    @SuppressWarnings({"unchecked", "rawtypes"})
    static final ConfigType<Map<String, Double>> TYPE = ConfigType.of("ideal cycle times",
            "equipment=duration pairs such as site1.assembly.line2.press3=1.5s", (Class) Map.class,
            IdealCycleTimes::parse, IdealCycleTimes::format);

    private IdealCycleTimes() {
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> byEquipment = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair.trim() + "' is not equipment=duration");
            }
            Duration pru = ConfigType.DURATION.parse(pair.substring(eq + 1).trim());
            if (pru.toMillis() <= 0) {
                throw new IllegalArgumentException("the ideal cycle time of " + pair.substring(0, eq).trim()
                        + " must be more than 0");
            }
            byEquipment.put(pair.substring(0, eq).trim(), (double) pru.toMillis());
        }
        return Map.copyOf(byEquipment);
    }

    static String format(Map<String, Double> byEquipment) {
        return byEquipment.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + Math.round(entry.getValue()) + "ms")
                .collect(Collectors.joining(","));
    }
}
