/**
 * The gateway's write-ahead disk buffer.
 *
 * <p>Layout of {@code buffer.dir}: {@code <first position, 20 digits>.seg} segment files (16-byte
 * header, then one frame per event: {@code length | CRC-32C | position | append time | schema
 * fingerprint | topic | key | schema name | plain Avro value}), {@code checkpoint} (buffer id and
 * acknowledged position, replaced atomically), {@code schemas/<fingerprint>.avsc} (each writer
 * schema, so that events are read back with exactly the schema they were written with, even after
 * an upgrade), and {@code lock} (one process per directory).
 *
 * <p>Recovery reads every segment, keeps each whole frame and cuts the file at the first frame that
 * is cut short or fails its checksum: the tail of a write torn by a crash, which was never
 * acknowledged. Segments roll at {@code buffer.segment.bytes} and are deleted once delivered, dropped
 * whole on overflow ({@code drop-oldest}) or when their newest event is older than
 * {@code buffer.max.age}.
 */
package io.takt.acquisition.delivery.buffer;
