package io.takt.acquisition.simulator.plant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A completed material lot: what it is, where and when it was made, how many good parts it holds
 * and which input lots those parts were made from (the genealogy a line really produced).
 *
 * @param id         e.g. {@code INT-000045}
 * @param materialId the product made, e.g. {@code BLANK-100}
 * @param machineId  the last machine of the line that made it
 * @param quantity   good parts in the lot
 * @param sources    input lot ids, in the order first used; empty for opening stock
 * @param completed  simulated time the lot was completed
 */
public record Lot(String id, String materialId, String machineId, int quantity, List<String> sources,
                  Instant completed) {

    public Lot {
        Objects.requireNonNull(id, "id");
        sources = List.copyOf(sources);
    }
}
