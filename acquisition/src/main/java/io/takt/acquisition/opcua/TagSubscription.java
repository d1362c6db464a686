package io.takt.acquisition.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemSynchronizationException;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server-side subscription carrying a monitored data item per configured tag. Created whole and
 * replaced whole: after any gap the source builds a new one, whose initial notifications give every
 * tag a fresh value.
 */
final class TagSubscription implements OpcUaSubscription.SubscriptionListener {

    private static final Logger LOG = LoggerFactory.getLogger(TagSubscription.class);

    /** What the subscription reports to its source. */
    interface Events {
        /**
         * Values (or statuses without value) of one publish response, in source-time order: each
         * the tag's address and its value.
         */
        void onValues(List<Map.Entry<String, DataValue>> values, Instant receiveTime);

        /** The tag at {@code address} cannot be monitored; it is unknown until the next subscription. */
        void onUnmonitored(String address, String reason);

        /** Notifications were or may have been lost; the subscription must be replaced. */
        void onGap(TagSubscription subscription, String reason);
    }

    private final OpcUaClient client;
    private final OpcUaSourceSettings settings;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    private static final double WATCHDOG_MULTIPLIER = 3.0;

    private final Events events;
    private final OpcUaSubscription subscription;

    TagSubscription(OpcUaClient client, OpcUaSourceSettings settings, Events events) {
        this.client = client;
        this.settings = settings;
        this.events = events;
        this.subscription = new OpcUaSubscription(client, settings.publishingInterval().toMillis());
        // A quiet server sends a keep-alive every KEEP_ALIVE; only three missed in a row count as a
        // silent link loss (a lost connection is seen at once anyway). A shorter watchdog turned a
        // busy gateway's stall of a second or two into a false NO_DATA gap.
        subscription.setTargetKeepAliveInterval(KEEP_ALIVE.toMillis());
        subscription.setWatchdogMultiplier(WATCHDOG_MULTIPLIER);
    }

    /** Creates the subscription and its items on the server; tags that fail are reported, the rest run. */
    void create() throws UaException {
        subscription.setSubscriptionListener(this);
        subscription.create();
        List<OpcUaMonitoredItem> items = new ArrayList<>();
        for (OpcUaTag tag : settings.tags()) {
            Optional<NodeId> nodeId = NodeAddress.resolve(tag.nodeId(), client.getNamespaceTable());
            if (nodeId.isEmpty()) {
                events.onUnmonitored(tag.nodeId(), "its namespace URI is not in the server's namespace table");
                continue;
            }
            items.add(item(tag, nodeId.get()));
        }
        subscription.addMonitoredItems(items);
        try {
            subscription.synchronizeMonitoredItems();
        } catch (MonitoredItemSynchronizationException e) {
            reportFailedItems(e.getCreateResults());
        }
    }

    /** Milo's subscription underneath, for fault injection in tests. */
    OpcUaSubscription milo() {
        return subscription;
    }

    /** Deletes the subscription on the server, if it is still there; never throws. */
    void delete() {
        subscription.setSubscriptionListener(null);
        try {
            subscription.delete();
        } catch (UaException | RuntimeException e) {
            // Gone with the old session, or the server is away: either way nothing to clean up there.
            subscription.reset();
        }
    }

    @Override
    public void onDataReceived(OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<DataValue> values) {
        Instant now = Instant.now();
        List<Map.Entry<String, DataValue>> ordered = new ArrayList<>(values.size());
        for (int i : inSourceTimeOrder(values)) {
            Object address = items.get(i).getUserObject().orElse(null);
            if (address instanceof String tag) {
                ordered.add(Map.entry(tag, values.get(i)));
            }
        }
        // Handed on whole, so that the gateway can make the publish durable with one group commit.
        events.onValues(ordered, now);
    }

    /**
     * A publish groups notifications by monitored item, not by time: a machine's new mode can come
     * before the state change that preceded it. The tag map reads tags together (mode and reason
     * qualify the state), so they are handed on in source-time order; values of one instant keep the
     * server's order, and a value without a source timestamp keeps its place relative to its neighbours.
     */
    static List<Integer> inSourceTimeOrder(List<DataValue> values) {
        long[] times = new long[values.size()];
        List<Integer> order = new ArrayList<>(values.size());
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < values.size(); i++) {
            DateTime time = values.get(i).getSourceTime();
            times[i] = time != null && time.isValid() ? time.getJavaTime() : previous;
            previous = times[i];
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> times[i]));
        return order;
    }

    @Override
    public void onNotificationDataLost(OpcUaSubscription s) {
        // Milo could not republish a missed sequence number: whatever changed since we last heard is gone.
        events.onGap(this, "notifications lost (sequence gap the server could not republish)");
    }

    @Override
    public void onWatchdogTimerElapsed(OpcUaSubscription s) {
        events.onGap(this, "no publish response or keep-alive within the keep-alive period");
    }

    @Override
    public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
        events.onGap(this, "subscription could not be transferred to the new session ("
                + OpcUaFailure.statusName(status) + ")");
    }

    @Override
    public void onStatusChanged(OpcUaSubscription s, StatusCode status) {
        if (status.value() == StatusCodes.Bad_Timeout) {
            events.onGap(this, "the server timed the subscription out");
        }
    }

    private OpcUaMonitoredItem item(OpcUaTag tag, NodeId nodeId) {
        OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(nodeId);
        item.setUserObject(tag.nodeId());
        item.setSamplingInterval(tag.samplingInterval().toMillis());
        item.setQueueSize(uint(tag.queueSize()));
        item.setDiscardOldest(true);
        if (tag.deadband() != null) {
            item.setFilter(new DataChangeFilter(DataChangeTrigger.StatusValue, uint(DeadbandType.Absolute.getValue()),
                    tag.deadband()));
        }
        return item;
    }

    private void reportFailedItems(List<MonitoredItemServiceOperationResult> results) {
        for (MonitoredItemServiceOperationResult result : results) {
            if (result.isGood()) {
                continue;
            }
            StatusCode status = result.operationResult().orElse(result.serviceResult());
            String address = String.valueOf(result.monitoredItem().getUserObject().orElse("?"));
            LOG.warn("OPC UA source '{}': tag {} cannot be monitored ({}); it stays unknown until the next "
                    + "subscription", settings.sourceId(), address, OpcUaFailure.statusName(status));
            events.onUnmonitored(address, OpcUaFailure.statusName(status));
        }
    }
}
