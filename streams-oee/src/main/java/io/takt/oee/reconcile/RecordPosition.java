package io.takt.oee.reconcile;

/** Where a record sits: topic, partition, offset. */
record RecordPosition(String topic, int partition, long offset) {
}
