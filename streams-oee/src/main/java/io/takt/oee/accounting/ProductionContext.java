package io.takt.oee.accounting;

/**
 * What a machine was making at an instant: the product and work order of a count (as given, else
 * the running order's), and the PRU that applies to them.
 */
record ProductionContext(String productId, String workOrderId, OrderChange order) {

    static final String UNKNOWN_PRODUCT = "unknown";

    static ProductionContext at(OrderBook orders, long time, String productId, String workOrderId) {
        OrderChange running = orders.runningAt(time);
        String order = workOrderId != null ? workOrderId : running == null ? null : running.workOrderId();
        String product = productId != null ? productId
                : running != null ? running.productId() : UNKNOWN_PRODUCT;
        OrderChange orderRecord = order == null ? null : orders.orderAt(order, time);
        return new ProductionContext(product, order, orderRecord);
    }

    /** The product, or null when it is not known. */
    String productIdOrNull() {
        return UNKNOWN_PRODUCT.equals(productId) ? null : productId;
    }

    /** The order's PRU for (machine, product), else the machine's configured one, else the default. */
    double idealCycleTime(String machineId, OeeRules rules) {
        if (order != null) {
            Double pru = order.idealCycleTimes().get(productId);
            if (pru != null) {
                return pru;
            }
        }
        return rules.configuredIdealCycleTime(machineId);
    }
}
