package org.eclipse.milo.opcua.sdk.client.subscriptions;

/**
 * Raises Milo's own "notification data lost" signal on a subscription, exactly as its publishing
 * manager does when a Republish for a missed sequence number fails. Lives in Milo's package because
 * the signal is package-private; a lossy server cannot be produced on demand over loopback.
 */
public final class SubscriptionFaults {

    private SubscriptionFaults() {
    }

    public static void loseNotifications(OpcUaSubscription subscription) {
        subscription.notifyNotificationDataLost();
    }
}
