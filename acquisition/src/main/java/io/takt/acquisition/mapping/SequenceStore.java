package io.takt.acquisition.mapping;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out event sequence numbers that only ever increase per source address, across gateway
 * restarts, without a disk write per event: downstream exactly-once de-duplicates by
 * (gateway, address, sequence), so a number that went backwards after a restart would make new
 * events look like old duplicates and be dropped.
 *
 * <p>A sequence is {@code epoch << 36 | counter}. The epoch is taken once per start, written to a
 * small file with one fsync before the first number is handed out, and is
 * {@code max(previous epoch + 1, minutes since 2024-01-01)}: each start is above every earlier start,
 * and even a lost or corrupt file does not send numbers backwards as long as restarts were not
 * more frequent than one a minute on average. The 36-bit counter (68 billion events per address per
 * start) starts at 1 for each address; should one ever fill up, the store moves to a new epoch.
 * 27 epoch bits last 255 years of minutes.
 */
public final class SequenceStore {

    static final int COUNTER_BITS = 36;
    static final long COUNTER_LIMIT = 1L << COUNTER_BITS;
    private static final Instant EPOCH_ORIGIN = Instant.parse("2024-01-01T00:00:00Z");
    private static final Logger LOG = LoggerFactory.getLogger(SequenceStore.class);

    private final Path file;
    private final Clock clock;
    private final Map<String, long[]> counters = new HashMap<>();
    private long epoch;

    private SequenceStore(Path file, Clock clock, long epoch) {
        this.file = file;
        this.clock = clock;
        this.epoch = epoch;
    }

    /** Opens the store in {@code file} (created with its directory if absent), taking a new epoch. */
    public static SequenceStore open(Path file) {
        return open(file, Clock.systemUTC());
    }

    static SequenceStore open(Path file, Clock clock) {
        SequenceStore store = new SequenceStore(file, clock, 0);
        store.epoch = store.nextEpoch(store.readEpoch());
        return store;
    }

    /** The next sequence number for events of {@code address}. */
    public synchronized long next(String address) {
        long[] counter = counters.computeIfAbsent(address, a -> new long[1]);
        if (counter[0] + 1 >= COUNTER_LIMIT) {
            epoch = nextEpoch(epoch);
            counters.clear();
            counter = counters.computeIfAbsent(address, a -> new long[1]);
        }
        counter[0]++;
        return epoch << COUNTER_BITS | counter[0];
    }

    // For tests: reaching 2^36 by counting would take hours.
    synchronized void skipTo(String address, long counter) {
        counters.computeIfAbsent(address, a -> new long[1])[0] = counter;
    }

    /** The epoch of this start. */
    public synchronized long epoch() {
        return epoch;
    }

    private long nextEpoch(long previous) {
        long minutes = Math.max(0, Duration.between(EPOCH_ORIGIN, clock.instant()).toMinutes());
        long next = Math.max(previous + 1, minutes);
        write(next);
        return next;
    }

    private long readEpoch() {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Sequence file {} is unreadable ({}); taking the epoch from the clock", file, e.getMessage());
            return 0;
        }
    }

    // Write aside, force, then rename over: a crash leaves either the old or the new epoch, never half.
    private void write(long value) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = dir.resolve(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot persist the event sequence epoch to " + file
                    + ": without it sequences could repeat after a restart", e);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // Some file systems cannot open a directory; the rename is then as durable as they make it.
        }
    }
}
