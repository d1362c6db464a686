package io.takt.acquisition.simulator.plant;

import java.time.Instant;

/**
 * Hears every change the plant makes, in simulated-time order: how the OPC UA face (and a Modbus
 * face or Sparkplug publisher) mirrors the machines.
 *
 * <p>Callbacks run on the thread that advances the plant while it holds the plant's lock, so they
 * must be quick and must not advance the plant themselves; reading {@link Plant#tagValues} is fine.
 * Within one transition the plant writes {@code ReasonCode} and {@code Mode} before {@code State},
 * all with the same time.
 */
public interface PlantListener {

    /**
     * A tag took a new value.
     *
     * @param machineId the machine, e.g. {@code Line1.Press1}
     * @param tag       the tag below the machine, e.g. {@code State} or {@code Quality.Thickness}
     * @param value     of the Java type its {@link TagType} names
     * @param time      simulated time of the change (the PLC's source timestamp)
     */
    void onTagChanged(String machineId, String tag, Object value, Instant time);

    /** A line completed an output lot; its sources are the input lots its parts came from. */
    default void onLotCompleted(Lot lot) {
    }

    /** A line finished its order and starts {@code order}, e.g. line {@code Line1}; lines start with one each. */
    default void onWorkOrderStarted(String lineId, WorkOrder order) {
    }
}
