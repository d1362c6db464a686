package io.takt.dashboard.view;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.takt.schemas.Confirmation;
import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

/**
 * Work orders from the ERP (work-order topic) with the production confirmed against them
 * (confirmation topic, one cumulative record per order and machine). Both stay empty where no ERP
 * connector runs.
 */
final class WorkOrderBook {

    /** Orders being made first, then those about to be, then the rest; newest change first within each. */
    private static final List<WorkOrderStatus> STATUS_ORDER = List.of(WorkOrderStatus.IN_PROGRESS,
            WorkOrderStatus.RELEASED, WorkOrderStatus.CREATED, WorkOrderStatus.COMPLETED, WorkOrderStatus.CLOSED,
            WorkOrderStatus.CANCELLED, WorkOrderStatus.UNKNOWN);

    private final Map<String, WorkOrder> orders = new HashMap<>();
    private final Map<String, Confirmation> confirmations = new HashMap<>();

    void put(WorkOrder order) {
        orders.put(order.getWorkOrderId(), order);
    }

    void removeOrder(String workOrderId) {
        orders.remove(workOrderId);
    }

    void put(Confirmation confirmation) {
        confirmations.put(confirmation.getConfirmationId(), confirmation);
    }

    void removeConfirmation(String confirmationId) {
        confirmations.remove(confirmationId);
    }

    int orderCount() {
        return orders.size();
    }

    int confirmationCount() {
        return confirmations.size();
    }

    /** Up to {@code limit} orders with their progress, in {@link #STATUS_ORDER}. */
    List<OrderProgress> progress(int limit) {
        Map<String, List<Confirmation>> byOrder = new HashMap<>();
        confirmations.values().forEach(c -> byOrder.computeIfAbsent(c.getWorkOrderId(), id -> new ArrayList<>()).add(c));
        return orders.values().stream()
                .sorted(Comparator.<WorkOrder>comparingInt(o -> STATUS_ORDER.indexOf(o.getStatus()))
                        .thenComparing(Comparator.comparing(WorkOrder::getLastChangedAt).reversed())
                        .thenComparing(WorkOrder::getWorkOrderId))
                .limit(limit)
                .map(order -> progressOf(order, byOrder.getOrDefault(order.getWorkOrderId(), List.of())))
                .toList();
    }

    private static OrderProgress progressOf(WorkOrder order, List<Confirmation> confirmed) {
        double planned = order.getPlannedQuantity().getValue();
        double good = goodQuantity(confirmed);
        return new OrderProgress(order.getWorkOrderId(), order.getProductId(), order.getDescription(), planned,
                order.getPlannedQuantity().getUom(), order.getStatus().name(), order.getEquipmentId(), good,
                planned > 0 ? good / planned : null, confirmed.size(), order.getLastChangedAt().toEpochMilli());
    }

    /**
     * Good units of an order: what its last routing operation confirmed, summed over the machines
     * doing that operation (parallel machines add up; an earlier operation's units are still in
     * process and would count twice). Without operation numbers the machines cannot be ordered, so
     * the largest single machine's count is taken: on a serial line that is the furthest any unit
     * got, and it never double counts.
     */
    static double goodQuantity(Collection<Confirmation> confirmed) {
        Integer lastOperation = confirmed.stream().map(Confirmation::getOperation)
                .filter(Objects::nonNull).max(Integer::compare).orElse(null);
        if (lastOperation == null) {
            return confirmed.stream().mapToDouble(Confirmation::getGoodQuantity).max().orElse(0.0);
        }
        return confirmed.stream().filter(c -> lastOperation.equals(c.getOperation()))
                .mapToDouble(Confirmation::getGoodQuantity).sum();
    }
}
