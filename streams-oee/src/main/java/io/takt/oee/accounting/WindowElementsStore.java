package io.takt.oee.accounting;

/** Where the elements of a machine's open windows are kept between events (a RocksDB store in the app). */
public interface WindowElementsStore {

    /** The elements so far, or null when nothing was added to the window yet. */
    Elements get(String machineId, WindowRef window);

    void put(String machineId, WindowRef window, Elements elements);

    void delete(String machineId, WindowRef window);
}
