package io.takt.genealogy.topology;

import java.nio.ByteBuffer;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import io.takt.schemas.MaterialMovement;
import io.takt.schemas.QualityResult;

/** Something that happened to a lot, keyed by its id: what the lot book adds up into a MaterialLot. */
sealed interface LotEvent extends StationOutput {

    /** A movement of the lot, once (resent movements are dropped at the station). */
    record Booked(MaterialMovement movement) implements LotEvent {
    }

    /** Its station opened the next lot at {@code time}: this one is complete. */
    record Closed(long time) implements LotEvent {
    }

    /** A quality result of the lot. */
    record Inspected(QualityResult result) implements LotEvent {
    }

    /** A tag byte, then the movement's or result's Avro bytes, or the closing time. */
    static Serde<LotEvent> serde(Serde<MaterialMovement> movements, Serde<QualityResult> results) {
        Serializer<LotEvent> serializer = (topic, event) -> {
            if (event instanceof Booked booked) {
                return tagged((byte) 1, movements.serializer().serialize(topic, booked.movement()));
            } else if (event instanceof Closed closed) {
                return ByteBuffer.allocate(9).put((byte) 2).putLong(closed.time()).array();
            } else if (event instanceof Inspected inspected) {
                return tagged((byte) 3, results.serializer().serialize(topic, inspected.result()));
            }
            return null;
        };
        Deserializer<LotEvent> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            byte[] payload = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
            return switch (bytes[0]) {
                case 1 -> new Booked(movements.deserializer().deserialize(topic, payload));
                case 2 -> new Closed(ByteBuffer.wrap(payload).getLong());
                case 3 -> new Inspected(results.deserializer().deserialize(topic, payload));
                default -> throw new IllegalArgumentException("Lot event of unknown kind " + bytes[0]);
            };
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] tagged(byte tag, byte[] payload) {
        return ByteBuffer.allocate(payload.length + 1).put(tag).put(payload).array();
    }
}
