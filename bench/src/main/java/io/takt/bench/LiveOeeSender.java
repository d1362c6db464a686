package io.takt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import io.takt.schemas.OeeKpi;

/**
 * Writes a {@link LiveOeePlant}'s records to one topic in a thread of its own, key equipment id,
 * Avro values in the Confluent wire format as streams-oee writes them: either paced at a fixed rate,
 * each stamped and encoded as it goes, or a burst of records encoded beforehand, flat out. The same
 * work for the baseline's topic and the live topic; values are always encoded as for the live topic
 * (one subject, one schema id), so the same bytes can go to either.
 */
final class LiveOeeSender extends BackgroundSender<byte[]> {

    LiveOeeSender(String bootstrap, String topic) {
        super(bootstrap, topic, "live OEE records");
    }

    /** Records {@code first} to {@code first + count - 1}, one every 1/rate s, their send times into {@code times}. */
    LiveOeeSender paced(LiveOeePlant plant, Serializer<OeeKpi> values, String encodeAs, long first, long count,
                        int rate, SendTimes times) {
        return start(producer -> {
            for (long k = 0; k < count; k++) {
                // Due times from the start, not from the last send: a late send does not slow the rate down.
                long due = startNanos() + k * 1_000_000_000L / rate;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                long n = first + k;
                byte[] value = values.serialize(encodeAs, plant.record(n, System.currentTimeMillis()));
                times.sent(n, System.nanoTime());
                send(producer, plant.key(n), value);
            }
        });
    }

    /** The records of {@code tape} (numbered from {@code first}) flat out. */
    LiveOeeSender burst(LiveOeePlant plant, long first, List<byte[]> tape) {
        return start(producer -> {
            for (int k = 0; k < tape.size(); k++) {
                send(producer, plant.key(first + k), tape.get(k));
            }
        });
    }

    /** Records {@code first} to {@code first + count - 1} encoded, all stamped {@code wallMillis}: a burst's tape. */
    static List<byte[]> tape(LiveOeePlant plant, Serializer<OeeKpi> values, String encodeAs, long first, int count,
                             long wallMillis) {
        List<byte[]> tape = new ArrayList<>(count);
        for (long n = first; n < first + count; n++) {
            tape.add(values.serialize(encodeAs, plant.record(n, wallMillis)));
        }
        return tape;
    }

    private LiveOeeSender start(Work<byte[]> work) {
        start("dashboard-bench-sender", new ByteArraySerializer(), work);
        return this;
    }
}
