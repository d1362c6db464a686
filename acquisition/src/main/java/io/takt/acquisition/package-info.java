/**
 * Edge acquisition gateway: sources (OPC UA, PLC4X Modbus/S7, MQTT Sparkplug B) deliver
 * {@link io.takt.acquisition.source.TagSample}s; the tag map turns them into canonical events;
 * the disk buffer keeps them until Kafka has them. Also the plant simulator.
 */
package io.takt.acquisition;
