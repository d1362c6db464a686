package io.takt.oee.topology;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.serde.AvroSerde;
import io.takt.platform.serde.TaktSerdes;
import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.ProductionCount;
import io.takt.schemas.QualityResult;
import io.takt.schemas.ShiftCalendar;
import io.takt.schemas.WorkOrder;

/** The Avro serdes of every topic streams-oee reads or writes, on one registry client. */
public record OeeSerdes(AvroSerde<MachineStateChanged> machineState, AvroSerde<ProductionCount> productionCount,
                        AvroSerde<QualityResult> qualityResult, AvroSerde<WorkOrder> workOrder,
                        AvroSerde<ShiftCalendar> shiftCalendar, AvroSerde<OeeKpi> oeeKpi,
                        AvroSerde<DowntimeEvent> downtime) {

    /** Serdes on {@code registry}, which the caller owns and closes. */
    public static OeeSerdes on(SchemaRegistryClient registry) {
        return new OeeSerdes(
                TaktSerdes.specific(MachineStateChanged.class, registry, false),
                TaktSerdes.specific(ProductionCount.class, registry, false),
                TaktSerdes.specific(QualityResult.class, registry, false),
                TaktSerdes.specific(WorkOrder.class, registry, false),
                TaktSerdes.specific(ShiftCalendar.class, registry, false),
                TaktSerdes.specific(OeeKpi.class, registry, false),
                TaktSerdes.specific(DowntimeEvent.class, registry, false));
    }
}
