package io.takt.oee.calendar;

/**
 * A stretch of time over which the plan does not change: same {@link PlanKind}, same shift, same
 * planned-stop reason. Spans never cross a shift boundary, a break or planned-stop boundary, or a
 * local midnight.
 *
 * @param start             epoch millis, inclusive
 * @param end               epoch millis, exclusive, after start
 * @param kind              what is planned
 * @param shift             the shift the span lies in; null when outside every shift
 * @param plannedStopReason for PLANNED_DOWN: "break" for a daily break, else the planned stop's reason
 *                          (or "planned stop" when it has none); null otherwise
 */
public record CalendarSpan(long start, long end, PlanKind kind, Shift shift, String plannedStopReason) {
}
