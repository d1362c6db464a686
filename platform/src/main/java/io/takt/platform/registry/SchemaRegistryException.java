package io.takt.platform.registry;

/**
 * An error answered by a schema registry, carrying Confluent's HTTP status and error code
 * (e.g. 404 / 40401 subject not found, 409 / 409 incompatible schema, 422 / 42201 invalid schema).
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        super(message + " (HTTP " + httpStatus + ", error_code " + errorCode + ")");
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = 0;
        this.errorCode = 0;
    }

    /** The HTTP status; 0 when the registry could not be reached at all. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's error code, e.g. 40401; 0 when the registry could not be reached at all. */
    public int errorCode() {
        return errorCode;
    }
}
