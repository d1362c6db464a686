package io.takt.oee.query;

import static io.takt.oee.query.PlantRecords.machine;
import static io.takt.oee.query.PlantRecords.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.WindowKind;

class QueryParametersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void shouldDefaultToHourWindowsOfTheLast24Hours() {
        // Given no parameters
        // When a window query is read at 12:00
        WindowQuery query = WindowQuery.parse("press3", parameters(Map.of(), WindowQuery.PARAMETERS), NOW);

        // Then hours from 12:00 - 24 h = the day before 12:00, up to now
        assertThat(query.kind()).isEqualTo(WindowKind.HOUR);
        assertThat(query.period()).isEqualTo(new Period(Instant.parse("2026-11-24T12:00:00Z"), NOW));
    }

    @Test
    void shouldReadAnOffsetInstantAndAWindowNameInAnyCase() {
        // Given from with a +01:00 offset
        WindowQuery query = WindowQuery.parse("press3", parameters(Map.of("window", "Shift",
                "from", "2026-11-25T07:00:00+01:00", "to", "2026-11-25T10:00:00Z"), WindowQuery.PARAMETERS), NOW);

        // Then 07:00+01:00 is 06:00Z
        assertThat(query.kind()).isEqualTo(WindowKind.SHIFT);
        assertThat(query.period().from()).isEqualTo(Instant.parse("2026-11-25T06:00:00Z"));
    }

    @Test
    void shouldNameTheParameterAtFault() {
        assertBad(() -> WindowQuery.parse("p", parameters(Map.of("window", "week"), WindowQuery.PARAMETERS), NOW),
                "window");
        assertBad(() -> WindowQuery.parse("p", parameters(Map.of("from", "yesterday"), WindowQuery.PARAMETERS), NOW),
                "from");
        // from 12:00 is not before to 11:00
        assertBad(() -> WindowQuery.parse("p", parameters(Map.of("from", "2026-11-25T12:00:00Z",
                "to", "2026-11-25T11:00:00Z"), WindowQuery.PARAMETERS), NOW), "to");
        assertBad(() -> DowntimeQuery.parse(parameters(Map.of("limit", "0"), DowntimeQuery.PARAMETERS), NOW), "limit");
        assertBad(() -> DowntimeQuery.parse(parameters(Map.of("state", "FAULT,BROKEN"), DowntimeQuery.PARAMETERS),
                NOW), "state");
        assertBad(() -> DowntimeQuery.parse(parameters(Map.of("minor", "yes"), DowntimeQuery.PARAMETERS), NOW),
                "minor");
        assertBad(() -> DowntimeQuery.parse(parameters(Map.of("equipment", "a", "line", "b"),
                DowntimeQuery.PARAMETERS), NOW), "line");
        assertBad(() -> parameters(Map.of("equipement", "press3"), DowntimeQuery.PARAMETERS), "equipement");
    }

    @Test
    void shouldFilterStopsByLineStateAndMinor() {
        // Given a downtime query for line site1.assembly.line2, FAULT only, no minor stops, 06:00-08:00
        DowntimeQuery query = DowntimeQuery.parse(parameters(Map.of("line", "site1.assembly.line2",
                "state", "fault", "minor", "false", "from", "2026-11-25T06:00:00Z", "to", "2026-11-25T08:00:00Z"),
                DowntimeQuery.PARAMETERS), NOW);
        EquipmentRef press3 = machine("assembly", "line2", "press3");
        EquipmentRef press9 = machine("assembly", "line9", "press9");

        // Then only a long FAULT of a line2 machine starting in the period passes
        assertThat(query.holds(stop(press3, MachineState.FAULT, null, "2026-11-25T06:30:00Z", Duration.ofMinutes(5))))
                .isTrue();
        assertThat(query.holds(stop(press9, MachineState.FAULT, null, "2026-11-25T06:30:00Z", Duration.ofMinutes(5))))
                .isFalse();
        assertThat(query.holds(stop(press3, MachineState.IDLE, null, "2026-11-25T06:30:00Z", Duration.ofMinutes(5))))
                .isFalse();
        // 30 s is under the 2 min threshold of the fixture: a minor stop
        assertThat(query.holds(stop(press3, MachineState.FAULT, null, "2026-11-25T06:30:00Z", Duration.ofSeconds(30))))
                .isFalse();
        assertThat(query.holds(stop(press3, MachineState.FAULT, null, "2026-11-25T08:00:00Z", Duration.ofMinutes(5))))
                .isFalse();
    }

    @Test
    void shouldLeavePlannedStopsOutOfTheParetoUnlessAsked() {
        // Given a planned stop of press3
        DowntimeEvent planned = stop(machine("assembly", "line2", "press3"), MachineState.PLANNED_STOP, "BREAK",
                "2026-11-25T09:00:00Z", Duration.ofMinutes(30));

        // When Pareto queries are read without and with planned=true
        ParetoQuery byDefault = ParetoQuery.parse(parameters(Map.of(), ParetoQuery.PARAMETERS), NOW);
        ParetoQuery withPlanned = ParetoQuery.parse(parameters(Map.of("planned", "true"), ParetoQuery.PARAMETERS), NOW);

        // Then only the second takes it, and both default to the top 10
        assertThat(byDefault.holds(planned)).isFalse();
        assertThat(withPlanned.holds(planned)).isTrue();
        assertThat(byDefault.top()).isEqualTo(10);
    }

    private static QueryParameters parameters(Map<String, String> values, Set<String> allowed) {
        Map<String, List<String>> lists = new java.util.HashMap<>();
        values.forEach((name, value) -> lists.put(name, List.of(value)));
        return QueryParameters.of(lists, allowed);
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String parameter) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QueryProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.parameter()).isEqualTo(parameter);
        });
    }
}
