/**
 * Kafka Connect plumbing for Takt's Avro topics: {@link io.takt.erp.connect.TaktAvroConverter} reads
 * and writes records in Confluent's wire format with the platform's schema registry client and serdes,
 * and maps them to and from Connect's structs, so a Connect worker's sink connectors (the Debezium
 * JDBC sink above all) can consume Takt topics without Confluent's converter on the plugin path.
 */
package io.takt.erp.connect;
