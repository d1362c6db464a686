/** Edge acquisition gateway: OPC UA, Modbus/S7 and MQTT sources, tag map, disk buffer, producer; plant simulator. */
package io.takt.acquisition;
