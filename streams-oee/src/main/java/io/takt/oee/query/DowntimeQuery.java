package io.takt.oee.query;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.MachineState;

/**
 * {@code GET /api/downtime}: stops of a scope that started in [from, to), optionally only some
 * states and only (or no) minor stops, newest first, at most {@code limit}.
 */
record DowntimeQuery(EquipmentScope scope, Period period, Set<MachineState> states, Boolean minor, int limit) {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 10_000;
    static final Set<String> PARAMETERS = Stream.concat(EquipmentScope.PARAMETERS.stream(),
            Stream.of("from", "to", "state", "minor", "limit")).collect(Collectors.toUnmodifiableSet());

    static DowntimeQuery parse(QueryParameters parameters, Instant now) {
        return new DowntimeQuery(EquipmentScope.from(parameters), parameters.period(now),
                parameters.names("state", MachineState.class, EnumSet.allOf(MachineState.class)),
                parameters.flag("minor"), parameters.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    /** Whether the stop passes the scope, period, state and minor-stop filters. */
    boolean holds(DowntimeEvent stop) {
        return scope.holds(stop.getEquipment())
                && period.holds(stop.getStart().toEpochMilli())
                && (states.isEmpty() || states.contains(stop.getState()))
                && (minor == null || minor.equals(stop.getMinorStop()));
    }

    String toQuery() {
        StringBuilder query = new StringBuilder(period.toQuery()).append("&limit=").append(limit);
        if (!scope.toQuery().isEmpty()) {
            query.append('&').append(scope.toQuery());
        }
        if (!states.isEmpty()) {
            query.append("&state=").append(states.stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        if (minor != null) {
            query.append("&minor=").append(minor);
        }
        return query.toString();
    }
}
