package io.takt.acquisition.simulator.plant;

/** Where a machine puts a finished good part. */
interface Outfeed {

    boolean canAccept();

    /** Puts one part made from input lot {@code sourceLot}. Only after {@link #canAccept()}. */
    void put(String sourceLot);
}
