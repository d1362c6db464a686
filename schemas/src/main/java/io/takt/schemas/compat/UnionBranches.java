package io.takt.schemas.compat;

import java.util.List;

import org.apache.avro.Schema;

/** Finds the branch of a reader union that Avro's schema resolution would pick for a writer's value. */
final class UnionBranches {

    private UnionBranches() {
    }

    /** Index of the first branch of {@code union} resolving {@code writer}'s type (named types by name), or -1. */
    static int indexOfMatch(Schema union, Schema writer) {
        List<Schema> branches = union.getTypes();
        for (int i = 0; i < branches.size(); i++) {
            if (matches(branches.get(i), writer)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(Schema branch, Schema writer) {
        if (branch.getType() != writer.getType()) {
            return false;
        }
        if (!isNamed(branch)) {
            return true;
        }
        return branch.getFullName().equals(writer.getFullName())
                || branch.getName().equals(writer.getName())
                || branch.getAliases().contains(writer.getFullName());
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }
}
