/**
 * Interactive queries of the OEE stores over HTTP: local reads of this instance's RocksDB stores,
 * forwarding to the instance that owns an equipment, and scatter-gather over all instances.
 */
package io.takt.oee.query;
