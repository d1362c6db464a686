package io.takt.genealogy.topology;

/**
 * Keys of the query stores every instance holds in full (global stores): the lot graph's edges
 * both ways and the lots with their serial numbers, so that a trace reads only local RocksDB,
 * however many partitions and instances the lots are spread over.
 */
public final class GraphKeys {

    /** Between the parts of a store key; lot ids cannot contain it (nor '|', see edge keys). */
    static final char SEPARATOR = '\u001f';

    private GraphKeys() {
    }

    /** Prefix of the edges to the parents of {@code child}: a backward step. */
    public static String parentsOf(String child) {
        return "P" + SEPARATOR + child + SEPARATOR;
    }

    /** Prefix of the edges to the children of {@code parent}: a forward step. */
    public static String childrenOf(String parent) {
        return "C" + SEPARATOR + parent + SEPARATOR;
    }

    static String parentEdge(String child, String parent) {
        return parentsOf(child) + parent;
    }

    static String childEdge(String parent, String child) {
        return childrenOf(parent) + child;
    }

    /** Key of a lot's record. */
    public static String lot(String lotId) {
        return "L" + SEPARATOR + lotId;
    }

    /** Key of the lot a serial number is in. */
    public static String serial(String serialNumber) {
        return "S" + SEPARATOR + serialNumber;
    }
}
