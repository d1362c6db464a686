package io.takt.erp;

/**
 * One operation of an order's routing ({@code erp.order_operation}): the standard machine time of
 * {@code baseQuantity} units of the material's base unit on a work center.
 */
record ErpOperation(int operationNo, String workCenter, double baseQuantity, double machineSeconds) {

    /** PRU: ideal milliseconds a unit. */
    double millisPerUnit() {
        return machineSeconds * 1000 / baseQuantity;
    }
}
