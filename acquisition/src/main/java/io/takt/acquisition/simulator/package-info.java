/**
 * A realistic simulated plant for the demo, the tests and the benchmarks:
 * {@link io.takt.acquisition.simulator.PlantSimulator} serves the
 * {@link io.takt.acquisition.simulator.plant.Plant} model over OPC UA; other faces (Modbus/TCP,
 * Sparkplug B) mirror it through {@link io.takt.acquisition.simulator.plant.PlantListener}.
 * The address space is described in {@code simulator/README.md} next to this package.
 */
package io.takt.acquisition.simulator;
