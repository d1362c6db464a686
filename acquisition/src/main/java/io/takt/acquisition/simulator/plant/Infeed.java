package io.takt.acquisition.simulator.plant;

/** Where a machine takes its next part from. */
interface Infeed {

    boolean hasPart();

    /** Takes one part; returns the id of the input lot it came from. Only after {@link #hasPart()}. */
    String take();
}
