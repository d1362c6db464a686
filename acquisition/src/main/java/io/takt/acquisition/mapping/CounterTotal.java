package io.takt.acquisition.mapping;

import io.takt.acquisition.tagmap.RoleOptions;

/**
 * Turns the readings of a monotonic PLC totaliser into increments, telling a wrap at the
 * counter's width from a reset to zero.
 *
 * <ul>
 * <li>Rise from {@code p} to {@code v}: increment {@code v - p}.</li>
 * <li>Fall with a modulus {@code M} (e.g. 65536 for 16 bits) where the wrap distance
 *     {@code M - p + v} is at most {@code maxIncrement} (the counter was near its top): a rollover,
 *     increment {@code M - p + v}.</li>
 * <li>Any other fall: a reset (PLC restart, shift or order reset); the counter restarted at 0 and
 *     has counted {@code v} since, so the increment is {@code v}.</li>
 * <li>First reading after start: the reference, increment 0 (counts made while the gateway was
 *     down are not known), or {@code v} when configured to count it.</li>
 * <li>NO_DATA keeps the reference: the next reading after the gap books the gap's counts as one
 *     increment, by the same rules, so they are neither lost nor counted twice.</li>
 * </ul>
 * Not thread-safe: the mapper calls it under the equipment's lock.
 */
final class CounterTotal {

    private final long modulus;
    private final long maxIncrement;
    private final boolean countFirstValue;
    private Long reference;

    CounterTotal(RoleOptions.Counter options) {
        this.modulus = options.modulus();
        this.maxIncrement = options.maxIncrement();
        this.countFirstValue = options.countFirstValue();
    }

    /** The units counted since the previous reading. */
    long advance(long reading) {
        long total = modulus > 0 && reading < 0 ? reading + modulus : reading; // a signed read of an unsigned counter
        Long previous = reference;
        reference = total;
        if (previous == null) {
            return countFirstValue ? total : 0;
        }
        if (total >= previous) {
            return total - previous;
        }
        long wrapDistance = modulus - previous + total;
        if (modulus > previous && wrapDistance <= maxIncrement) {
            return wrapDistance;
        }
        return total;
    }

    /** The last reading, or null before the first. */
    Long reference() {
        return reference;
    }
}
