package io.takt.platform.registry.server;

import java.util.List;

import io.takt.platform.registry.server.RegistryState.StoredVersion;
import io.takt.platform.registry.server.StoreFormat.ConfigKey;
import io.takt.platform.registry.server.StoreFormat.SchemaKey;

/**
 * Confluent's two-step deletes. A soft delete marks versions deleted (their ids stay readable, so
 * consumers still decode old data); a permanent delete, allowed only after a soft one, tombstones them.
 */
final class SubjectDeletions {

    private final Store store;

    SubjectDeletions(Store store) {
        this.store = store;
    }

    /** Deletes a subject and answers the versions deleted. */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        return store.exclusively(() -> {
            store.catchUp();
            List<StoredVersion> all = store.state().versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryError.subjectNotFound(subject);
            }
            List<StoredVersion> live = all.stream().filter(v -> !v.deleted()).toList();
            if (permanent) {
                if (!live.isEmpty()) {
                    throw RegistryError.subjectNotSoftDeleted(subject);
                }
                all.forEach(v -> store.append(new SchemaKey(subject, v.version()), null));
                return all.stream().map(StoredVersion::version).toList();
            }
            if (live.isEmpty()) {
                throw RegistryError.subjectSoftDeleted(subject);
            }
            live.forEach(v -> store.append(new SchemaKey(subject, v.version()), v.toValue().withDeleted(true)));
            // Confluent drops a soft-deleted subject's own compatibility level too.
            if (store.state().subjectLevel(subject).isPresent()) {
                store.append(new ConfigKey(subject), null);
            }
            return live.stream().map(StoredVersion::version).toList();
        });
    }

    /** Deletes one version and answers its number. */
    int deleteVersion(String subject, String versionText, boolean permanent) {
        int requested = VersionSelector.parse(versionText);
        return store.exclusively(() -> {
            store.catchUp();
            if (!store.state().hasSubject(subject, true)) {
                throw RegistryError.subjectNotFound(subject);
            }
            StoredVersion target = (requested == VersionSelector.LATEST
                    ? store.state().latest(subject, permanent)
                    : store.state().version(subject, requested))
                    .orElseThrow(() -> RegistryError.versionNotFound(requested));
            if (!permanent && target.deleted()) {
                throw RegistryError.versionSoftDeleted(subject, versionText);
            }
            if (permanent && !target.deleted()) {
                throw RegistryError.versionNotSoftDeleted(subject, versionText);
            }
            SchemaKey key = new SchemaKey(subject, target.version());
            store.append(key, permanent ? null : target.toValue().withDeleted(true));
            return target.version();
        });
    }
}
