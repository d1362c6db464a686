package io.takt.acquisition.delivery;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

import io.takt.platform.registry.SchemaRegistryException;

/**
 * What a delivery failure means for the buffer, decided in one place: wait and retry (the backbone
 * is away), set one event aside on the dead-letter topic (it can never be sent), or stop (another
 * process owns this gateway's transactional id).
 */
enum DeliveryFailure {

    /** Kafka is unreachable or busy: retry forever with backoff, keep buffering. */
    KAFKA_UNAVAILABLE,
    /** The schema registry is unreachable or failing: retry forever with backoff, keep buffering. */
    REGISTRY_UNAVAILABLE,
    /** The buffer could not be read back (a disk error): retry with backoff, loudly. */
    BUFFER_UNREADABLE,
    /** This event can never be sent as it is: dead-letter it and go on. */
    UNDELIVERABLE,
    /** Another producer with this gateway's transactional id fenced this one off: stop delivering. */
    FENCED;

    static DeliveryFailure of(Throwable error) {
        if (error instanceof BufferReadException) {
            return BUFFER_UNREADABLE;
        }
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ProducerFencedException || e instanceof TransactionalIdAuthorizationException) {
                return FENCED;
            }
            if (e instanceof SchemaRegistryException registry) {
                return schemaRejected(registry) ? UNDELIVERABLE : REGISTRY_UNAVAILABLE;
            }
            if (e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException
                    || e instanceof InvalidRecordException || e instanceof InvalidTopicException) {
                return UNDELIVERABLE;
            }
        }
        return KAFKA_UNAVAILABLE;
    }

    /**
     * Whether the registry refused the schema itself, which asking again will not change: 409 (not
     * compatible with the subject's earlier versions) or 422 (not a valid schema). Anything else,
     * including 5xx while the registry's own Kafka is away, is worth retrying.
     */
    static boolean schemaRejected(SchemaRegistryException e) {
        return e.httpStatus() == 409 || e.httpStatus() == 422;
    }
}
