package io.takt.dashboard.view;

/**
 * A work order as the dashboard shows it: what the ERP planned and how many good units the machines
 * have confirmed ({@link WorkOrderBook#goodQuantity} says how), {@code progress} being their ratio
 * (null when nothing is planned; above 1 when more was made than planned).
 */
public record OrderProgress(String workOrderId, String productId, String description, double plannedQuantity,
                            String uom, String status, String equipmentId, double goodQuantity, Double progress,
                            int confirmations, long lastChangedAt) {
}
