/**
 * A small in-process Modbus/TCP server ({@link io.takt.acquisition.modbus.ModbusTcpServer}) over a
 * {@link io.takt.acquisition.modbus.RegisterBank}: the plant simulator's Modbus face, and the PLC the
 * gateway's integration tests talk to.
 */
package io.takt.acquisition.modbus;
