package io.takt.acquisition.simulator.plant;

import java.util.ArrayDeque;

/**
 * Completed lots waiting between two lines (first in, first out) or in the finished-goods store.
 * A full stock blocks the line that fills it; an empty one starves the line that draws on it.
 */
final class LotStock {

    private final int capacity;
    private final ArrayDeque<Lot> lots = new ArrayDeque<>();
    private Machine producer;
    private Machine consumer;

    LotStock(int capacity) {
        this.capacity = capacity;
    }

    /** Finished goods: shipped, never full, and kept only as a count. */
    static LotStock finishedGoods() {
        return new LotStock(0);
    }

    void connect(Machine producingMachine, Machine consumingMachine) {
        this.producer = producingMachine;
        this.consumer = consumingMachine;
    }

    boolean hasRoom() {
        return capacity == 0 || lots.size() < capacity;
    }

    void add(Lot lot) {
        if (capacity == 0) {
            return;
        }
        lots.addLast(lot);
        if (consumer != null) {
            consumer.wake();
        }
    }

    boolean isEmpty() {
        return lots.isEmpty();
    }

    Lot poll() {
        Lot lot = lots.removeFirst();
        if (producer != null) {
            producer.wake();
        }
        return lot;
    }
}
