package io.takt.genealogy.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What one station (machine) needs for linking its lots: its recent movements in event-time
 * order (movements of different lots travel on different partitions, so they may arrive out of
 * order), the state the older ones left (the lots loaded, the lot being filled, its links), and
 * what was already sent, so that only changes go out.
 */
final class StationLots {

    private static final byte VERSION = 4;
    /** The version before inputs counted their bookings: still read, so a running app's state survives the upgrade. */
    private static final byte VERSION_WITHOUT_BOOKINGS = 3;

    /**
     * An input lot loaded since a time, its bookings' unit, what was booked of it while no lot was
     * open, and how many movements booked it since it was loaded (more than one: it is booked per use).
     */
    record Input(String lotId, String materialId, long since, String uom, double pending, int bookings) {

        Input withPending(double quantity) {
            return new Input(lotId, materialId, since, uom, quantity, bookings);
        }

        Input bookedAgain() {
            return new Input(lotId, materialId, since, uom, pending, bookings + 1);
        }

        /** Booked again while loaded: its bookings follow its use, so a lot filled without one did not use it. */
        boolean bookedPerUse() {
            return bookings > 1;
        }
    }

    /** The output lot being filled at the station. */
    record Output(String lotId, String materialId, long since, String workOrderId, String operationId) {
    }

    /**
     * A parent of the output lot: from when the two overlapped, how much of it was booked meanwhile,
     * and the parent's material and unit (the parent may be unloaded while the output is still open).
     */
    record Link(long overlapStart, double quantity, String materialId, String uom) {

        Link plus(double booked) {
            return new Link(overlapStart, quantity + booked, materialId, uom);
        }
    }

    /** A movement at the station, as linking needs it; {@code arrival} orders movements of the same instant. */
    record Movement(long time, long arrival, boolean produced, String lotId, String materialId, double quantity,
                    String uom, String workOrderId, String operationId, String source, long sequence) {
    }

    /** The linking state: loaded inputs by material, the open output and its links by parent lot. */
    static final class Snapshot {
        final Map<String, Input> inputs;
        Output output;
        final Map<String, Link> links;

        Snapshot(Map<String, Input> inputs, Output output, Map<String, Link> links) {
            this.inputs = inputs;
            this.output = output;
            this.links = links;
        }

        Snapshot copy() {
            return new Snapshot(new LinkedHashMap<>(inputs), output, new LinkedHashMap<>(links));
        }
    }

    /** The state the movements before the window left. */
    final Snapshot settled;
    /** Movements still within the reorder window, in (time, arrival) order. */
    final List<Movement> recent;
    /**
     * Ids ({@code source#sequence}) of the newest settled movements, to know a resend of one of them.
     * Only exact ids tell: movements of one source come over several partitions, so a smaller sequence
     * than one already settled may still be new (then it is late).
     */
    final LinkedHashSet<String> settledIds;
    /** Edges sent of the lots still open or in the window, by edge key: their quantity and time. */
    final Map<String, Link> sent;
    /** Closing times sent, of output lots in the window. */
    final Map<String, Long> closingsSent;
    /** Event time of the newest settled movement: an older one is too late to place. */
    long settledUntil;
    long arrivals;

    private StationLots(Snapshot settled, List<Movement> recent, LinkedHashSet<String> settledIds,
                        Map<String, Link> sent, Map<String, Long> closingsSent, long settledUntil, long arrivals) {
        this.settled = settled;
        this.recent = recent;
        this.settledIds = settledIds;
        this.sent = sent;
        this.closingsSent = closingsSent;
        this.settledUntil = settledUntil;
        this.arrivals = arrivals;
    }

