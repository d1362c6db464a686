/**
 * Avro serdes that write and read Confluent's wire format byte for byte, so records Takt produces
 * are readable by Confluent's deserializers (and the other way round) against any
 * Confluent-compatible schema registry.
 */
package io.takt.platform.serde;
