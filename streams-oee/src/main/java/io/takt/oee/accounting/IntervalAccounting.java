package io.takt.oee.accounting;

import java.util.List;
import java.util.Map;

import io.takt.oee.calendar.CalendarSpan;
import io.takt.oee.calendar.PlanKind;
import io.takt.oee.accounting.StateClassifier.Classification;

/**
 * Turns a stay in one state into window elements: cuts it at every minute, hour, day, shift, break
 * and planned-stop boundary, and adds each piece to the one window of each kind holding it. The
 * calendar comes first (unplanned time counts nowhere, planned-down time is PDOT whatever the
 * machine does); planned-busy time goes to the bucket of the state.
 */
final class IntervalAccounting {

    private final StateClassifier classifier;

    IntervalAccounting(StateClassifier classifier) {
        this.classifier = classifier;
    }

    /**
     * Adds {@code sign} × the elements of the stay's part in [from, to) to {@code deltas}.
     *
     * @param lengthMillis the stay's whole length, which decides minor stop or failure (for an open
     *                     stay: its length so far)
     */
    void account(Interval stay, long lengthMillis, long from, long to, int sign, WindowCutter cutter,
                 Map<WindowRef, Elements> deltas) {
        Classification classification = classifier.classify(stay.state(), lengthMillis);
        long time = Math.max(from, stay.start());
        long end = Math.min(to, stay.end());
        while (time < end) {
            CalendarSpan span = cutter.spanAt(time);
            long pieceEnd = Math.min(end, cutter.nextCut(time, span));
            List<WindowRef> windows = cutter.windowsAt(time, span);
            if (time == stay.start()) {
                countStart(classification, windows, sign, deltas);
            }
            if (span.kind() != PlanKind.UNPLANNED) {
                addPiece(classification, span.kind(), (pieceEnd - time) * sign, windows, deltas);
            }
            time = pieceEnd;
        }
    }

    // A minor stop or failure counts once, in the windows holding the stay's start.
    private static void countStart(Classification classification, List<WindowRef> windows, int sign,
                                   Map<WindowRef, Elements> deltas) {
        if (!classification.minorStop() && !classification.failure()) {
            return;
        }
        for (WindowRef window : windows) {
            Elements elements = deltas.computeIfAbsent(window, w -> new Elements());
            if (classification.minorStop()) {
                elements.addMinorStops(sign);
            } else {
                elements.addFailureEvents(sign);
            }
        }
    }

    private static void addPiece(Classification classification, PlanKind plan, long millis, List<WindowRef> windows,
                                 Map<WindowRef, Elements> deltas) {
        boolean busy = plan == PlanKind.PLANNED_BUSY;
        TimeBucket bucket = busy ? classification.bucket() : TimeBucket.PDOT;
        for (WindowRef window : windows) {
            Elements elements = deltas.computeIfAbsent(window, w -> new Elements());
            elements.addTime(bucket, millis);
            if (busy && classification.minorStop()) {
                elements.addMinorStopTime(millis);
            }
            if (busy && classification.failure()) {
                elements.addFaultTime(millis);
            }
        }
    }
}
