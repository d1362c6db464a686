package io.takt.oee.accounting;

import io.takt.schemas.WindowKind;

/**
 * One window of one kind: [start, end) in epoch millis, and for a SHIFT window the shift's id.
 *
 * @param shiftId {@code <local start date>/<name>} for SHIFT windows, null otherwise
 */
public record WindowRef(WindowKind kind, long start, long end, String shiftId) {
}
