package io.takt.oee.topology;

import org.apache.kafka.streams.state.KeyValueStore;

import io.takt.oee.OeeStores;
import io.takt.oee.accounting.Elements;
import io.takt.oee.accounting.LedgerCodec;
import io.takt.oee.accounting.WindowElementsStore;
import io.takt.oee.accounting.WindowRef;

/** Window elements in a Kafka Streams key-value store, keyed like the KPI store: machine|KIND|start. */
final class StoredWindows implements WindowElementsStore {

    private final KeyValueStore<String, byte[]> store;

    StoredWindows(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    @Override
    public Elements get(String machineId, WindowRef window) {
        byte[] bytes = store.get(key(machineId, window));
        return bytes == null ? null : LedgerCodec.decodeWindow(window.kind(), window.start(), bytes).elements();
    }

    @Override
    public void put(String machineId, WindowRef window, Elements elements) {
        store.put(key(machineId, window), LedgerCodec.encode(window, elements));
    }

    @Override
    public void delete(String machineId, WindowRef window) {
        store.delete(key(machineId, window));
    }

    private static String key(String machineId, WindowRef window) {
        return OeeStores.kpiKey(machineId, window.kind(), window.start());
    }
}
