package io.takt.oee.topology;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

import io.takt.oee.OeeStores;
import io.takt.oee.accounting.Elements;
import io.takt.oee.accounting.LedgerCodec;
import io.takt.oee.accounting.WindowElementsStore;
import io.takt.oee.accounting.WindowRef;

/**
 * Window elements in a Kafka Streams key-value store, keyed like the KPI store: machine|KIND|start;
 * decoded elements are kept in memory too (a window is read on nearly every event of its machine,
 * and dropped from both when it is final).
 */
final class StoredWindows implements WindowElementsStore {

    private final KeyValueStore<String, byte[]> store;
    private final Map<String, Elements> decoded = new HashMap<>();

    StoredWindows(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    @Override
    public Elements get(String machineId, WindowRef window) {
        String key = key(machineId, window);
        Elements elements = decoded.get(key);
        if (elements == null) {
            byte[] bytes = store.get(key);
            if (bytes == null) {
                return null;
            }
            elements = LedgerCodec.decodeWindow(window.kind(), window.start(), bytes).elements();
            decoded.put(key, elements);
        }
        return elements;
    }

    @Override
    public void put(String machineId, WindowRef window, Elements elements) {
        String key = key(machineId, window);
        decoded.put(key, elements);
        store.put(key, LedgerCodec.encode(window, elements));
    }

    @Override
    public void delete(String machineId, WindowRef window) {
        String key = key(machineId, window);
        decoded.remove(key);
        store.delete(key);
    }

    /** Forgets the decoded copies, e.g. after a failed event may have changed some half-way. */
    void forgetCached() {
        decoded.clear();
    }

    private static String key(String machineId, WindowRef window) {
        return OeeStores.kpiKey(machineId, window.kind(), window.start());
    }
}
