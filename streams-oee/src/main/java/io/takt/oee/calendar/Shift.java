package io.takt.oee.calendar;

/**
 * One occurrence of a shift pattern.
 *
 * @param id    {@code <local start date>/<name>}, e.g. {@code 2026-11-25/early}
 * @param name  the pattern's name, e.g. {@code early}
 * @param start epoch millis, inclusive
 * @param end   epoch millis, exclusive
 */
public record Shift(String id, String name, long start, long end) {
}
