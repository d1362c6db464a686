package io.takt.erp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.takt.schemas.IdealCycleTime;
import io.takt.schemas.Quantity;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

/**
 * Turns an ERP order with its routing into Takt's {@link WorkOrder}: ids and units through the
 * {@link IdentityMapping}, the planned quantity into the material's base unit, the ERP status into
 * the life-cycle status, one PRU per operation's machine.
 */
final class WorkOrderMapping {

    /** SAP-like system statuses and what they mean on the floor. */
    private static final Map<String, WorkOrderStatus> STATUSES = Map.of(
            "CRTD", WorkOrderStatus.CREATED, "REL", WorkOrderStatus.RELEASED, "PCNF", WorkOrderStatus.IN_PROGRESS,
            "CNF", WorkOrderStatus.COMPLETED, "TECO", WorkOrderStatus.COMPLETED, "CLSD", WorkOrderStatus.CLOSED,
            "DLFL", WorkOrderStatus.CANCELLED);

    private final IdentityMapping mapping;

    WorkOrderMapping(IdentityMapping mapping) {
        this.mapping = mapping;
    }

    /** The Takt equipment of an ERP work center, when the mapping has it. */
    Optional<String> equipment(String workCenter) {
        return mapping.equipment(workCenter);
    }

    /**
     * @param baseUnit   the material's base unit in the ERP
     * @param basePerUnit base units in one unit of the order, 1 when the order is in the base unit
     * @param deleted    the order's row was deleted in the ERP: it will not be produced
     * @throws UnmappedCodeException naming the first code the mapping lacks
     */
    WorkOrder toWorkOrder(ErpOrder order, List<ErpOperation> routing, String baseUnit, double basePerUnit,
                          boolean deleted) {
        String product = required(mapping.product(order.materialCode()).orElse(null), "material",
                order.materialCode(), order);
        String equipment = required(mapping.equipment(order.workCenter()).orElse(null), "work center",
                order.workCenter(), order);
        String unit = required(mapping.unit(baseUnit).orElse(null), "unit of measure", baseUnit, order);
        List<IdealCycleTime> prus = new ArrayList<>();
        for (ErpOperation operation : routing) {
            String machine = required(mapping.equipment(operation.workCenter()).orElse(null), "work center",
                    operation.workCenter(), order);
            if (operation.machineSeconds() > 0) {
                prus.add(IdealCycleTime.newBuilder().setEquipmentId(machine).setProductId(product)
                        .setMillisPerUnit(operation.millisPerUnit()).setOperation(operation.operationNo()).build());
            }
        }
        return WorkOrder.newBuilder()
                .setWorkOrderId(order.orderNo())
                .setProductId(product)
                .setDescription(order.description())
                .setPlannedQuantity(Quantity.newBuilder().setValue(order.plannedQuantity() * basePerUnit)
                        .setUom(unit).build())
                .setStatus(deleted ? WorkOrderStatus.CANCELLED
                        : STATUSES.getOrDefault(order.status(), WorkOrderStatus.UNKNOWN))
                .setErpWorkCenter(order.workCenter())
                .setEquipmentId(equipment)
                .setPlannedStart(order.plannedStart())
                .setPlannedEnd(order.plannedEnd())
                .setIdealCycleTimes(prus)
                .setLastChangedAt(order.changedAt())
                .build();
    }

    private static String required(String mapped, String what, String code, ErpOrder order) {
        if (mapped == null) {
            throw new UnmappedCodeException("Order " + order.orderNo() + ": ERP " + what + " '" + code
                    + "' is not in the identity mapping");
        }
        return mapped;
    }
}
