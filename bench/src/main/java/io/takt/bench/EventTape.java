package io.takt.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.serialization.Serializer;

import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;

/**
 * Events serialized once (Confluent wire format, as the gateway writes them) onto a file, so
 * that the producers of every run send the very same bytes without spending CPU on Avro, and two
 * million events do not sit in the heap whose use the benchmark reports. Each entry: machine
 * index, whether it is a state change, the value's length and bytes; keys are the machine ids.
 */
final class EventTape {

    private final Path file;
    private final byte[][] keys;
    private final long events;
    private final long stateChanges;
    private final long bytes;

    private EventTape(Path file, byte[][] keys, long events, long stateChanges, long bytes) {
        this.file = file;
        this.keys = keys;
        this.events = events;
        this.stateChanges = stateChanges;
        this.bytes = bytes;
    }

    /** Records the next {@code events} events of {@code plant} onto {@code file}. */
    static EventTape record(ShopFloorEvents plant, long events, Path file, String stateTopic,
                            Serializer<MachineStateChanged> states, String countTopic,
                            Serializer<ProductionCount> counts) throws IOException {
        byte[][] keys = new byte[plant.machineCount()][];
        for (int m = 0; m < keys.length; m++) {
            keys[m] = plant.machineId(m).getBytes(StandardCharsets.UTF_8);
        }
        long stateChanges = 0;
        long bytes = 0;
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (long i = 0; i < events; i++) {
                ShopFloorEvents.ShopFloorEvent event = plant.next();
                byte[] value = event.isStateChange()
                        ? states.serialize(stateTopic, (MachineStateChanged) event.value())
                        : counts.serialize(countTopic, (ProductionCount) event.value());
                out.writeInt(event.machine());
                out.writeBoolean(event.isStateChange());
                out.writeInt(value.length);
                out.write(value);
                stateChanges += event.isStateChange() ? 1 : 0;
                bytes += value.length;
            }
        }
        return new EventTape(file, keys, events, stateChanges, bytes);
    }

    long events() {
        return events;
    }

    long stateChanges() {
        return stateChanges;
    }

    /** Average value size in bytes. */
    double averageValueBytes() {
        return events == 0 ? 0 : (double) bytes / events;
    }

    /** Receives one entry of the tape; the arrays are the tape's own key and a fresh value. */
    @FunctionalInterface
    interface Player {
        void play(byte[] key, boolean stateChange, byte[] value);
    }

    /** Plays the whole tape, in order, to {@code player}. */
    void play(Player player) throws IOException {
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (long i = 0; i < events; i++) {
                int machine = in.readInt();
                boolean stateChange = in.readBoolean();
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                player.play(keys[machine], stateChange, value);
            }
        } catch (EOFException e) {
            throw new IOException("The event tape " + file + " ended early", e);
        }
    }
}
