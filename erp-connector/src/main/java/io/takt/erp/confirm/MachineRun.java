package io.takt.erp.confirm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.takt.schemas.MachineState;

/**
 * What the confirmations need to remember of one machine between its events: the state it is in
 * and since when, the work order it is producing, and the newest sequence number seen from each of
 * its sources (the gateway resends events after a crash; a count must not be booked twice).
 */
final class MachineRun {

    private static final byte VERSION = 1;

    private MachineState state;
    private long since;
    private String workOrderId;
    private final Map<String, Long> lastSequences;

    private MachineRun(MachineState state, long since, String workOrderId, Map<String, Long> lastSequences) {
        this.state = state;
        this.since = since;
        this.workOrderId = workOrderId;
        this.lastSequences = lastSequences;
    }

    /** A machine not seen before: state unknown, no order. */
    static MachineRun unseen() {
        return new MachineRun(MachineState.UNKNOWN, Long.MIN_VALUE, null, new HashMap<>());
    }

    /** Records the sequence number; false when an event of that source with it or a newer one came before. */
    boolean firstSeen(String source, long sequence) {
        Long last = lastSequences.get(source);
        if (last != null && sequence <= last) {
            return false;
        }
        lastSequences.put(source, sequence);
        return true;
    }

    /**
     * Running time from the start of the current stretch up to {@code time}, handed to the current
     * order, and a new stretch starting at {@code time}; 0 when the machine was not running, had no
     * order, or {@code time} is older than the stretch (an event out of order moves nothing back).
     */
    long closeStretch(long time) {
        if (time < since) {
            return 0;
        }
        long running = state == MachineState.RUNNING && workOrderId != null && since != Long.MIN_VALUE
                ? time - since : 0;
        since = time;
        return running;
    }

    void enter(MachineState newState) {
        state = newState;
    }

    String workOrderId() {
        return workOrderId;
    }

    void produce(String newWorkOrderId) {
        workOrderId = newWorkOrderId;
    }

    static Serde<MachineRun> serde() {
        return Serdes.serdeFrom((topic, run) -> run == null ? null : run.encode(),
                (topic, bytes) -> bytes == null ? null : decode(bytes));
    }

    private byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(state.name());
            out.writeLong(since);
            out.writeUTF(workOrderId == null ? "" : workOrderId);
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

    private static MachineRun decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Machine run of version " + version + ", this build reads " + VERSION);
            }
            MachineState state = MachineState.valueOf(in.readUTF());
            long since = in.readLong();
            String order = in.readUTF();
            int sources = in.readInt();
            Map<String, Long> sequences = new HashMap<>();
            for (int i = 0; i < sources; i++) {
                sequences.put(in.readUTF(), in.readLong());
            }
            return new MachineRun(state, since, order.isEmpty() ? null : order, sequences);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
