package io.takt.acquisition.mapping;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;

import io.takt.acquisition.delivery.EventOutbox;
import io.takt.acquisition.delivery.OutboundEvent;
import io.takt.acquisition.tagmap.Equipment;
import io.takt.acquisition.tagmap.TagDefinition;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.InspectionResult;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.MaterialMovement;
import io.takt.schemas.MovementKind;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityResult;
import io.takt.schemas.Quantity;
import io.takt.schemas.SourceRef;

/**
 * Forms canonical events and appends them to the outbox: machine topics keyed by equipment id,
 * lot topics keyed by lot id, each stamped with its source tag and the next sequence number.
 */
final class EventWriter {

    private final String gatewayId;
    private final TopicCatalogue topics;
    private final EventOutbox outbox;
    private final SequenceStore sequences;
    /**
     * Each known tag's event address, built once: the sequence store looks it up per event, and a
     * string built per event would be hashed per event. Filled before mapping starts, then only read.
     */
    private final Map<TagDefinition, String> addresses = new IdentityHashMap<>();

    EventWriter(String gatewayId, TopicCatalogue topics, EventOutbox outbox, SequenceStore sequences) {
        this.gatewayId = gatewayId;
        this.topics = topics;
        this.outbox = outbox;
        this.sequences = sequences;
    }

    /** Builds the event address of a tag of the tag map now, before any sample is mapped. */
    void register(TagDefinition tag) {
        addresses.put(tag, eventAddress(tag));
    }

    private String address(TagDefinition tag) {
        String known = addresses.get(tag);
        return known != null ? known : eventAddress(tag);
    }

    /**
     * The address in events: the source id and the tag's address, so that two PLCs with the same
     * register layout stay apart in de-duplication, e.g. {@code plc-line2/holding-register:1:UINT}.
     */
    static String eventAddress(TagDefinition tag) {
        return tag.source() + "/" + tag.address();
    }

    void machineState(TagDefinition tag, Equipment equipment, MachineState state, String rawState, String rawMode,
            String reasonCode, Instant sourceTime, Instant receiveTime) {
        String address = address(tag);
        MachineStateChanged event = MachineStateChanged.newBuilder()
                .setEquipment(equipment.toRef())
                .setState(state)
                .setRawState(rawState)
                .setRawMode(rawMode)
                .setReasonCode(reasonCode)
                .setSourceTimestamp(sourceTime)
                .setReceiveTimestamp(receiveTime)
                .setSource(new SourceRef(gatewayId, address))
                .setSequence(sequences.next(address))
                .build();
        outbox.append(new OutboundEvent(topics.machineState().name(), equipment.id(), event));
    }

    void count(TagDefinition tag, Equipment equipment, Counted counted, String productId, String workOrderId,
            Instant sourceTime, Instant receiveTime) {
        String address = address(tag);
        ProductionCount event = ProductionCount.newBuilder()
                .setEquipment(equipment.toRef())
                .setGoodQuantity(counted.good())
                .setScrapQuantity(counted.scrap())
                .setReworkQuantity(counted.rework())
                .setProductId(productId)
                .setWorkOrderId(workOrderId)
                .setSourceTimestamp(sourceTime)
                .setReceiveTimestamp(receiveTime)
                .setSource(new SourceRef(gatewayId, address))
                .setSequence(sequences.next(address))
                .build();
        outbox.append(new OutboundEvent(topics.productionCount().name(), equipment.id(), event));
    }

    void movement(TagDefinition tag, Equipment equipment, MovementKind kind, String lotId, String materialId,
            Quantity quantity, String workOrderId, Instant sourceTime, Instant receiveTime) {
        String address = address(tag);
        MaterialMovement event = MaterialMovement.newBuilder()
                .setKind(kind)
                .setLotId(lotId)
                .setMaterialId(materialId)
                .setQuantity(quantity)
                .setWorkOrderId(workOrderId)
                .setEquipment(equipment.toRef())
                .setSourceTimestamp(sourceTime)
                .setReceiveTimestamp(receiveTime)
                .setSource(new SourceRef(gatewayId, address))
                .setSequence(sequences.next(address))
                .build();
        outbox.append(new OutboundEvent(topics.materialMovement().name(), lotId, event));
    }

    void quality(TagDefinition tag, Equipment equipment, String lotId, Measurement measurement,
            InspectionResult verdict, Instant sourceTime, Instant receiveTime) {
        String address = address(tag);
        QualityResult event = QualityResult.newBuilder()
                .setLotId(lotId)
                .setCharacteristic(measurement.characteristic())
                .setMeasuredValue(measurement.value())
                .setLowerLimit(measurement.lower())
                .setUpperLimit(measurement.upper())
                .setUom(measurement.uom())
                .setVerdict(verdict)
                .setEquipment(equipment.toRef())
                .setSourceTimestamp(sourceTime)
                .setReceiveTimestamp(receiveTime)
                .setSource(new SourceRef(gatewayId, address))
                .setSequence(sequences.next(address))
                .build();
        outbox.append(new OutboundEvent(topics.qualityResult().name(), lotId, event));
    }

    /** Units added, by kind. */
    record Counted(long good, long scrap, long rework) {
    }

    /** A measured value (null for a go/no-go check) with its characteristic and limits. */
    record Measurement(String characteristic, Double value, Double lower, Double upper, String uom) {
    }
}
