package io.takt.platform.registry.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.registry.server.RegistryState.StoredVersion;
import io.takt.platform.registry.server.StoreFormat.SchemaKey;
import io.takt.platform.registry.server.StoreFormat.SchemaValue;
import io.takt.schemas.compat.CompatibilityChecker;
import io.takt.schemas.compat.CompatibilityLevel;

/**
 * The registry's schema operations behind the REST API: registering (as a claim on the store
 * topic, retried when another instance won the same version), lookups and compatibility checks.
 */
final class Registry {

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    private static final int MAX_CLAIM_ATTEMPTS = 20;

    private final Store store;
    private final CompatibilityConfig config;
    private final ClaimRepair repair;
    private final ConcurrentMap<String, Schema> parsed = new ConcurrentHashMap<>();

    Registry(Store store, CompatibilityConfig config, ClaimRepair repair) {
        this.store = store;
        this.config = config;
        this.repair = repair;
    }

    /** Registers the schema under the subject (or finds it there) and answers its global id. */
    int register(String subject, RegisterRequest request) {
        Schema schema = request.avroSchema();
        String text = schema.toString();
        return store.exclusively(() -> {
            for (int attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
                store.catchUp();
                Optional<StoredVersion> existing = store.state().find(subject, text, false);
                if (existing.isPresent()) {
                    return existing.get().id();
                }
                requireCompatible(subject, schema);
                int id = store.state().idOf(text).orElseGet(store.state()::nextId);
                int version = store.state().nextVersion(subject);
                store.append(new SchemaKey(subject, version), new SchemaValue(subject, version, id, text, false));
                if (store.state().version(subject, version).filter(v -> v.id() == id && v.schema().equals(text))
                        .isPresent()) {
                    return id;
                }
                LOG.warn("Lost the claim on subject {} version {} (id {}) to another registry instance; "
                        + "retrying ({}/{})", subject, version, id, attempt, MAX_CLAIM_ATTEMPTS);
                repair.repairDirtyKeys();
            }
            throw RegistryError.storeFailed("Register operation failed: " + MAX_CLAIM_ATTEMPTS
                    + " conflicting writes in a row for subject " + subject, null);
        });
    }

    private void requireCompatible(String subject, Schema candidate) {
        CompatibilityLevel level = config.effective(subject);
        List<String> problems = problems(level, candidate, store.state().versions(subject, false));
        if (!problems.isEmpty()) {
            throw RegistryError.incompatible(subject, problems);
        }
    }

    /** The subject version holding this schema; 40401 when the subject is unknown, 40403 when the schema is. */
    StoredVersion lookup(String subject, RegisterRequest request, boolean includeDeleted) {
        String text = request.avroSchema().toString();
        return fresh(() -> store.state().find(subject, text, includeDeleted)).orElseThrow(() ->
                store.state().hasSubject(subject, includeDeleted) ? RegistryError.schemaNotFound()
                        : RegistryError.subjectNotFound(subject));
    }

    String schemaById(int id) {
        return fresh(() -> store.state().schemaById(id)).orElseThrow(() -> RegistryError.schemaNotFound(id));
    }

    List<StoredVersion> versionsWithId(int id, boolean includeDeleted) {
        schemaById(id);
        return store.state().versionsWithId(id).stream().filter(v -> includeDeleted || !v.deleted()).toList();
    }

    Set<String> subjects(boolean includeDeleted) {
        store.catchUpForRead();
        return store.state().subjects(includeDeleted);
    }

    List<Integer> versions(String subject, boolean includeDeleted) {
        store.catchUpForRead();
        List<StoredVersion> versions = store.state().versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions.stream().map(StoredVersion::version).toList();
    }

    StoredVersion version(String subject, String versionText, boolean includeDeleted) {
        int version = VersionSelector.parse(versionText);
        store.catchUpForRead();
        Optional<StoredVersion> found = version == VersionSelector.LATEST
                ? store.state().latest(subject, includeDeleted)
                : store.state().version(subject, version).filter(v -> includeDeleted || !v.deleted());
        return found.orElseThrow(() -> store.state().hasSubject(subject, includeDeleted)
                ? RegistryError.versionNotFound(version) : RegistryError.subjectNotFound(subject));
    }

    /**
     * What makes the schema incompatible with one version ({@code versionText}), or with the versions
     * the subject's level checks against when {@code versionText} is null. A subject without versions
     * accepts anything, as Confluent does for {@code latest}.
     */
    List<String> compatibilityProblems(String subject, String versionText, RegisterRequest request) {
        Schema candidate = request.avroSchema();
        store.catchUpForRead();
        List<StoredVersion> against;
        if (versionText == null) {
            against = store.state().versions(subject, false);
        } else if (VersionSelector.parse(versionText) == VersionSelector.LATEST) {
            against = store.state().latest(subject, false).map(List::of).orElse(List.of());
        } else {
            against = List.of(version(subject, versionText, false));
        }
        return problems(config.effective(subject), candidate, against);
    }

    private List<String> problems(CompatibilityLevel level, Schema candidate, List<StoredVersion> previous) {
        List<Schema> schemas = previous.stream().map(v -> parsed.computeIfAbsent(v.schema(), SchemaText::parse))
                .toList();
        List<String> problems = new ArrayList<>(CompatibilityChecker.problems(level, candidate, schemas));
        if (!problems.isEmpty()) {
            problems.add("{compatibility: '" + level.name() + "'}");
        }
        return problems;
    }

    /** Answers from the local view, catching up with the topic first when the answer would be "not found". */
    private <T> Optional<T> fresh(Supplier<Optional<T>> read) {
        Optional<T> local = read.get();
        if (local.isPresent()) {
            return local;
        }
        store.catchUpForRead();
        return read.get();
    }
}
