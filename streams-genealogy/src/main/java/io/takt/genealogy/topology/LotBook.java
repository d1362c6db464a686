package io.takt.genealogy.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.takt.schemas.InspectionResult;
import io.takt.schemas.LotInspection;
import io.takt.schemas.MaterialLot;
import io.takt.schemas.MaterialMovement;
import io.takt.schemas.MovementKind;
import io.takt.schemas.Quantity;
import io.takt.schemas.QualityResult;

/**
 * Adds up what happened to each lot (keyed by lot id) into its {@link MaterialLot}: the material,
 * the quantities produced into and consumed from it, where, when and by which order it was made,
 * its serial numbers and its quality, and writes the whole record again after each change.
 */
final class LotBook implements Processor<String, LotEvent, String, MaterialLot> {

    /** Quality results kept per lot: the batch record shows the newest. */
    static final int INSPECTIONS_KEPT = 100;

    private ProcessorContext<String, MaterialLot> context;
    private KeyValueStore<String, MaterialLot> lots;

    @Override
    public void init(ProcessorContext<String, MaterialLot> context) {
        this.context = context;
        this.lots = context.getStateStore(GenealogyTopology.LOTS);
    }

    @Override
    public void process(Record<String, LotEvent> record) {
        String lotId = record.key();
        MaterialLot lot = lots.get(lotId);
        boolean changed;
        if (record.value() instanceof LotEvent.Booked booked) {
            lot = lot == null ? newLot(lotId, booked.movement()) : lot;
            changed = book(lot, booked.movement());
        } else if (record.value() instanceof LotEvent.Closed closed) {
            if (lot == null) {
                return; // closed before any movement of it was read: its own movement will come first
            }
            lot.setProducedUntil(Instant.ofEpochMilli(closed.time()));
            changed = true;
        } else if (record.value() instanceof LotEvent.Inspected inspected) {
            lot = lot == null ? unknownLot(lotId) : lot;
            changed = inspect(lot, inspected.result());
        } else {
            return;
        }
        if (changed) {
            lots.put(lotId, lot);
            context.forward(new Record<>(lotId, lot, record.timestamp()));
        }
    }

    private static MaterialLot newLot(String lotId, MaterialMovement first) {
        return MaterialLot.newBuilder().setLotId(lotId).setMaterialId(first.getMaterialId())
                .setQuality(InspectionResult.UNKNOWN).setUpdatedAt(first.getSourceTimestamp()).build();
    }

    /** A lot known only from a quality result: its material is not known yet. */
    private static MaterialLot unknownLot(String lotId) {
        return MaterialLot.newBuilder().setLotId(lotId).setMaterialId("")
                .setQuality(InspectionResult.UNKNOWN).setUpdatedAt(Instant.EPOCH).build();
    }

    private static boolean book(MaterialLot lot, MaterialMovement movement) {
        if (movement.getKind() == MovementKind.PRODUCED) {
            lot.setMaterialId(movement.getMaterialId());
            lot.setProducedQuantity(add(lot.getProducedQuantity(), movement.getQuantity()));
            if (lot.getProducedFrom() == null || movement.getSourceTimestamp().isBefore(lot.getProducedFrom())) {
                lot.setProducedFrom(movement.getSourceTimestamp());
                lot.setWorkOrderId(movement.getWorkOrderId());
                lot.setOperationId(movement.getOperationId());
                lot.setEquipment(movement.getEquipment());
            }
        } else if (movement.getKind() == MovementKind.CONSUMED) {
            if (lot.getMaterialId().isEmpty()) {
                lot.setMaterialId(movement.getMaterialId());
            }
            lot.setConsumedQuantity(add(lot.getConsumedQuantity(), movement.getQuantity()));
        } else {
            return false;
        }
        String serial = movement.getSerialNumber();
        if (serial != null && !lot.getSerialNumbers().contains(serial)) {
            List<String> serials = new ArrayList<>(lot.getSerialNumbers());
            serials.add(serial);
            lot.setSerialNumbers(serials);
        }
        lot.setUpdatedAt(later(lot.getUpdatedAt(), movement.getSourceTimestamp()));
        return true;
    }

    /** Adds a result, once: the same check of the same unit at the same time is a resend. */
    private static boolean inspect(MaterialLot lot, QualityResult result) {
        LotInspection inspection = LotInspection.newBuilder().setCharacteristic(result.getCharacteristic())
                .setVerdict(result.getVerdict()).setMeasuredValue(result.getMeasuredValue()).setUom(result.getUom())
                .setSerialNumber(result.getSerialNumber()).setCheckedAt(result.getSourceTimestamp()).build();
        if (lot.getInspections().contains(inspection)) {
            return false;
        }
        List<LotInspection> inspections = new ArrayList<>(lot.getInspections());
        inspections.add(inspection);
        if (inspections.size() > INSPECTIONS_KEPT) {
            inspections.remove(0);
        }
        lot.setInspections(inspections);
        if (result.getVerdict() == InspectionResult.FAIL) {
            lot.setQuality(InspectionResult.FAIL);
        } else if (result.getVerdict() == InspectionResult.PASS && lot.getQuality() == InspectionResult.UNKNOWN) {
            lot.setQuality(InspectionResult.PASS);
        }
        lot.setUpdatedAt(later(lot.getUpdatedAt(), result.getSourceTimestamp()));
        return true;
    }

    /** Quantities of one unit add up; a movement in another unit replaces the sum (units are never converted). */
    private static Quantity add(Quantity sum, Quantity more) {
        if (sum == null || !sum.getUom().equals(more.getUom())) {
            return new Quantity(more.getValue(), more.getUom());
        }
        return new Quantity(sum.getValue() + more.getValue(), sum.getUom());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
