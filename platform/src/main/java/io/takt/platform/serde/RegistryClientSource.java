package io.takt.platform.serde;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.registry.SchemaRegistryClient;

/**
 * Where a serde's registry client comes from: injected by the caller (theirs, never closed here)
 * or built from the serde's config (ours, closed with the serde, and replaced on re-configure).
 */
final class RegistryClientSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClientSource.class);

    private final SchemaRegistryClient injected;
    private SchemaRegistryClient owned;

    private RegistryClientSource(SchemaRegistryClient injected) {
        this.injected = injected;
    }

    /** The caller's client. */
    static RegistryClientSource injected(SchemaRegistryClient client) {
        return new RegistryClientSource(Objects.requireNonNull(client, "client"));
    }

    /** A client to be built from the config passed to {@link #clientFor}. */
    static RegistryClientSource fromConfig() {
        return new RegistryClientSource(null);
    }

    /** The injected client, or a new one built from {@code config} (closing one built earlier). */
    synchronized SchemaRegistryClient clientFor(AvroSerdeConfig config) {
        if (injected != null) {
            return injected;
        }
        close();
        owned = config.newRegistryClient();
        return owned;
    }

    /** "Call configure() first": the one message for a serde used before it has a client. */
    static IllegalStateException notConfigured(String what) {
        return new IllegalStateException(what + " is not configured: call configure() with "
                + AvroSerdeConfig.SCHEMA_REGISTRY_URL + ", or construct it with a SchemaRegistryClient");
    }

    @Override
    public synchronized void close() {
        if (owned instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing happens on shutdown; failing it would hide the real reason for stopping.
                LOG.warn("Could not close schema registry client {}", owned, e);
            }
        }
        owned = null;
    }
}
