package io.takt.dashboard.view;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One equipment's OEE over the current shift, a point per MINUTE window (the finest window
 * streams-oee publishes). A window is published SO_FAR and again FINAL under the same start, so a
 * point is replaced, never added twice. Bounded twice: points before the shift start go once the
 * shift is known, and at most {@link #MAX_POINTS} newest stay, so a 24-hour "shift" cannot grow
 * the view (or the snapshot a browser receives) without limit.
 */
final class OeeTrend {

    /** Eight hours of minute windows: a whole usual shift, and the newest 8 h of a longer one. */
    static final int MAX_POINTS = 480;

    private final NavigableMap<Long, TrendPoint> points = new TreeMap<>();
    private long shiftStart = Long.MIN_VALUE;

    /** Adds or replaces the window starting at {@code start}; false if it falls outside what is kept. */
    boolean put(long start, Double oee) {
        if (start < shiftStart) {
            return false;
        }
        points.put(start, new TrendPoint(start, oee));
        while (points.size() > MAX_POINTS) {
            points.pollFirstEntry();
        }
        return points.containsKey(start);
    }

    /** The current shift began at {@code start} (from the live record): earlier points are dropped. */
    void shiftStartsAt(long start) {
        shiftStart = start;
        points.headMap(start, false).clear();
    }

    List<TrendPoint> points() {
        return new ArrayList<>(points.values());
    }
}
