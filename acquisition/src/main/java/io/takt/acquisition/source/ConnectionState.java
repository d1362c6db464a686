package io.takt.acquisition.source;

/** The link between the gateway and one source. */
public enum ConnectionState {
    /** Trying to connect (first time, or after a loss, with backoff). */
    CONNECTING,
    /** Connected and acquiring. */
    CONNECTED,
    /** Lost; a reconnect is scheduled. */
    DISCONNECTED,
    /** Closed by the gateway. */
    CLOSED
}
