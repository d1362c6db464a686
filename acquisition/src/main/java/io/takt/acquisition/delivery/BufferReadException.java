package io.takt.acquisition.delivery;

/** Reading the buffer back for delivery failed: a fault of the local disk, not of Kafka. */
final class BufferReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BufferReadException(Throwable cause) {
        super("Cannot read the edge buffer back: " + cause.getMessage(), cause);
    }
}
