package io.takt.acquisition.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.takt.acquisition.tagmap.Equipment;

/**
 * What is known about one machine besides its tags' own values: the product and work order
 * running, its mode, the stop reason it shows, the lots last scanned. Its monitor
 * is the lock under which all of the machine's samples are mapped, so they are mapped (and their
 * events appended) one at a time, in arrival order.
 */
final class EquipmentContext {

    private final Equipment equipment;
    private final List<StateTag> stateTags = new ArrayList<>();
    private String productId;
    private String workOrderId;
    private String rawMode;
    private Set<String> setupModes = Set.of();
    private String reason;
    private String lotIn;
    private String lotOut;

    EquipmentContext(Equipment equipment) {
        this.equipment = equipment;
    }

    Equipment equipment() {
        return equipment;
    }

    void addStateTag(StateTag tag) {
        stateTags.add(tag);
    }

    List<StateTag> stateTags() {
        return stateTags;
    }

    String productId() {
        return productId;
    }

    void productId(String value) {
        productId = value;
    }

    String workOrderId() {
        return workOrderId;
    }

    void workOrderId(String value) {
        workOrderId = value;
    }

    String rawMode() {
        return rawMode;
    }

    void mode(String value, Set<String> setupModesOfTag) {
        rawMode = value;
        setupModes = setupModesOfTag;
    }

    boolean inSetupMode() {
        return rawMode != null && setupModes.contains(rawMode);
    }

    /** The stop reason the PLC shows now; null when it shows none (0 or blank). */
    String reason() {
        return reason;
    }

    void reason(String value) {
        reason = value;
    }

    void lotIn(String value) {
        lotIn = value;
    }

    void lotOut(String value) {
        lotOut = value;
    }

    /** The lot being worked on: the one last produced into, else the one last consumed. */
    String currentLot() {
        return lotOut != null ? lotOut : lotIn;
    }
}
