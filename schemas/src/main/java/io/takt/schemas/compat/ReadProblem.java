package io.takt.schemas.compat;

/**
 * One reason a reader schema cannot read data written with a writer schema.
 *
 * @param kind     Avro's incompatibility type (e.g. {@code TYPE_MISMATCH}) or a Takt one ({@code LOGICAL_TYPE_MISMATCH})
 * @param location JSON pointer into the reader schema, e.g. {@code /fields/0/type/fields/4/type}
 * @param message  what is wrong, in Avro's words
 */
record ReadProblem(String kind, String location, String message) {
}
