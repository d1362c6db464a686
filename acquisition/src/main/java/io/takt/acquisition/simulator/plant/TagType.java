package io.takt.acquisition.simulator.plant;

/**
 * The PLC data type of a machine tag, and the Java type its values have in {@link PlantListener}
 * callbacks and {@link Plant#tagValues}.
 */
public enum TagType {
    /** A signed 32-bit integer; values are {@link Integer}. */
    INT32,
    /** An unsigned 16-bit counter; values are {@link Long} in [0, 65535]. */
    UINT16,
    /** An unsigned 32-bit counter; values are {@link Long} in [0, 4294967295]. */
    UINT32,
    /** Text; values are {@link String}, empty when there is none. */
    STRING,
    /** A measurement; values are {@link Double}. */
    DOUBLE
}
