package io.takt.oee.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.takt.schemas.DowntimeEvent;

/**
 * A loss Pareto over a period: the stop time of each reason (the stop's reason code, else its
 * state's name) clipped to the period, biggest loss first. Partial Paretos of several instances
 * add up with {@link #addAll(JsonNode)}; shares and the top-n cut are taken only at the end.
 */
final class LossPareto {

    /** The loss of one reason: stop time inside the period and the number of stops. */
    record Loss(String reason, long lostMillis, long stops) {
    }

    private static final Comparator<Loss> BIGGEST_FIRST = Comparator.comparingLong(Loss::lostMillis).reversed()
            .thenComparing(Comparator.comparingLong(Loss::stops).reversed())
            .thenComparing(Loss::reason);

    private final Period period;
    private final Map<String, Loss> byReason = new HashMap<>();

    LossPareto(Period period) {
        this.period = period;
    }

    /**
     * Adds a stop's time inside the period (an open stop counts its duration so far). A stop counts
     * when it starts in the period or overlaps it.
     */
    void add(DowntimeEvent stop) {
        long start = stop.getStart().toEpochMilli();
        long lost = period.overlapMillis(start, start + stop.getDurationMillis());
        if (lost > 0 || period.holds(start)) {
            add(reasonOf(stop), lost, 1);
        }
    }

    /** Adds the losses of a partial Pareto rendered by {@link #toJson(int)}. */
    void addAll(JsonNode partial) {
        for (JsonNode loss : partial.path("losses")) {
            add(loss.path("reason").asText(), loss.path("lostMillis").asLong(), loss.path("stops").asLong());
        }
    }

    void add(String reason, long lostMillis, long stops) {
        byReason.merge(reason, new Loss(reason, lostMillis, stops),
                (a, b) -> new Loss(reason, a.lostMillis() + b.lostMillis(), a.stops() + b.stops()));
    }

    /** The stop's reason code, or its state's name when it has none. */
    static String reasonOf(DowntimeEvent stop) {
        String code = stop.getReasonCode();
        return code == null || code.isBlank() ? stop.getState().name() : code;
    }

    /** All losses, biggest first (ties: more stops first, then by reason). */
    List<Loss> ranked() {
        List<Loss> losses = new ArrayList<>(byReason.values());
        losses.sort(BIGGEST_FIRST);
        return losses;
    }

    long totalLostMillis() {
        return byReason.values().stream().mapToLong(Loss::lostMillis).sum();
    }

    long totalStops() {
        return byReason.values().stream().mapToLong(Loss::stops).sum();
    }

    /** The Pareto as JSON with the {@code top} biggest losses; shares are of the total over all reasons. */
    ObjectNode toJson(int top) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        long total = totalLostMillis();
        ObjectNode pareto = nodes.objectNode();
        pareto.put("from", period.from().toString());
        pareto.put("to", period.to().toString());
        pareto.put("totalLostMillis", total);
        pareto.put("totalStops", totalStops());
        ArrayNode losses = pareto.putArray("losses");
        for (Loss loss : ranked().stream().limit(top).toList()) {
            ObjectNode row = losses.addObject();
            row.put("reason", loss.reason());
            row.put("lostMillis", loss.lostMillis());
            row.put("stops", loss.stops());
            if (total > 0) {
                row.put("share", (double) loss.lostMillis() / total);
            } else {
                row.putNull("share");
            }
        }
        return pareto;
    }
}
