package io.takt.acquisition.delivery.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer schemas of buffered events, one file each under {@code schemas/}, named by a
 * fingerprint of the schema's full text. Each event stores only the fingerprint, yet is read back
 * with exactly the schema it was written with, even after the gateway was upgraded to newer
 * classes while a backlog waited on disk.
 */
final class StoredSchemas {

    static final String DIR = "schemas";

    private static final Logger LOG = LoggerFactory.getLogger(StoredSchemas.class);

    private final Path dir;
    private final boolean sync;
    private final ConcurrentMap<Schema, Long> fingerprints = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

    StoredSchemas(Path bufferDir, boolean sync) throws IOException {
        this.dir = Files.createDirectories(bufferDir.resolve(DIR));
        this.sync = sync;
    }

    /** The schema's fingerprint, after making sure its file is on disk before any event refers to it. */
    long remember(Schema schema) {
        Long known = fingerprints.get(schema);
        if (known != null) {
            return known;
        }
        String text = schema.toString();
        long fingerprint = SchemaNormalization.fingerprint64(text.getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            if (!byFingerprint.containsKey(fingerprint)) {
                write(fingerprint, text);
                byFingerprint.put(fingerprint, schema);
            }
        }
        fingerprints.put(schema, fingerprint);
        return fingerprint;
    }

    /**
     * The schema with this fingerprint: from memory, from its file, or as a last resort the
     * generated class of that name if its schema has the same fingerprint; null if none is found.
     */
    Schema find(long fingerprint, String fullName) {
        Schema known = byFingerprint.get(fingerprint);
        if (known != null) {
            return known;
        }
        Schema found = read(fingerprint);
        if (found == null) {
            found = fromClasspath(fingerprint, fullName);
        }
        if (found != null) {
            byFingerprint.putIfAbsent(fingerprint, found);
        }
        return found;
    }

    private void write(long fingerprint, String text) {
        Path file = file(fingerprint);
        if (Files.exists(file)) {
            return;
        }
        try {
            DurableFiles.replace(file, text.getBytes(StandardCharsets.UTF_8), sync);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store schema " + file, e);
        }
    }

    private Schema read(long fingerprint) {
        Path file = file(fingerprint);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.error("Buffered schema {} is unreadable: {}", file, e.toString());
            return null;
        }
    }

    private static Schema fromClasspath(long fingerprint, String fullName) {
        Class<?> generated = SpecificData.get().getClass(Schema.createRecord(fullName, null, null, false));
        if (generated == null) {
            return null;
        }
        Schema schema = SpecificData.get().getSchema(generated);
        long current = SchemaNormalization.fingerprint64(schema.toString().getBytes(StandardCharsets.UTF_8));
        return current == fingerprint ? schema : null;
    }

    private Path file(long fingerprint) {
        return dir.resolve(String.format("%016x.avsc", fingerprint));
    }
}
