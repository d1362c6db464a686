package io.takt.platform.registry.server;

import io.takt.platform.registry.server.StoreFormat.ConfigKey;
import io.takt.platform.registry.server.StoreFormat.ConfigValue;
import io.takt.schemas.compat.CompatibilityLevel;

/** Global and per-subject compatibility levels ({@code /config}), stored as Confluent CONFIG records. */
final class CompatibilityConfig {

    private final Store store;
    private final CompatibilityLevel defaultLevel;

    CompatibilityConfig(Store store, CompatibilityLevel defaultLevel) {
        this.store = store;
        this.defaultLevel = defaultLevel;
    }

    CompatibilityLevel global() {
        store.catchUpForRead();
        return store.state().globalLevel().orElse(defaultLevel);
    }

    /** The level that governs {@code subject}: its own, else the global one. */
    CompatibilityLevel effective(String subject) {
        return store.state().subjectLevel(subject).or(store.state()::globalLevel).orElse(defaultLevel);
    }

    CompatibilityLevel ofSubject(String subject, boolean defaultToGlobal) {
        store.catchUpForRead();
        if (defaultToGlobal) {
            return effective(subject);
        }
        return store.state().subjectLevel(subject).orElseThrow(() -> RegistryError.subjectLevelNotConfigured(subject));
    }

    CompatibilityLevel setGlobal(String level) {
        return set(null, level);
    }

    CompatibilityLevel setForSubject(String subject, String level) {
        return set(subject, level);
    }

    /** Removes a subject's own level and answers the level it had. */
    CompatibilityLevel deleteForSubject(String subject) {
        return store.exclusively(() -> {
            store.catchUp();
            CompatibilityLevel current = store.state().subjectLevel(subject)
                    .orElseThrow(() -> RegistryError.subjectNotFound(subject));
            store.append(new ConfigKey(subject), null);
            return current;
        });
    }

    private CompatibilityLevel set(String subject, String text) {
        CompatibilityLevel level = parse(text);
        return store.exclusively(() -> {
            store.append(new ConfigKey(subject), new ConfigValue(level.name()));
            return level;
        });
    }

    static CompatibilityLevel parse(String text) {
        if (text == null) {
            throw RegistryError.invalidCompatibilityLevel();
        }
        try {
            return CompatibilityLevel.valueOf(text.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw RegistryError.invalidCompatibilityLevel();
        }
    }
}
