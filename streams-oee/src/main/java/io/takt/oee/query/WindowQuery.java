package io.takt.oee.query;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import io.takt.schemas.WindowKind;

/** {@code GET /api/oee/{equipmentId}?window=&from=&to=}: one equipment's windows starting in [from, to). */
record WindowQuery(String equipmentId, WindowKind kind, Period period) {

    static final Set<String> PARAMETERS = Set.of("window", "from", "to");
    static final Set<WindowKind> KINDS = Set.of(WindowKind.MINUTE, WindowKind.HOUR, WindowKind.SHIFT, WindowKind.DAY);

    static WindowQuery parse(String equipmentId, QueryParameters parameters, Instant now) {
        WindowKind kind = parameters.name("window", WindowKind.class, KINDS, WindowKind.HOUR);
        return new WindowQuery(equipmentId, kind, parameters.period(now));
    }

    String toQuery() {
        return "window=" + kind.name().toLowerCase(Locale.ROOT) + "&" + period.toQuery();
    }
}
