package io.takt.oee.reconcile;

import java.util.List;

import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.WindowKind;

/**
 * A window on which the stream and the batch disagree.
 *
 * @param kind        how they disagree
 * @param level       machine or roll-up level
 * @param equipmentId the machine or roll-up
 * @param windowKind  minute, hour, shift or day
 * @param windowStart epoch millis
 * @param note        for a window final on one side only: what the other side has
 * @param fields      for {@link Kind#DIFFERENT}: the fields that differ
 */
public record WindowFinding(Kind kind, EquipmentLevel level, String equipmentId, WindowKind windowKind,
        long windowStart, String note, List<FieldDifference> fields) {

    /** How the two sides disagree on a window. */
    public enum Kind {
        /** FINAL on both sides, with different figures. */
        DIFFERENT,
        /** FINAL in the stream's output, not FINAL (or absent) in the batch. */
        FINAL_ONLY_IN_STREAM,
        /** FINAL in the batch, not FINAL (or absent) in the stream's output. */
        FINAL_ONLY_IN_BATCH
    }
}
