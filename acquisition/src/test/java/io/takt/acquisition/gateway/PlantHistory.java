package io.takt.acquisition.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.takt.acquisition.simulator.plant.Plant;
import io.takt.acquisition.simulator.plant.PlantListener;

/** Every tag change the simulator made, as the truth the gateway's events are checked against. */
final class PlantHistory implements PlantListener {

    record Change(Instant time, Object value) {
    }

    private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();

    /** Records every tag's value before the simulation starts: tags that never change have only this one. */
    void recordInitialValues(Plant plant) {
        for (var machine : plant.machines()) {
            plant.tagValues(machine.id()).forEach((tag, value) -> onTagChanged(machine.id(), tag, value, Instant.MIN));
        }
    }

    @Override
    public void onTagChanged(String machineId, String tag, Object value, Instant time) {
        changes.computeIfAbsent(machineId + "." + tag, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Change(time, value));
    }

    /** The tag's value at {@code time}: the last change at or before it (the last of several at one instant). */
    Object valueAt(String machineTag, Instant time) {
        Object value = null;
        for (Change c : history(machineTag)) {
            if (c.time().isAfter(time)) {
                break;
            }
            value = c.value();
        }
        return value;
    }

    /** The changes after {@code from} up to and including {@code to}. */
    List<Change> between(String machineTag, Instant from, Instant to) {
        return history(machineTag).stream().filter(c -> c.time().isAfter(from) && !c.time().isAfter(to)).toList();
    }

    /**
     * The parts a PLC counter tag counted after {@code from} up to and including {@code to}, by the
     * simulator's own changes: each step up by exactly one (from the top of a {@code modulus}-wide
     * counter to 0 included) is one part; a fall to 0 otherwise is a reset and counts none. The
     * simulator's counters move in no other way, so any other change fails loudly.
     */
    long partsCounted(String counterTag, Instant from, Instant to, long modulus) {
        long previous = ((Number) valueAt(counterTag, from)).longValue();
        long parts = 0;
        for (Change change : between(counterTag, from, to)) {
            long value = ((Number) change.value()).longValue();
            if (value == (previous + 1) % modulus) {
                parts++;
            } else if (value != 0) {
                throw new IllegalStateException(counterTag + " jumped from " + previous + " to " + value + " at "
                        + change.time());
            }
            previous = value;
        }
        return parts;
    }

    private List<Change> history(String machineTag) {
        List<Change> list = changes.getOrDefault(machineTag, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
