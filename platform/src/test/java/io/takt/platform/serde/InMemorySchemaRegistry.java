package io.takt.platform.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;

import io.takt.platform.registry.SchemaRegistryClient;
import io.takt.platform.registry.SchemaRegistryException;

/**
 * A schema registry held in memory for tests: numbers schemas from a chosen id, answers with
 * Confluent's error codes, and counts every call so tests can prove what the serdes cached.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, String> schemaTextsById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new LinkedHashMap<>();
    private int nextId;
    private int registerCalls;
    private int idOfCalls;
    private int schemaByIdCalls;

    public InMemorySchemaRegistry() {
        this(1);
    }

    public InMemorySchemaRegistry(int firstId) {
        this.nextId = firstId;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        registerCalls++;
        // Like Confluent's registry: one global id per distinct schema, shared by every subject holding it.
        int id = idsBySchemaText.computeIfAbsent(schema.toString(), text -> nextId++);
        schemaTextsById.put(id, schema.toString());
        List<Integer> versions = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        idOfCalls++;
        List<Integer> versions = idsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(404, 40401, "Subject '" + subject + "' not found.");
        }
        Integer id = idsBySchemaText.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            throw new SchemaRegistryException(404, 40403, "Schema not found");
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        schemaByIdCalls++;
        String text = schemaTextsById.get(id);
        if (text == null) {
            throw new SchemaRegistryException(404, 40403, "Schema " + id + " not found");
        }
        // A fresh parse, as a REST client would return, so no test passes on object identity.
        return new Schema.Parser().parse(text);
    }

    synchronized Set<String> subjects() {
        return Set.copyOf(idsBySubject.keySet());
    }

    synchronized int registerCalls() {
        return registerCalls;
    }

    synchronized int idOfCalls() {
        return idOfCalls;
    }

    synchronized int schemaByIdCalls() {
        return schemaByIdCalls;
    }
}
