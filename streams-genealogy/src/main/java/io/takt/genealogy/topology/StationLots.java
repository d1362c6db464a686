package io.takt.genealogy.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What one station (machine) has loaded and fills, for linking lots: the input lot of each
 * material it has loaded, the output lot it is filling, the links of that output lot so far, and
 * the newest sequence number of each of its sources (a resent movement is not booked twice).
 */
final class StationLots {

    private static final byte VERSION = 1;

    /**
     * An input lot loaded at the station since a time, with the unit its bookings are in, and what
     * was booked of it while no output lot was open (it goes into the next one).
     */
    record Input(String lotId, String materialId, long since, String uom, double pending) {

        Input withPending(double quantity) {
            return new Input(lotId, materialId, since, uom, quantity);
        }
    }

    /** The output lot being filled at the station. */
    record Output(String lotId, String materialId, long since, String workOrderId, String operationId) {
    }

    /**
     * A parent of the output lot: from when the two overlapped (the edge's time), and how much of
     * the parent was booked at the station while the output lot was open.
     */
    static final class Link {
        final long overlapStart;
        double quantity;

        Link(long overlapStart, double quantity) {
            this.overlapStart = overlapStart;
            this.quantity = quantity;
        }
    }

    final Map<String, Input> inputs;
    Output output;
    final Map<String, Link> links;
    private final Map<String, Long> lastSequences;

    private StationLots(Map<String, Input> inputs, Output output, Map<String, Link> links,
                        Map<String, Long> lastSequences) {
        this.inputs = inputs;
        this.output = output;
        this.links = links;
        this.lastSequences = lastSequences;
    }

    static StationLots empty() {
        return new StationLots(new LinkedHashMap<>(), null, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** Records the sequence number; false when a movement of that source with it or a newer one came before. */
    boolean firstSeen(String source, long sequence) {
        Long last = lastSequences.get(source);
        if (last != null && sequence <= last) {
            return false;
        }
        lastSequences.put(source, sequence);
        return true;
    }

    static Serde<StationLots> serde() {
        return Serdes.serdeFrom((topic, station) -> station == null ? null : station.encode(),
                (topic, bytes) -> bytes == null ? null : decode(bytes));
    }

    private byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(inputs.size());
            for (Input input : inputs.values()) {
                out.writeUTF(input.lotId());
                out.writeUTF(input.materialId());
                out.writeLong(input.since());
                out.writeUTF(input.uom());
                out.writeDouble(input.pending());
            }
            out.writeBoolean(output != null);
            if (output != null) {
                out.writeUTF(output.lotId());
                out.writeUTF(output.materialId());
                out.writeLong(output.since());
                writeNullable(out, output.workOrderId());
                writeNullable(out, output.operationId());
            }
            out.writeInt(links.size());
            for (Map.Entry<String, Link> link : links.entrySet()) {
                out.writeUTF(link.getKey());
                out.writeLong(link.getValue().overlapStart);
                out.writeDouble(link.getValue().quantity);
            }
            out.writeInt(lastSequences.size());
            for (Map.Entry<String, Long> entry : lastSequences.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeLong(entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static StationLots decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Station lots of version " + version + ", this build reads " + VERSION);
            }
            Map<String, Input> inputs = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                Input input = new Input(in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(), in.readDouble());
                inputs.put(input.materialId(), input);
            }
            Output output = in.readBoolean()
                    ? new Output(in.readUTF(), in.readUTF(), in.readLong(), readNullable(in), readNullable(in)) : null;
            Map<String, Link> links = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                links.put(in.readUTF(), new Link(in.readLong(), in.readDouble()));
            }
            Map<String, Long> sequences = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                sequences.put(in.readUTF(), in.readLong());
            }
            return new StationLots(inputs, output, links, sequences);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
