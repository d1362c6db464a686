package io.takt.oee.topology;

import java.nio.ByteBuffer;

import io.takt.oee.accounting.Elements;
import io.takt.oee.accounting.LedgerCodec;
import io.takt.oee.accounting.WindowRef;
import io.takt.schemas.WindowKind;

/**
 * A roll-up's stored figures for one window: either one member's latest elements, or the sum over
 * the members with how many there are and how many of them are final.
 */
record RollupSlot(WindowRef window, Elements elements, long accountedUntil, int members, int finals) {

    private static final WindowKind[] KINDS = WindowKind.values();

    /** How the roll-up stores keep slots in RocksDB. */
    static final CommitBufferedStore.Codec<String, RollupSlot> CODEC =
            CommitBufferedStore.Codec.ofValues(RollupSlot::encode, RollupSlot::decode);

    byte[] encode() {
        byte[] window = LedgerCodec.encode(this.window, elements);
        ByteBuffer buffer = ByteBuffer.allocate(window.length + 32);
        buffer.put((byte) this.window.kind().ordinal()).putLong(this.window.start()).putLong(accountedUntil)
                .putInt(members).putInt(finals).put(window);
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    static RollupSlot decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        WindowKind kind = KINDS[buffer.get()];
        long start = buffer.getLong();
        long accountedUntil = buffer.getLong();
        int members = buffer.getInt();
        int finals = buffer.getInt();
        byte[] rest = new byte[buffer.remaining()];
        buffer.get(rest);
        LedgerCodec.StoredWindow stored = LedgerCodec.decodeWindow(kind, start, rest);
        return new RollupSlot(stored.window(), stored.elements(), accountedUntil, members, finals);
    }
}
