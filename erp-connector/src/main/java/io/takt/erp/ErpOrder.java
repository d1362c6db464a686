package io.takt.erp;

import java.time.Instant;

/**
 * A production order header as the ERP's {@code erp.production_order} row holds it.
 *
 * @param changedAt when the ERP committed this state of the order
 */
record ErpOrder(String orderNo, String materialCode, String description, double plannedQuantity, String unit,
                String workCenter, String status, Instant plannedStart, Instant plannedEnd, int version,
                Instant changedAt) {
}
