package io.takt.oee.query;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.takt.schemas.EquipmentRef;

/**
 * Which machines' stops a query covers: one machine ({@code equipment=}), the machines of a line
 * ({@code line=site.area.line}) or an area ({@code area=site.area}), or all of them (neither).
 */
record EquipmentScope(Level level, String id) {

    /** How wide the scope is; the name is also the query parameter that chooses it. */
    enum Level {
        EQUIPMENT, LINE, AREA, SITE
    }

    static final List<String> PARAMETERS = List.of("equipment", "line", "area");

    /** The scope the request's {@code equipment}, {@code line} or {@code area} parameter names. */
    static EquipmentScope from(QueryParameters parameters) {
        List<EquipmentScope> given = new ArrayList<>();
        for (Level level : List.of(Level.EQUIPMENT, Level.LINE, Level.AREA)) {
            String id = parameters.text(parameterOf(level));
            if (id != null) {
                given.add(new EquipmentScope(level, id));
            }
        }
        if (given.size() > 1) {
            throw QueryProblem.badParameter(parameterOf(given.get(1).level()),
                    "Give at most one of " + PARAMETERS + ", not " + parameterOf(given.get(0).level()) + " and "
                            + parameterOf(given.get(1).level()));
        }
        return given.isEmpty() ? new EquipmentScope(Level.SITE, null) : given.get(0);
    }

    /** One machine: its stops all live on the instance that owns it. */
    boolean single() {
        return level == Level.EQUIPMENT;
    }

    /** Whether a stop of {@code machine} is in scope; line and area ids are the ISA-95 path joined by dots. */
    boolean holds(EquipmentRef machine) {
        return switch (level) {
            case EQUIPMENT -> machine.getId().equals(id);
            case LINE -> id.equals(machine.getSite() + "." + machine.getArea() + "." + machine.getLine());
            case AREA -> id.equals(machine.getSite() + "." + machine.getArea());
            case SITE -> true;
        };
    }

    /** The parameter that gives this scope, for a request to another instance; empty for the whole site. */
    String toQuery() {
        return level == Level.SITE ? "" : parameterOf(level) + "=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static String parameterOf(Level level) {
        return level.name().toLowerCase(java.util.Locale.ROOT);
    }
}
