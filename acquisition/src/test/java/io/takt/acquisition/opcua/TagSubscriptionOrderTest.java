package io.takt.acquisition.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;

class TagSubscriptionOrderTest {

    private static DataValue at(int value, String time) {
        DateTime source = time == null ? null : new DateTime(Instant.parse(time));
        return new DataValue(new Variant(value), StatusCode.GOOD, source, DateTime.now());
    }

    @Test
    void shouldHandOnAPublishInSourceTimeOrderKeepingTheServersOrderWithinAnInstant() {
        // Given one publish grouped by item: mode 4 at :22, then state 7 at :20 and state 2 at :22
        List<DataValue> publish = List.of(
                at(4, "2026-11-25T06:00:22Z"),
                at(7, "2026-11-25T06:00:20Z"),
                at(2, "2026-11-25T06:00:22Z"));

        // When ordered
        List<Integer> order = TagSubscription.inSourceTimeOrder(publish);

        // Then the state of :20 comes first, and at :22 the mode keeps its place before the state
        assertThat(order).containsExactly(1, 0, 2);
    }

    @Test
    void shouldKeepAValueWithoutSourceTimeAfterItsPredecessor() {
        // Given a value without a source timestamp between two stamped ones
        List<DataValue> publish = List.of(at(1, "2026-11-25T06:00:30Z"), at(2, null), at(3, "2026-11-25T06:00:10Z"));

        // Then it travels with the value before it: 3 (:10), then 1 (:30) and 2
        assertThat(TagSubscription.inSourceTimeOrder(publish)).containsExactly(2, 0, 1);
    }
}
