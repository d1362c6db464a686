/**
 * Store-and-forward delivery of canonical events from the edge to Kafka.
 *
 * <p>{@link io.takt.acquisition.delivery.StoreAndForward} is the gateway's
 * {@link io.takt.acquisition.delivery.EventOutbox}: {@code append} writes each event ahead to the
 * local {@link io.takt.acquisition.delivery.buffer.DiskBuffer} and returns once it is durable, so
 * the source can be acknowledged whether or not Kafka is reachable. The {@code KafkaForwarder}
 * thread reads the buffer in order and sends it in Kafka transactions (producer
 * {@code transactional.id = takt-edge-<site>-<gateway id>}) that also write the buffer position
 * reached to {@code takt.<site>.edge-offsets.v1}; after a crash, delivery resumes from the position
 * Kafka committed, so {@code read_committed} consumers see every event exactly once, in order per
 * key. Values go out in Confluent's wire format under {@code <topic>-value}; the buffer keeps
 * plain Avro binary, because the registry may be away exactly when Kafka is.
 *
 * <p>Guarantees and their limits:
 * <ul>
 *   <li>Acknowledged means on disk per {@code buffer.fsync}: {@code every-batch} (default) and
 *       {@code every-record} survive {@code kill -9} and power loss; {@code none} survives
 *       {@code kill -9} only.</li>
 *   <li>Nothing acknowledged is lost unless the buffer overflows ({@code buffer.overflow=drop-oldest})
 *       or expires ({@code buffer.max.age}); both are counted ({@code takt_edge_events_dropped_total})
 *       and logged with count, positions and time range.</li>
 *   <li>Exactly once rests on Kafka's committed position. If the offsets topic is lost, delivery
 *       restarts from the local checkpoint, which may lag by up to a second of events: those
 *       arrive twice.</li>
 *   <li>Events that can never be sent (schema rejected by the registry, larger than
 *       {@code max.request.size}, refused by the broker) go to the site's dead-letter topic in the
 *       same transaction, and delivery goes on.</li>
 * </ul>
 */
package io.takt.acquisition.delivery;
