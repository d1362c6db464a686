package io.takt.acquisition.simulator.plant;

/**
 * A PLC part counter: a running total that wraps to 0 past its width (16 or 32 bits) and can be
 * reset to 0, as real counters do; consumers must handle both.
 */
final class PlcCounter {

    private final long mask;
    private long value;

    PlcCounter(int bits, long initial) {
        if (bits != 16 && bits != 32) {
            throw new IllegalArgumentException("Counters are 16 or 32 bits wide, not " + bits);
        }
        this.mask = (1L << bits) - 1;
        this.value = initial & mask;
    }

    long increment() {
        value = (value + 1) & mask;
        return value;
    }

    long reset() {
        value = 0;
        return value;
    }

    long value() {
        return value;
    }

    long max() {
        return mask;
    }
}
