/**
 * The plant simulator's OPC UA face on Eclipse Milo: the address space
 * ({@link io.takt.acquisition.simulator.opcua.PlantNamespace}) and the server's certificates and
 * trust lists ({@link io.takt.acquisition.simulator.opcua.ServerPki}).
 */
package io.takt.acquisition.simulator.opcua;
