package io.takt.platform.registry;

import java.util.Map;

import io.takt.platform.registry.client.RestSchemaRegistryClient;

/** Builds the {@link SchemaRegistryClient} that serdes and services use, from Kafka-style configs. */
public final class SchemaRegistryClients {

    /** Comma-separated base URLs of the registry, e.g. {@code http://localhost:8081}. */
    public static final String URL = "schema.registry.url";
    /** {@code user:password} for HTTP basic authentication, as Confluent's clients take it. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

    private SchemaRegistryClients() {
    }

    /** A caching REST client for the registry named by {@link #URL} in {@code configs}. */
    public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        return RestSchemaRegistryClient.fromConfig(configs);
    }
}
