package io.takt.acquisition.simulator.plant;

import java.util.ArrayDeque;

/**
 * The conveyor between two neighbouring machines on a line: a few parts, first in first out. A
 * full buffer blocks the machine before it; an empty one starves the machine after it. Each part
 * remembers the input lot it was made from, so lots trace exactly through the line.
 */
final class PartBuffer implements Infeed, Outfeed {

    private final int capacity;
    private final ArrayDeque<String> parts;
    private Machine upstream;
    private Machine downstream;

    PartBuffer(int capacity) {
        this.capacity = capacity;
        this.parts = new ArrayDeque<>(capacity);
    }

    void connect(Machine upstreamMachine, Machine downstreamMachine) {
        this.upstream = upstreamMachine;
        this.downstream = downstreamMachine;
    }

    @Override
    public boolean hasPart() {
        return !parts.isEmpty();
    }

    @Override
    public String take() {
        String part = parts.removeFirst();
        upstream.wake();
        return part;
    }

    @Override
    public boolean canAccept() {
        return parts.size() < capacity;
    }

    @Override
    public void put(String sourceLot) {
        parts.addLast(sourceLot);
        downstream.wake();
    }
}
