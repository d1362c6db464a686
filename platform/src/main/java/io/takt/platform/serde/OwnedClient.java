package io.takt.platform.serde;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.registry.SchemaRegistryClient;

/** A registry client that a serde built from its config, and so closes; an injected client belongs to its caller. */
final class OwnedClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OwnedClient.class);

    private final SchemaRegistryClient client;

    private OwnedClient(SchemaRegistryClient client) {
        this.client = client;
    }

    static OwnedClient buildFrom(AvroSerdeConfig config) {
        return new OwnedClient(config.newRegistryClient());
    }

    SchemaRegistryClient client() {
        return client;
    }

    @Override
    public void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing happens on shutdown; failing it would hide the real reason for stopping.
                log.warn("Could not close schema registry client {}", client, e);
            }
        }
    }
}
