package io.takt.platform.registry.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import io.takt.platform.registry.server.StoreFormat.SchemaKey;
import io.takt.platform.registry.server.StoreFormat.SchemaValue;
import io.takt.schemas.compat.CompatibilityLevel;

/**
 * What one registry instance knows, built by applying the {@code _schemas} topic in log order.
 * There is no leader: every instance applies the same deterministic rules to the same log, so all
 * instances agree on which write "won".
 *
 * <p>Rules for a {@code SCHEMA} record (key = subject + version):
 * <ol>
 *   <li>A tombstone removes the version.</li>
 *   <li>For a key that is not present, the record is a <em>claim</em>. It wins unless its id is
 *       already bound (by a present version) to a different schema, or its schema to a different id;
 *       then it is rejected. So one schema has one id, and one id one schema.</li>
 *   <li>For a key that is present, a record with the same id and schema is an update (it may set or
 *       clear {@code deleted}); one with a different id or schema lost a race and is rejected.</li>
 * </ol>
 * So the first claim in log order wins. A rejected record must never win later: after compaction
 * only the last record of a key survives, so a key whose last record was rejected is
 * {@linkplain #dirtyKeys() dirty} until somebody re-writes it with its current state (the winner's
 * value, or a tombstone when the key is absent). See {@link ClaimRepair}. Id bindings depend only on
 * versions present now, never on history, so an instance that reads a compacted log agrees with one
 * that read every record.
 *
 * <p>Config records are last-writer-wins, which compaction preserves by itself.
 */
final class RegistryState {

    /** A subject version as the registry serves it. */
    record StoredVersion(String subject, int version, int id, String schema, boolean deleted) {
        SchemaValue toValue() {
            return new SchemaValue(subject, version, id, schema, deleted);
        }
    }

    /** Where a key's records stand: the offset of its last record, how many there were, and whether the last lost. */
    record KeyTrail(long lastOffset, long records, boolean lastRejected) {
        static final KeyTrail NONE = new KeyTrail(-1, 0, false);
    }

    /** What applying one record did. */
    enum Outcome { APPLIED, REJECTED }

    private final UnaryOperator<String> canonical;
    private final Map<SchemaKey, StoredVersion> versions = new HashMap<>();
    private final Map<Integer, Set<SchemaKey>> keysById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private final Map<SchemaKey, KeyTrail> trails = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int highestIdSeen;

    /** @param canonical turns a schema string into the form schemas are compared in */
    RegistryState(UnaryOperator<String> canonical) {
        this.canonical = canonical;
    }

    synchronized Outcome applySchema(SchemaKey key, SchemaValue value, long offset) {
        Outcome outcome = value == null ? remove(key) : put(key, value);
        KeyTrail before = trails.getOrDefault(key, KeyTrail.NONE);
        trails.put(key, new KeyTrail(offset, before.records() + 1, outcome == Outcome.REJECTED));
        return outcome;
    }

