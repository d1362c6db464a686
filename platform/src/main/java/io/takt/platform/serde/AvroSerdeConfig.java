package io.takt.platform.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryClients;

/**
 * The settings of Takt's Avro serdes, under the keys Confluent's serdes use, so one properties file
 * configures either.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    /** Comma-separated base URLs of the schema registry. */
    public static final String SCHEMA_REGISTRY_URL = SchemaRegistryClients.URL;
    /** {@code user:password} for HTTP basic authentication to the registry. */
    public static final String BASIC_AUTH_USER_INFO = SchemaRegistryClients.BASIC_AUTH_USER_INFO;
    /** Serializer: register a record's schema if its subject lacks it (default true). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Deserializer without a record class: read SpecificRecords rather than GenericRecords (default false). */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /** Deserializer of keys: the SpecificRecord class to read every key into. */
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    /** Deserializer of values: the SpecificRecord class to read every value into. */
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, null, Importance.HIGH,
                    "Comma-separated base URLs of the schema registry, e.g. http://localhost:8081. "
                            + "Required unless a SchemaRegistryClient is passed to the serde.")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "user:password for HTTP basic authentication to the schema registry.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Serializer: register a record's schema under its subject when it is not there yet. "
                            + "When false the schema must already be registered, or serializing fails.")
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.LOW,
                    "Deserializer without a record class: true reads into the generated SpecificRecord class "
                            + "named by the writer's schema, false reads GenericRecords.")
            .define(SPECIFIC_AVRO_KEY_TYPE, Type.CLASS, null, new SpecificRecordClass(), Importance.LOW,
                    "Key deserializer: the SpecificRecord class every key is read into, whatever version wrote it.")
            .define(SPECIFIC_AVRO_VALUE_TYPE, Type.CLASS, null, new SpecificRecordClass(), Importance.LOW,
                    "Value deserializer: the SpecificRecord class every value is read into, whatever version wrote it.");

    /** @throws ConfigException naming the key, when a value has the wrong type or is not allowed */
    public AvroSerdeConfig(Map<String, ?> configs) {
        // Kafka hands serdes every client setting; logging them all again per serde is noise.
        super(DEFINITION, configs, false);
    }

    /** The definition of every key, with types, defaults and documentation. */
    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    /** The configured SpecificRecord class for keys or values, or null. */
    Class<?> specificType(boolean isKey) {
        return getClass(isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE);
    }

    /** A new registry client built from these settings; the caller owns and closes it. */
    SchemaRegistryClient newRegistryClient() {
        if (getList(SCHEMA_REGISTRY_URL) == null || getList(SCHEMA_REGISTRY_URL).isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, null,
                    "required when no SchemaRegistryClient is passed to the Avro serde");
        }
        return SchemaRegistryClients.fromConfig(originals());
    }

    /** Accepts only classes that Avro can read into as specific records. */
    private static final class SpecificRecordClass implements ConfigDef.Validator {

        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !SpecificRecord.class.isAssignableFrom((Class<?>) value)) {
                throw new ConfigException(name, ((Class<?>) value).getName(),
                        "must be an Avro SpecificRecord class (generated from a schema)");
            }
        }

        @Override
        public String toString() {
            return "a class implementing " + SpecificRecord.class.getName();
        }
    }
}
