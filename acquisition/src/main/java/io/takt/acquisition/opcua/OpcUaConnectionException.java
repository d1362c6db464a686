package io.takt.acquisition.opcua;

/** A connection attempt failed; the message says why in the integrator's terms and what to do. */
public class OpcUaConnectionException extends Exception {

    private static final long serialVersionUID = 1L;

    public OpcUaConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    public OpcUaConnectionException(String message) {
        super(message);
    }
}
