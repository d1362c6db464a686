package io.takt.oee.query;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.MachineState;

/**
 * {@code GET /api/pareto}: the loss Pareto of a scope over [from, to), the {@code top} biggest
 * reasons; planned stops only when {@code planned=true}.
 */
record ParetoQuery(EquipmentScope scope, Period period, int top, boolean planned) {

    static final int DEFAULT_TOP = 10;
    static final int MAX_TOP = 1_000;
    static final Set<String> PARAMETERS = Stream.concat(EquipmentScope.PARAMETERS.stream(),
            Stream.of("from", "to", "top", "planned", "shift")).collect(Collectors.toUnmodifiableSet());

    static ParetoQuery parse(QueryParameters parameters, Instant now) {
        Boolean planned = parameters.flag("planned");
        return new ParetoQuery(EquipmentScope.from(parameters), parameters.period(now),
                parameters.number("top", DEFAULT_TOP, 1, MAX_TOP), Boolean.TRUE.equals(planned));
    }

    /** The same query over another period, e.g. a shift's. */
    ParetoQuery over(Period shift) {
        return new ParetoQuery(scope, shift, top, planned);
    }

    /** Whether the stop belongs to the Pareto (scope and planned filter; the period clips it later). */
    boolean holds(DowntimeEvent stop) {
        return scope.holds(stop.getEquipment()) && (planned || stop.getState() != MachineState.PLANNED_STOP);
    }

    /** The query another instance answers with its part: every reason, so no top. */
    String toPartialQuery() {
        String query = period.toQuery() + "&planned=" + planned;
        return scope.toQuery().isEmpty() ? query : query + "&" + scope.toQuery();
    }
}
