package io.takt.acquisition.simulator.plant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Keeps every change a plant publishes, in order, for tests to examine. */
final class TagChangeRecorder implements PlantListener {

    /** One published change. */
    record Change(Instant time, String machineId, String tag, Object value) {
        boolean is(String machine, String tagName) {
            return machineId.equals(machine) && tag.equals(tagName);
        }
    }

    final List<Change> changes = new ArrayList<>();
    final List<Lot> lots = new ArrayList<>();

    static TagChangeRecorder on(Plant plant) {
        TagChangeRecorder recorder = new TagChangeRecorder();
        plant.addListener(recorder);
        return recorder;
    }

    @Override
    public void onTagChanged(String machineId, String tag, Object value, Instant time) {
        changes.add(new Change(time, machineId, tag, value));
    }

    @Override
    public void onLotCompleted(Lot lot) {
        lots.add(lot);
    }

    List<Change> of(String machineId, String tag) {
        return changes.stream().filter(c -> c.is(machineId, tag)).toList();
    }

    /** The value a tag had at {@code time}, from the changes recorded (null if none before). */
    Object valueAt(String machineId, String tag, Instant time) {
        Object value = null;
        for (Change c : changes) {
            if (c.time().isAfter(time)) {
                break;
            }
            if (c.is(machineId, tag)) {
                value = c.value();
            }
        }
        return value;
    }

    long count(String tag, Object value) {
        return changes.stream().filter(c -> c.tag().equals(tag) && Objects.equals(c.value(), value)).count();
    }
}
