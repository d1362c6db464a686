package io.takt.oee.accounting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.takt.schemas.WorkOrderStatus;

/**
 * The work orders of one machine over time: which order runs at an instant, and the ideal cycle
 * times it gives. An order's status at t is that of its latest change at or before t; of the
 * orders in progress at t, the one changed last runs.
 */
public final class OrderBook {

    /** Changes kept per machine: enough for a shift's order changes within any grace period. */
    static final int CAPACITY = 64;

    private final List<OrderChange> changes;

    public OrderBook(List<OrderChange> changes) {
        this.changes = new ArrayList<>(changes);
    }

    public static OrderBook empty() {
        return new OrderBook(List.of());
    }

    public List<OrderChange> changes() {
        return changes;
    }

    /** Adds a change, keeping the book in time order and at most {@link #CAPACITY} long. */
    public void add(OrderChange change) {
        changes.add(change);
        changes.sort(Comparator.comparingLong(OrderChange::changedAt));
        while (changes.size() > CAPACITY) {
            changes.remove(0);
        }
    }

    /** The order running at {@code time}, or null. */
    public OrderChange runningAt(long time) {
        Map<String, OrderChange> latest = latestPerOrder(time);
        OrderChange running = null;
        for (OrderChange change : latest.values()) {
            if (change.status() == WorkOrderStatus.IN_PROGRESS
                    && (running == null || change.changedAt() >= running.changedAt())) {
                running = change;
            }
        }
        return running;
    }

    /** The latest change at or before {@code time} of the given order, or null. */
    public OrderChange orderAt(String workOrderId, long time) {
        return latestPerOrder(time).get(workOrderId);
    }

    private Map<String, OrderChange> latestPerOrder(long time) {
        Map<String, OrderChange> latest = new HashMap<>();
        for (OrderChange change : changes) {
            if (change.changedAt() <= time) {
                latest.put(change.workOrderId(), change);
            }
        }
        return latest;
    }
}
