package io.takt.platform.registry.server;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Turns schema strings into Avro schemas and into the one form the registry compares and stores:
 * Avro's own JSON rendering ({@link Schema#toString()}, which Confluent calls the canonical string).
 * Whitespace and attribute order do not matter; docs, defaults, aliases and logical types do,
 * because they change how data is read, so Avro's "parsing canonical form" (which drops them) would
 * wrongly merge different schemas under one id.
 */
final class SchemaText {

    private SchemaText() {
    }

    /** Parses a schema a client sent; an invalid one is Confluent's 422 / 42201. */
    static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryError.invalidSchema("Empty schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException | IllegalArgumentException | NullPointerException e) {
            throw RegistryError.invalidSchema("Invalid schema of type AVRO, details: " + e.getMessage());
        }
    }

    /** The canonical string of a stored schema; one Avro cannot parse (e.g. with references) stays as it is. */
    static String canonical(String text) {
        try {
            return new Schema.Parser().parse(text).toString();
        } catch (RuntimeException e) {
            return text;
        }
    }
}
