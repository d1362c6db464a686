package io.takt.acquisition.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tag changes of one machine at one simulated instant, in the plant's order: what the Sparkplug face
 * publishes as one DDATA, so that a transition's {@code ReasonCode}, {@code Mode} and {@code State}
 * arrive together.
 *
 * @param machineId e.g. {@code Line1.Press1}
 * @param time      simulated time of the changes
 * @param tags      new values by tag name, in the order the plant changed them
 */
record MachineUpdate(String machineId, Instant time, Map<String, Object> tags) {

    /** One change as a {@link io.takt.acquisition.simulator.plant.PlantListener} hears it. */
    record TagChange(String machineId, String tag, Object value, Instant time) {
    }

    /**
     * Groups consecutive changes of one machine at one instant. A tag changing twice at one instant
     * starts a new update, so no value is lost.
     */
    static List<MachineUpdate> group(List<TagChange> changes) {
        List<MachineUpdate> updates = new ArrayList<>();
        MachineUpdate current = null;
        for (TagChange change : changes) {
            if (current == null || !current.takes(change)) {
                current = new MachineUpdate(change.machineId(), change.time(), new LinkedHashMap<>());
                updates.add(current);
            }
            current.tags().put(change.tag(), change.value());
        }
        return updates;
    }

    private boolean takes(TagChange change) {
        return machineId.equals(change.machineId()) && time.equals(change.time()) && !tags.containsKey(change.tag());
    }
}
