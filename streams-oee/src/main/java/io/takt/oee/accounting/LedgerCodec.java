package io.takt.oee.accounting;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MachineState;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WorkOrderStatus;

/**
 * The binary form of a {@link MachineLedger} and of window elements in the state stores. A private
 * format (the stores are this app's own, rebuilt from their changelogs), versioned by its first
 * byte so a later release can still read it.
 */
public final class LedgerCodec {

    // Format versions: a ledger's (2 since the clock moved into it) and a window's.
    private static final byte LEDGER_VERSION = 2;
    private static final byte WINDOW_VERSION = 1;
    private static final MachineState[] STATES = MachineState.values();
    private static final WorkOrderStatus[] STATUSES = WorkOrderStatus.values();
    private static final WindowKind[] KINDS = WindowKind.values();

    private LedgerCodec() {
    }

    /** The ledger: place, points, orders, clock, first event time and windows awaiting correction. */
    public static byte[] encode(MachineLedger ledger) {
        ByteBuffer buffer = ByteBuffer.allocate(estimate(ledger));
        buffer.put(LEDGER_VERSION);
        writeEquipment(buffer, ledger.equipment());
        Varint.write(buffer, ledger.points().size());
        for (StatePoint point : ledger.points()) {
            Varint.write(buffer, point.at());
            Varint.write(buffer, point.state().ordinal());
            Varint.writeString(buffer, point.rawState());
            Varint.writeString(buffer, point.reason());
        }
        List<OrderChange> changes = ledger.orders().changes();
        Varint.write(buffer, changes.size());
        for (OrderChange change : changes) {
            writeOrder(buffer, change);
        }
        Varint.write(buffer, ledger.clock());
        Varint.write(buffer, ledger.firstEvent());
        Varint.write(buffer, ledger.corrections().size());
        for (WindowRef window : ledger.corrections()) {
            Varint.write(buffer, window.kind().ordinal());
            Varint.write(buffer, window.start());
            Varint.write(buffer, window.end());
            Varint.writeString(buffer, window.shiftId());
        }
        return trimmed(buffer);
    }

