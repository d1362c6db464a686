package io.takt.oee.reconcile;

/**
 * One field of one window on which the stream and the batch disagree.
 *
 * @param field  the OeeKpi field name
 * @param stream what the streaming app published
 * @param batch  what the batch recomputation found
 */
public record FieldDifference(String field, Object stream, Object batch) {
}
