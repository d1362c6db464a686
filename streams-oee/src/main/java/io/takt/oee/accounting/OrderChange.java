package io.takt.oee.accounting;

import java.util.Map;

import io.takt.schemas.WorkOrderStatus;

/**
 * One WorkOrder record as a machine's order book keeps it.
 *
 * @param changedAt        the ERP's change time (lastChangedAt), which places the change in event time
 * @param idealCycleTimes  PRU in ms per unit by product, for this machine only
 */
public record OrderChange(long changedAt, String workOrderId, WorkOrderStatus status, String productId,
                          Map<String, Double> idealCycleTimes) {
}
