package io.takt.platform.registry.server;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.registry.server.RegistryState.KeyTrail;
import io.takt.platform.registry.server.RegistryState.StoredVersion;
import io.takt.platform.registry.server.StoreFormat.SchemaKey;

/**
 * Makes sure a rejected claim can never win after log compaction. Compaction keeps only the last
 * record of each key, so a key whose last record was rejected is re-written with its current state:
 * the winner's value when the key is present, a tombstone when it is absent (the loser claimed an id
 * or schema bound elsewhere). The re-write is an update that changes nothing, and is repeated until
 * it lands with no other record for that key in between. Any instance may repair any key: all agree
 * on the state, so concurrent repairs write the same thing.
 */
final class ClaimRepair {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimRepair.class);
    private static final int MAX_ATTEMPTS = 10;

    private final Store store;

    ClaimRepair(Store store) {
        this.store = store;
    }

    /** Re-writes every key whose last record was rejected. Call with the store's write lock held. */
    void repairDirtyKeys() {
        List<SchemaKey> dirty = store.state().dirtyKeys();
        for (SchemaKey key : dirty) {
            reassert(key);
        }
    }

    private void reassert(SchemaKey key) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            store.catchUp();
            KeyTrail before = store.state().trail(key);
            Optional<StoredVersion> current = store.state().version(key.subject(), key.version());
            long offset = store.append(key, current.map(StoredVersion::toValue).orElse(null));
            KeyTrail after = store.state().trail(key);
            if (after.lastOffset() == offset && after.records() == before.records() + 1 && !after.lastRejected()) {
                LOG.debug("Re-wrote {} with its current state ({}) at offset {}", key,
                        current.isPresent() ? "winner's value" : "tombstone", offset);
                return;
            }
        }
        LOG.warn("Could not settle {} after {} attempts; it stays marked for repair", key, MAX_ATTEMPTS);
    }
}
