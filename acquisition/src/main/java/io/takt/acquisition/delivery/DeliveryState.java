package io.takt.acquisition.delivery;

/** Where delivery to Kafka stands; each change is logged once, not each retry. */
public enum DeliveryState {
    /** Connecting for the first time: transactions initialised, committed position read. */
    STARTING,
    /** Events flow to Kafka. */
    DELIVERING,
    /** Kafka cannot be reached: events are buffered and sending retried with backoff. */
    KAFKA_UNREACHABLE,
    /** The schema registry cannot be reached, so events cannot be framed: buffered and retried. */
    REGISTRY_UNREACHABLE,
    /** The buffer cannot be read back (a disk error): retried with backoff; appends may still work. */
    BUFFER_UNREADABLE,
    /** Another process took over this gateway's transactional id: delivery stopped; events are still buffered. */
    FENCED,
    /** Closed. */
    STOPPED
}
