package io.takt.oee.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

import io.takt.oee.OeeStores;
import io.takt.oee.accounting.Elements;
import io.takt.oee.accounting.LedgerCodec;
import io.takt.oee.accounting.WindowElementsStore;
import io.takt.oee.accounting.WindowRef;
import io.takt.schemas.WindowKind;

/**
 * Window elements in the {@link CommitBufferedStore} of open windows, keyed in RocksDB like the KPI
 * store (machine|KIND|start). The decoded windows are kept in memory too, a short list per machine:
 * a count touches four of its windows, and finding them there is cheaper than hashing a key each.
 * A window leaves both when it is final.
 */
final class StoredWindows implements WindowElementsStore {

    /** A machine's window as its store key names it: the end and shift id are in the value. */
    static final class WindowKey {
        private final String machineId;
        private final WindowKind kind;
        private final long start;
        private final int hash;

        WindowKey(String machineId, WindowKind kind, long start) {
            this.machineId = machineId;
            this.kind = kind;
            this.start = start;
            this.hash = (machineId.hashCode() * 31 + kind.ordinal()) * 31 + Long.hashCode(start);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WindowKey key && key.start == start && key.kind == kind
                    && key.machineId.equals(machineId);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** An open window: its key, its bounds and its elements so far. */
    record OpenWindow(WindowKey key, WindowRef window, Elements elements) {
        boolean is(WindowRef other) {
            return window.start() == other.start() && window.kind() == other.kind();
        }
    }

    /** How open windows are kept in RocksDB. */
    static final CommitBufferedStore.Codec<WindowKey, OpenWindow> CODEC = new CommitBufferedStore.Codec<>() {
        @Override
        public String storeKey(WindowKey key) {
            return OeeStores.kpiKey(key.machineId, key.kind, key.start);
        }

        @Override
        public byte[] encode(WindowKey key, OpenWindow value) {
            return LedgerCodec.encode(value.window(), value.elements());
        }

        @Override
        public OpenWindow decode(WindowKey key, byte[] bytes) {
            LedgerCodec.StoredWindow stored = LedgerCodec.decodeWindow(key.kind, key.start, bytes);
            return new OpenWindow(key, stored.window(), stored.elements());
        }
    };

    private final KeyValueStore<WindowKey, OpenWindow> store;
    private final Map<String, List<OpenWindow>> byMachine = new HashMap<>();
    // The accountant asks for several windows of one machine in a row, with the same id instance.
    private String lastMachineId;
    private List<OpenWindow> lastWindows;

    StoredWindows(KeyValueStore<WindowKey, OpenWindow> store) {
        this.store = store;
    }

    @Override
    public Elements get(String machineId, WindowRef window) {
        List<OpenWindow> windows = windowsOf(machineId);
        OpenWindow open = find(windows, window);
        if (open == null) {
            open = store.get(new WindowKey(machineId, window.kind(), window.start()));
            if (open == null) {
                return null;
            }
            windows.add(open);
        }
        return open.elements();
    }

    @Override
    public void put(String machineId, WindowRef window, Elements elements) {
        List<OpenWindow> windows = windowsOf(machineId);
        OpenWindow open = find(windows, window);
        if (open == null || open.elements() != elements) {
            windows.remove(open);
            WindowKey key = open == null ? new WindowKey(machineId, window.kind(), window.start()) : open.key();
            open = new OpenWindow(key, window, elements);
            windows.add(open);
        }
        store.put(open.key(), open);
    }

    @Override
    public void delete(String machineId, WindowRef window) {
        List<OpenWindow> windows = windowsOf(machineId);
        OpenWindow open = find(windows, window);
        windows.remove(open);
        store.delete(open == null ? new WindowKey(machineId, window.kind(), window.start()) : open.key());
    }

    /** Forgets the decoded copies, e.g. when the task closes. */
    void forgetCached() {
        byMachine.clear();
        lastMachineId = null;
        lastWindows = null;
    }

    private List<OpenWindow> windowsOf(String machineId) {
        if (machineId != lastMachineId) {
            lastWindows = byMachine.computeIfAbsent(machineId, id -> new ArrayList<>(16));
            lastMachineId = machineId;
        }
        return lastWindows;
    }

    private static OpenWindow find(List<OpenWindow> windows, WindowRef window) {
        for (int i = 0; i < windows.size(); i++) {
            OpenWindow open = windows.get(i);
            if (open.is(window)) {
                return open;
            }
        }
        return null;
    }
}
