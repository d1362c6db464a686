package io.takt.schemas.compat;

/** Schema compatibility levels, with the names and meaning Confluent Schema Registry gives them. */
public enum CompatibilityLevel {
    /** No check. */
    NONE,
    /** The new schema can read data written with the latest one. */
    BACKWARD,
    /** The new schema can read data written with every earlier one. */
    BACKWARD_TRANSITIVE,
    /** Data written with the new schema can be read by the latest one. */
    FORWARD,
    /** Data written with the new schema can be read by every earlier one. */
    FORWARD_TRANSITIVE,
    /** BACKWARD and FORWARD against the latest schema. */
    FULL,
    /** BACKWARD and FORWARD against every earlier schema. */
    FULL_TRANSITIVE;

    public boolean isTransitive() {
        return name().endsWith("_TRANSITIVE");
    }

    public boolean checksBackward() {
        return this != NONE && !name().startsWith("FORWARD");
    }

    public boolean checksForward() {
        return this != NONE && !name().startsWith("BACKWARD");
    }
}
