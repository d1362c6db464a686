/**
 * {@code takt oee reconcile}: an independent batch recomputation of OEE from the raw topics,
 * compared with what the streaming app published. Deliberately shares no code with
 * {@code io.takt.oee.accounting} or {@code io.takt.oee.topology}: it is the second opinion.
 */
package io.takt.oee.reconcile;
