package io.takt.acquisition.simulator.plant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LotGenealogyTest {

    private static final Instant START = Instant.parse("2025-03-03T05:00:00Z");

    private final Plant plant = new Plant(PlantSettings.builder().seed(21).start(START).build());
    private final TagChangeRecorder recorder = TagChangeRecorder.on(plant);

    @Test
    void shouldChainRawLotsThroughIntermediatesToFinishedGoodsAcrossLines() {
        // Given the default 3-line flow: Line1 RAW → INT, Line2 INT → INT, Line3 INT → FG
        // When it runs twelve hours
        plant.advance(Duration.ofHours(12));

        // Then some finished-goods lot traces back, line by line, to raw lots
        Map<String, Lot> lots = recorder.lots.stream().collect(Collectors.toMap(Lot::id, Function.identity()));
        boolean fullChain = recorder.lots.stream()
                .filter(fg -> fg.id().startsWith("FG-") && fg.machineId().equals("Line3.Checkweigher1"))
                .flatMap(fg -> fg.sources().stream().map(lots::get))
                .filter(intermediate -> intermediate != null && intermediate.machineId().equals("Line2.Vision1"))
                .flatMap(intermediate -> intermediate.sources().stream().map(lots::get))
                .filter(first -> first != null && first.machineId().equals("Line1.Gauge1"))
                .anyMatch(first -> !first.sources().isEmpty()
                        && first.sources().stream().allMatch(id -> id.startsWith("RAW-")));
        assertThat(fullChain).isTrue();
    }

    @Test
    void shouldLoadOpeningStockFirstThenTheLotsTheLineBeforeCompleted() {
        // Given lot numbers handed out as the plant is built: Line1.Gauge1 opens INT-000001, then
        // the two opening-stock lots before Line2 are INT-000002 and INT-000003, and Line2 has
        // already loaded INT-000002 for the work in progress in its buffers
        assertThat(plant.tagValues("Line2.Washer1")).containsEntry(TagDefinition.LOT_IN, "INT-000002");

        // When it runs six hours
        plant.advance(Duration.ofHours(6));

        // Then Line2.Washer1 loads the other opening lot next, then Line1's first lot
        var loaded = recorder.of("Line2.Washer1", TagDefinition.LOT_IN).stream().map(c -> c.value()).toList();
        assertThat(loaded).startsWith("INT-000003", "INT-000001");
        // And each lot it loads was completed by Line1 before it was loaded
        Map<String, Instant> completedByLine1 = recorder.lots.stream()
                .filter(l -> l.machineId().equals("Line1.Gauge1"))
                .collect(Collectors.toMap(Lot::id, Lot::completed));
        recorder.of("Line2.Washer1", TagDefinition.LOT_IN).stream().skip(1)
                .forEach(c -> assertThat(completedByLine1.get(c.value())).as((String) c.value())
                        .isNotNull().isBeforeOrEqualTo(c.time()));
    }

    @Test
    void shouldShowTheNextLotOnLotOutWithItsFirstPartAndEachPartsInputLotOnLotSource() {
        // Given the plant running
        // When it runs four hours
        plant.advance(Duration.ofHours(4));

        // Then each lot Line1 fills shows on LotOut when its first part goes in: the first lot at the
        // first part, each next one after the lot before was completed
        var lotOut = recorder.of("Line1.Gauge1", TagDefinition.LOT_OUT);
        var completed = recorder.lots.stream().filter(l -> l.machineId().equals("Line1.Gauge1")).toList();
        assertThat(completed).isNotEmpty();
        assertThat(lotOut.size()).isBetween(completed.size(), completed.size() + 1);
        for (int i = 0; i < completed.size(); i++) {
            assertThat(lotOut.get(i).value()).isEqualTo(completed.get(i).id());
            if (i > 0) {
                assertThat(lotOut.get(i).time()).isAfter(completed.get(i - 1).completed());
            }
        }
        // And the input lots LotSource showed while a lot was open are exactly the lot's sources
        var sources = recorder.of("Line1.Gauge1", TagDefinition.LOT_SOURCE);
        for (int i = 0; i < completed.size(); i++) {
            var lot = completed.get(i);
            var opened = lotOut.get(i).time();
            String atOpen = lastBefore(sources, opened);
            var shown = new java.util.LinkedHashSet<String>();
            if (atOpen != null) {
                shown.add(atOpen);
            }
            sources.stream().filter(c -> c.time().isAfter(opened) && !c.time().isAfter(lot.completed()))
                    .forEach(c -> shown.add((String) c.value()));
            assertThat(shown).as(lot.id()).containsExactlyElementsOf(lot.sources());
        }
        // And a full intermediate lot holds 100 parts, a lot closed early by a changeover fewer
        assertThat(completed).allSatisfy(l -> assertThat(l.quantity()).isBetween(1, 100));
    }

    /** The value shown at {@code time} (a change at that very instant included). */
    private static String lastBefore(java.util.List<TagChangeRecorder.Change> changes, java.time.Instant time) {
        String value = null;
        for (var change : changes) {
            if (!change.time().isAfter(time)) {
                value = (String) change.value();
            }
        }
        return value;
    }
}
