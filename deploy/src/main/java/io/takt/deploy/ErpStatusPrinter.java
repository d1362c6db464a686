package io.takt.deploy;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.takt.erp.ErpService;
import io.takt.erp.ReplicationSlot;

/**
 * Prints the erp-connector's status line: work orders written and their rate, dead letters, the slot,
 * and the confirmations booked with the state of their stream and sink.
 */
final class ErpStatusPrinter implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ErpService erp;
    private final String slotName;
    private final PrintWriter out;
    private final CountRate published = new CountRate();
    private StatusTimer timer;

    ErpStatusPrinter(ErpService erp, String slotName, PrintWriter out) {
        this.erp = erp;
        this.slotName = slotName;
        this.out = out;
    }

    ErpStatusPrinter every(Duration interval) {
        timer = new StatusTimer("takt-erp-status", interval, this::print);
        return this;
    }

    synchronized void print() {
        Instant now = Instant.now();
        long written = erp.capture().published();
        double rate = published.perSecond(written, now);
        String slot;
        try {
            slot = ReplicationSlot.read(erp.database(), slotName).map(ErpStatusPrinter::describe)
                    .orElse("slot " + slotName + " not created yet");
        } catch (SQLException e) {
            slot = "slot unknown (" + e.getMessage() + ")";
        }
        String state = erp.capture().failure().map(why -> "capture STOPPED (" + why + "); ").orElse("");
        String wayBack = erp.confirmations().map(confirmations -> "; " + confirmations.status()).orElse("");
        out.println(String.format(Locale.ROOT, "%s erp: %s%,d work order(s) written (%.0f/s), %,d dead letter(s); %s%s",
                CLOCK.format(now), state, written, rate, erp.capture().rejected(), slot, wayBack));
        out.flush();
    }

    static String describe(ReplicationSlot slot) {
        return String.format(Locale.ROOT, "slot %s %s, confirmed LSN %s, ERP at %s, lag %,d bytes", slot.name(),
                slot.active() ? "active" : "INACTIVE (no connector reading)", slot.confirmedLsn(), slot.currentLsn(),
                slot.lagBytes());
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.close();
        }
    }
}