    /** Reads what {@link #encode(MachineLedger)} wrote. */
    public static MachineLedger decodeLedger(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        checkVersion(buffer, LEDGER_VERSION);
        EquipmentRef equipment = readEquipment(buffer);
        int size = (int) Varint.read(buffer);
        List<StatePoint> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            points.add(new StatePoint(Varint.read(buffer), STATES[(int) Varint.read(buffer)],
                    Varint.readString(buffer), Varint.readString(buffer)));
        }
        int orders = (int) Varint.read(buffer);
        List<OrderChange> changes = new ArrayList<>(orders);
        for (int i = 0; i < orders; i++) {
            changes.add(readOrder(buffer));
        }
        long clock = Varint.read(buffer);
        long firstEvent = Varint.read(buffer);
        int corrected = (int) Varint.read(buffer);
        Set<WindowRef> corrections = new LinkedHashSet<>();
        for (int i = 0; i < corrected; i++) {
            corrections.add(new WindowRef(KINDS[(int) Varint.read(buffer)], Varint.read(buffer), Varint.read(buffer),
                    Varint.readString(buffer)));
        }
        return new MachineLedger(equipment, clock, firstEvent, points, new OrderBook(changes), corrections);
    }

    /** A window's elements with the window's end and shift id, which its key does not hold. */
    public static byte[] encode(WindowRef window, Elements elements) {
        ByteBuffer buffer = ByteBuffer.allocate(256 + length(window.shiftId()));
        buffer.put(WINDOW_VERSION);
        Varint.write(buffer, window.end());
        Varint.writeString(buffer, window.shiftId());
        elements.writeTo(buffer);
        return trimmed(buffer);
    }

    /** Reads what {@link #encode(WindowRef, Elements)} wrote; the window's kind and start come from the key. */
    public static StoredWindow decodeWindow(WindowKind kind, long start, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        checkVersion(buffer, WINDOW_VERSION);
        long end = Varint.read(buffer);
        String shiftId = Varint.readString(buffer);
        return new StoredWindow(new WindowRef(kind, start, end, shiftId), Elements.readFrom(buffer));
    }

    /** A window and its elements as read from the store. */
    public record StoredWindow(WindowRef window, Elements elements) {
    }

    private static void writeEquipment(ByteBuffer buffer, EquipmentRef ref) {
        buffer.put((byte) (ref == null ? 0 : 1));
        if (ref != null) {
            Varint.writeString(buffer, ref.getId());
            Varint.writeString(buffer, ref.getEnterprise());
            Varint.writeString(buffer, ref.getSite());
            Varint.writeString(buffer, ref.getArea());
            Varint.writeString(buffer, ref.getLine());
            Varint.writeString(buffer, ref.getWorkCell());
            Varint.writeString(buffer, ref.getMachine());
        }
    }

    private static EquipmentRef readEquipment(ByteBuffer buffer) {
        if (buffer.get() == 0) {
            return null;
        }
        return EquipmentRef.newBuilder().setId(Varint.readString(buffer)).setEnterprise(Varint.readString(buffer))
                .setSite(Varint.readString(buffer)).setArea(Varint.readString(buffer))
                .setLine(Varint.readString(buffer)).setWorkCell(Varint.readString(buffer))
                .setMachine(Varint.readString(buffer)).build();
    }

    private static void writeOrder(ByteBuffer buffer, OrderChange change) {
        Varint.write(buffer, change.changedAt());
        Varint.writeString(buffer, change.workOrderId());
        Varint.write(buffer, change.status().ordinal());
        Varint.writeString(buffer, change.productId());
        Varint.write(buffer, change.idealCycleTimes().size());
        change.idealCycleTimes().forEach((product, pru) -> {
            Varint.writeString(buffer, product);
            buffer.putDouble(pru);
        });
    }

    private static OrderChange readOrder(ByteBuffer buffer) {
        long changedAt = Varint.read(buffer);
        String id = Varint.readString(buffer);
        WorkOrderStatus status = STATUSES[(int) Varint.read(buffer)];
        String product = Varint.readString(buffer);
        int size = (int) Varint.read(buffer);
        Map<String, Double> prus = new HashMap<>();
        for (int i = 0; i < size; i++) {
            prus.put(Varint.readString(buffer), buffer.getDouble());
        }
        return new OrderChange(changedAt, id, status, product, prus);
    }

    private static void checkVersion(ByteBuffer buffer, byte expected) {
        byte version = buffer.get();
        if (version != expected) {
            throw new IllegalStateException("State store value of format " + version + ", this release reads "
                    + expected + ": reset the app's state (kafka-streams-application-reset) or roll back");
        }
    }

    // Generous: ten bytes per varint, three bytes per UTF-8 char, so the buffer never overflows.
    private static int estimate(MachineLedger ledger) {
        int size = 84;
        EquipmentRef ref = ledger.equipment();
        if (ref != null) {
            size += 60 + length(ref.getId()) + length(ref.getEnterprise()) + length(ref.getSite())
                    + length(ref.getArea()) + length(ref.getLine()) + length(ref.getWorkCell())
                    + length(ref.getMachine());
        }
        for (StatePoint point : ledger.points()) {
            size += 30 + length(point.rawState()) + length(point.reason());
        }
        for (WindowRef window : ledger.corrections()) {
            size += 40 + length(window.shiftId());
        }
        for (OrderChange change : ledger.orders().changes()) {
            size += 40 + length(change.workOrderId()) + length(change.productId());
            for (String product : change.idealCycleTimes().keySet()) {
                size += 20 + length(product);
            }
        }
        return size;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length() * 3;
    }

    private static byte[] trimmed(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.position()];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }
}