    synchronized void applyConfig(String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalLevel = level;
        } else if (level == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, level);
        }
    }

    /** Confluent's whole-subject soft delete: every version up to {@code upToVersion} becomes deleted. */
    synchronized void applyDeleteSubject(String subject, int upToVersion) {
        versions.replaceAll((key, stored) -> key.subject().equals(subject) && key.version() <= upToVersion
                ? new StoredVersion(stored.subject(), stored.version(), stored.id(), stored.schema(), true)
                : stored);
    }

    private Outcome remove(SchemaKey key) {
        StoredVersion gone = versions.remove(key);
        if (gone != null) {
            Set<SchemaKey> keys = keysById.get(gone.id());
            keys.remove(key);
            if (keys.isEmpty()) {
                keysById.remove(gone.id());
                schemaById.remove(gone.id());
                idBySchema.remove(gone.schema(), gone.id());
            }
        }
        return Outcome.APPLIED;
    }

    private Outcome put(SchemaKey key, SchemaValue value) {
        String schema = canonical.apply(value.schema());
        StoredVersion present = versions.get(key);
        if (present != null) {
            if (present.id() != value.id() || !present.schema().equals(schema)) {
                return Outcome.REJECTED;
            }
            versions.put(key, new StoredVersion(key.subject(), key.version(), value.id(), schema, value.deleted()));
            return Outcome.APPLIED;
        }
        String boundSchema = schemaById.get(value.id());
        Integer boundId = idBySchema.get(schema);
        if (boundSchema != null && !boundSchema.equals(schema) || boundId != null && boundId != value.id()) {
            return Outcome.REJECTED;
        }
        versions.put(key, new StoredVersion(key.subject(), key.version(), value.id(), schema, value.deleted()));
        keysById.computeIfAbsent(value.id(), id -> new HashSet<>()).add(key);
        schemaById.put(value.id(), schema);
        idBySchema.put(schema, value.id());
        highestIdSeen = Math.max(highestIdSeen, value.id());
        return Outcome.APPLIED;
    }

    synchronized Optional<StoredVersion> version(String subject, int version) {
        return Optional.ofNullable(versions.get(new SchemaKey(subject, version)));
    }

    /** The subject's versions, oldest first. */
    synchronized List<StoredVersion> versions(String subject, boolean includeDeleted) {
        return versions.values().stream()
                .filter(v -> v.subject().equals(subject) && (includeDeleted || !v.deleted()))
                .sorted(Comparator.comparingInt(StoredVersion::version))
                .toList();
    }

    synchronized Optional<StoredVersion> latest(String subject, boolean includeDeleted) {
        List<StoredVersion> all = versions(subject, includeDeleted);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    synchronized boolean hasSubject(String subject, boolean includeDeleted) {
        return !versions(subject, includeDeleted).isEmpty();
    }

    synchronized Set<String> subjects(boolean includeDeleted) {
        Set<String> subjects = new TreeSet<>();
        versions.values().stream().filter(v -> includeDeleted || !v.deleted()).forEach(v -> subjects.add(v.subject()));
        return subjects;
    }

    /** The version of {@code schema} (already canonical) under {@code subject}, newest first. */
    synchronized Optional<StoredVersion> find(String subject, String schema, boolean includeDeleted) {
        List<StoredVersion> all = new ArrayList<>(versions(subject, includeDeleted));
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).schema().equals(schema)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    synchronized OptionalInt idOf(String schema) {
        Integer id = idBySchema.get(schema);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Every subject version that uses this id, sorted by subject then version. */
    synchronized List<StoredVersion> versionsWithId(int id) {
        return keysById.getOrDefault(id, Set.of()).stream()
                .map(versions::get)
                .sorted(Comparator.comparing(StoredVersion::subject).thenComparingInt(StoredVersion::version))
                .toList();
    }

    /** The id a brand-new schema claims: one above the highest this instance has ever seen. */
    synchronized int nextId() {
        return highestIdSeen + 1;
    }

    /** The version a new registration under {@code subject} claims; soft-deleted versions still count. */
    synchronized int nextVersion(String subject) {
        return versions.keySet().stream().filter(k -> k.subject().equals(subject))
                .mapToInt(SchemaKey::version).max().orElse(0) + 1;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized Optional<CompatibilityLevel> globalLevel() {
        return Optional.ofNullable(globalLevel);
    }

    synchronized int schemaCount() {
        return schemaById.size();
    }

    synchronized KeyTrail trail(SchemaKey key) {
        return trails.getOrDefault(key, KeyTrail.NONE);
    }

    /** Keys whose last record in the log was rejected and so must be re-written before compaction. */
    synchronized List<SchemaKey> dirtyKeys() {
        return trails.entrySet().stream().filter(e -> e.getValue().lastRejected()).map(Map.Entry::getKey).toList();
    }
}
