package io.takt.oee.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.takt.schemas.WorkOrder;
import io.takt.schemas.WorkOrderStatus;

/**
 * Every work order record read, placed in time by {@code lastChangedAt}: which order runs on a
 * machine at an instant, and what an order said at an instant.
 */
public final class WorkOrderHistory {

    /** A record and its read position; of two with the same change time, the later read wins. */
    private record Version(WorkOrder order, long changedAt, int readIndex) {

        boolean newerThan(Version other) {
            return other == null || changedAt > other.changedAt
                    || changedAt == other.changedAt && readIndex > other.readIndex;
        }
    }

    private final Map<String, List<Version>> byOrder = new HashMap<>();

    /** @param inReadOrder the work-order topic's records in the order they were read */
    public WorkOrderHistory(List<WorkOrder> inReadOrder) {
        for (int i = 0; i < inReadOrder.size(); i++) {
            WorkOrder order = inReadOrder.get(i);
            byOrder.computeIfAbsent(order.getWorkOrderId(), id -> new ArrayList<>())
                    .add(new Version(order, order.getLastChangedAt().toEpochMilli(), i));
        }
    }

    /** The order's latest record with {@code lastChangedAt <= t}. */
    public Optional<WorkOrder> asOf(String workOrderId, long t) {
        Version version = versionAsOf(byOrder.getOrDefault(workOrderId, List.of()), t);
        return Optional.ofNullable(version).map(Version::order);
    }

    /** Of the orders IN_PROGRESS on {@code equipmentId} at {@code t}, the one whose record is newest. */
    public Optional<WorkOrder> runningAt(String equipmentId, long t) {
        Version running = null;
        for (List<Version> versions : byOrder.values()) {
            Version current = versionAsOf(versions, t);
            if (current != null && current.order().getStatus() == WorkOrderStatus.IN_PROGRESS
                    && equipmentId.equals(current.order().getEquipmentId()) && current.newerThan(running)) {
                running = current;
            }
        }
        return Optional.ofNullable(running).map(Version::order);
    }

    private static Version versionAsOf(List<Version> versions, long t) {
        Version latest = null;
        for (Version version : versions) {
            if (version.changedAt() <= t && version.newerThan(latest)) {
                latest = version;
            }
        }
        return latest;
    }
}
