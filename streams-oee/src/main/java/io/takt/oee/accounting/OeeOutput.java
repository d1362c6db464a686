package io.takt.oee.accounting;

import io.takt.schemas.DowntimeEvent;
import io.takt.schemas.OeeKpi;

/** Where the accountant's results go (topics and stores in the app, lists in tests). */
public interface OeeOutput {

    /** A window's record, SO_FAR or FINAL. */
    void window(OeeKpi kpi);

    /** A machine's shift-so-far record. */
    void live(OeeKpi kpi);

    /** A stop, new or updated; {@code event} null removes the stop with that key (a late event undid it). */
    void downtime(String machineId, long start, DowntimeEvent event);
}
