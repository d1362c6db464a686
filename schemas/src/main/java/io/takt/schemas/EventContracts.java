package io.takt.schemas;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Every event contract that goes on a Kafka topic (the value schemas of the topic catalogue), for
 * code that must cover all of them: serde round trips, the released-schema check, registry seeding.
 * Shared building blocks ({@link EquipmentRef}, {@link SourceRef}, {@link Quantity}, the enums) are
 * not listed: they travel inside these records.
 */
public final class EventContracts {

    private static final List<Class<? extends SpecificRecordBase>> TYPES = List.of(
            MachineStateChanged.class,
            ProductionCount.class,
            MaterialMovement.class,
            QualityResult.class,
            WorkOrder.class,
            ShiftCalendar.class,
            OeeKpi.class,
            DowntimeEvent.class,
            GenealogyEdge.class,
            MaterialLot.class,
            Confirmation.class);

    private EventContracts() {
    }

    /** The generated classes of every top-level event, in topic-catalogue order. */
    public static List<Class<? extends SpecificRecordBase>> types() {
        return TYPES;
    }

    /** Every top-level event schema by record name (e.g. {@code "MachineStateChanged"}), in topic-catalogue order. */
    public static Map<String, Schema> schemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Class<? extends SpecificRecordBase> type : TYPES) {
            schemas.put(type.getSimpleName(), SpecificData.get().getSchema(type));
        }
        return Collections.unmodifiableMap(schemas);
    }
}
