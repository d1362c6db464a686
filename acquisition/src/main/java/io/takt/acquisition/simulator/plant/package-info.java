/**
 * The simulated plant, independent of any protocol: lines of machines with PackML state machines,
 * part buffers, lots, work orders, a shift calendar and quality measurements, advanced in
 * simulated time. {@link io.takt.acquisition.simulator.plant.Plant} is the entry point;
 * {@link io.takt.acquisition.simulator.plant.PlantListener} mirrors it onto a protocol.
 */
package io.takt.acquisition.simulator.plant;
