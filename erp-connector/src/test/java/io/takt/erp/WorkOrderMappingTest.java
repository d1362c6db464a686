package io.takt.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.schemas.IdealCycleTime;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

class WorkOrderMappingTest {

    private static final Instant COMMITTED = Instant.parse("2026-11-26T05:00:00Z");
    private final WorkOrderMapping mapping = new WorkOrderMapping(new IdentityMapping(
            Map.of("WC-PRESS", "site1.a.l1.press", "WC-WELD", "site1.a.l1.weld"), Map.of("MAT-300", "plate"),
            Map.of("ST", "H87")));

    @Test
    void shouldPlanInTheBaseUnitWithOnePruPerTimedOperation() {
        // Given 20 cartons of 24 pieces, pressing 300 s and welding 90 s per 60 pieces, packing untimed
        ErpOrder order = order("TECO");
        List<ErpOperation> routing = List.of(new ErpOperation(10, "WC-PRESS", 60, 300),
                new ErpOperation(20, "WC-WELD", 60, 90), new ErpOperation(30, "WC-WELD", 60, 0));

        WorkOrder workOrder = mapping.toWorkOrder(order, routing, "ST", 24, false);

        // Then 480 pieces (H87); PRU 300,000 / 60 = 5,000 ms and 90,000 / 60 = 1,500 ms; TECO is COMPLETED
        assertThat(workOrder.getPlannedQuantity().getValue()).isEqualTo(480.0);
        assertThat(workOrder.getPlannedQuantity().getUom()).isEqualTo("H87");
        assertThat(workOrder.getIdealCycleTimes()).hasSize(2);
        assertThat(workOrder.getIdealCycleTimes().get(0).getMillisPerUnit()).isEqualTo(5000.0);
        assertThat(workOrder.getIdealCycleTimes().get(1).getMillisPerUnit()).isEqualTo(1500.0);
        assertThat(workOrder.getIdealCycleTimes()).extracting(IdealCycleTime::getOperation).containsExactly(10, 20);
        assertThat(workOrder.getStatus()).isEqualTo(WorkOrderStatus.COMPLETED);
        assertThat(workOrder.getEquipmentId()).isEqualTo("site1.a.l1.press");
        assertThat(workOrder.getLastChangedAt()).isEqualTo(COMMITTED);
    }

    @Test
    void shouldCancelADeletedOrderAndKeepUnknownStatusesUnknown() {
        assertThat(mapping.toWorkOrder(order("REL"), List.of(), "ST", 1, true).getStatus())
                .isEqualTo(WorkOrderStatus.CANCELLED);
        assertThat(mapping.toWorkOrder(order("XYZ"), List.of(), "ST", 1, false).getStatus())
                .isEqualTo(WorkOrderStatus.UNKNOWN);
    }

    @Test
    void shouldNameTheCodeTheMappingLacks() {
        List<ErpOperation> routing = List.of(new ErpOperation(10, "WC-PACK", 60, 30));

        assertThatThrownBy(() -> mapping.toWorkOrder(order("REL"), routing, "ST", 1, false))
                .isInstanceOf(UnmappedCodeException.class)
                .hasMessage("Order 4711: ERP work center 'WC-PACK' is not in the identity mapping");
        assertThatThrownBy(() -> mapping.toWorkOrder(order("REL"), List.of(), "KG", 1, false))
                .hasMessage("Order 4711: ERP unit of measure 'KG' is not in the identity mapping");
    }

    private static ErpOrder order(String status) {
        return new ErpOrder("4711", "MAT-300", "Plates", 20, "KAR", "WC-PRESS", status, null, null, 1, COMMITTED);
    }
}
