/**
 * Legacy PLCs through Apache PLC4X 0.13.1: {@link io.takt.acquisition.plc4x.Plc4xSource} polls a
 * Modbus/TCP or S7 source's tags by rate and recovers from link loss by itself;
 * {@link io.takt.acquisition.plc4x.Plc4xConnectionCheck} validates the source's settings and tag
 * addresses while the tag map loads.
 */
package io.takt.acquisition.plc4x;