    static StationLots empty() {
        return new StationLots(new Snapshot(new LinkedHashMap<>(), null, new LinkedHashMap<>()), new ArrayList<>(),
                new LinkedHashSet<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), Long.MIN_VALUE, 0);
    }

    /** Settled movement ids kept for spotting resends. */
    static final int SETTLED_IDS_KEPT = 64;

    /** Whether this source's movement with this sequence number was seen already (a resend). */
    boolean seen(String source, long sequence) {
        return settledIds.contains(id(source, sequence))
                || recent.stream().anyMatch(m -> m.sequence() == sequence && m.source().equals(source));
    }

    /** Remembers a settled movement's id, forgetting the oldest beyond {@link #SETTLED_IDS_KEPT}. */
    void settledId(String source, long sequence) {
        settledIds.add(id(source, sequence));
        if (settledIds.size() > SETTLED_IDS_KEPT) {
            settledIds.remove(settledIds.iterator().next());
        }
    }

    private static String id(String source, long sequence) {
        return source + "#" + sequence;
    }

    /** The newest event time of the station, or Long.MIN_VALUE before its first movement. */
    long newest() {
        return recent.isEmpty() ? Long.MIN_VALUE : recent.get(recent.size() - 1).time();
    }

    static Serde<StationLots> serde() {
        return Serdes.serdeFrom((topic, station) -> station == null ? null : station.encode(),
                (topic, bytes) -> bytes == null ? null : decode(bytes));
    }

    private byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeSnapshot(out, settled);
            out.writeInt(recent.size());
            for (Movement m : recent) {
                out.writeLong(m.time());
                out.writeLong(m.arrival());
                out.writeBoolean(m.produced());
                out.writeUTF(m.lotId());
                out.writeUTF(m.materialId());
                out.writeDouble(m.quantity());
                out.writeUTF(m.uom());
                writeNullable(out, m.workOrderId());
                writeNullable(out, m.operationId());
                out.writeUTF(m.source());
                out.writeLong(m.sequence());
            }
            out.writeInt(settledIds.size());
            for (String id : settledIds) {
                out.writeUTF(id);
            }
            writeLinks(out, sent);
            writeLongs(out, closingsSent);
            out.writeLong(settledUntil);
            out.writeLong(arrivals);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static StationLots decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION && version != VERSION_WITHOUT_BOOKINGS) {
                throw new IllegalStateException("Station lots of version " + version + ", this build reads "
                        + VERSION_WITHOUT_BOOKINGS + " and " + VERSION);
            }
            Snapshot settled = readSnapshot(in, version);
            List<Movement> recent = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                recent.add(new Movement(in.readLong(), in.readLong(), in.readBoolean(), in.readUTF(), in.readUTF(),
                        in.readDouble(), in.readUTF(), readNullable(in), readNullable(in), in.readUTF(), in.readLong()));
            }
            LinkedHashSet<String> settledIds = new LinkedHashSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                settledIds.add(in.readUTF());
            }
            return new StationLots(settled, recent, settledIds, readLinks(in), readLongs(in), in.readLong(),
                    in.readLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSnapshot(DataOutputStream out, Snapshot snapshot) throws IOException {
        out.writeInt(snapshot.inputs.size());
        for (Input input : snapshot.inputs.values()) {
            out.writeUTF(input.lotId());
            out.writeUTF(input.materialId());
            out.writeLong(input.since());
            out.writeUTF(input.uom());
            out.writeDouble(input.pending());
            out.writeInt(input.bookings());
        }
        Output output = snapshot.output;
        out.writeBoolean(output != null);
        if (output != null) {
            out.writeUTF(output.lotId());
            out.writeUTF(output.materialId());
            out.writeLong(output.since());
            writeNullable(out, output.workOrderId());
            writeNullable(out, output.operationId());
        }
        writeLinks(out, snapshot.links);
    }

    private static Snapshot readSnapshot(DataInputStream in, byte version) throws IOException {
        Map<String, Input> inputs = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            // Bookings before this build were not counted: once, until the lot is booked again
            Input input = new Input(in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(), in.readDouble(),
                    version == VERSION_WITHOUT_BOOKINGS ? 1 : in.readInt());
            inputs.put(input.materialId(), input);
        }
        Output output = in.readBoolean()
                ? new Output(in.readUTF(), in.readUTF(), in.readLong(), readNullable(in), readNullable(in)) : null;
        return new Snapshot(inputs, output, readLinks(in));
    }

    private static void writeLinks(DataOutputStream out, Map<String, Link> links) throws IOException {
        out.writeInt(links.size());
        for (Map.Entry<String, Link> link : links.entrySet()) {
            out.writeUTF(link.getKey());
            out.writeLong(link.getValue().overlapStart());
            out.writeDouble(link.getValue().quantity());
            out.writeUTF(link.getValue().materialId());
            out.writeUTF(link.getValue().uom());
        }
    }

    private static Map<String, Link> readLinks(DataInputStream in) throws IOException {
        Map<String, Link> links = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            links.put(in.readUTF(), new Link(in.readLong(), in.readDouble(), in.readUTF(), in.readUTF()));
        }
        return links;
    }

    private static void writeLongs(DataOutputStream out, Map<String, Long> values) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    private static Map<String, Long> readLongs(DataInputStream in) throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            values.put(in.readUTF(), in.readLong());
        }
        return values;
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
