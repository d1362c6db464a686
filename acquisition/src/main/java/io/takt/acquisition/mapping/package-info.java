/**
 * Turns {@link io.takt.acquisition.source.TagSample}s into canonical events by the tag map:
 * {@link io.takt.acquisition.mapping.TagMapper} is the {@code TagListener} every source feeds; it
 * appends MachineStateChanged and ProductionCount (key: equipment id) and MaterialMovement and
 * QualityResult (key: lot id) to the {@code EventOutbox}, each with
 * {@code SourceRef(gatewayId, sourceId + "/" + address)} and a sequence from the
 * {@link io.takt.acquisition.mapping.SequenceStore} that keeps increasing across restarts.
 */
package io.takt.acquisition.mapping;
