package io.takt.acquisition.delivery.buffer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the disk buffer keeps events.
 *
 * @param dir           directory of segment files, checkpoint and schemas; one gateway per directory
 * @param maxBytes      the most the segment files may take on disk together
 * @param maxAge        undelivered events older than this are dropped (per segment: see {@link DiskBuffer#expire})
 * @param segmentBytes  a segment file is closed and a new one started at this size
 * @param fsync         when appends are forced to disk
 * @param fsyncInterval under {@link FsyncPolicy#EVERY_BATCH}, the least time between two fsyncs
 * @param overflow      what an append does when {@code maxBytes} is reached
 */
public record BufferSettings(Path dir, long maxBytes, Duration maxAge, long segmentBytes, FsyncPolicy fsync,
                             Duration fsyncInterval, OverflowPolicy overflow) {

    /** 1 GiB: about five million typical events of ~200 bytes, days of a busy line. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    /** A week: long enough to bridge a broken uplink over a long weekend. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    /** 64 MiB: dropping or deleting one segment frees 1/16 of the default size limit. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    /**
     * 0: the flusher forces again as soon as the previous fsync is done, and whatever was appended
     * meanwhile shares it (as PostgreSQL's {@code commit_delay=0}). Measured here: 4,700 appends/s from
     * one thread, 16,000/s from eight; with 5 ms, 190/s and 1,500/s, for no gain in safety. Raise it
     * only to cap the fsync rate of flash that wears.
     */
    public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ZERO;
    /** Room for the file header and at least one small event. */
    public static final long MIN_SEGMENT_BYTES = 1024;

    public BufferSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
        Objects.requireNonNull(overflow, "overflow");
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("segment size " + segmentBytes + " must be in [" + MIN_SEGMENT_BYTES
                    + ", " + Integer.MAX_VALUE + "]");
        }
        // Two segments at least: the full one being dropped or delivered, and the one being written.
        if (maxBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException("size limit " + maxBytes + " must be at least twice the segment size "
                    + segmentBytes);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maximum age must be positive, not " + maxAge);
        }
        if (fsyncInterval.isNegative()) {
            throw new IllegalArgumentException("fsync interval must not be negative, not " + fsyncInterval);
        }
    }

    /** The defaults in {@code dir}: 1 GiB, 7 days, 64 MiB segments, group commit without delay, drop oldest. */
    public static BufferSettings defaults(Path dir) {
        return new BufferSettings(dir, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE, DEFAULT_SEGMENT_BYTES,
                FsyncPolicy.EVERY_BATCH, DEFAULT_FSYNC_INTERVAL, OverflowPolicy.DROP_OLDEST);
    }

    public BufferSettings withMaxBytes(long bytes) {
        return new BufferSettings(dir, bytes, maxAge, segmentBytes, fsync, fsyncInterval, overflow);
    }

    public BufferSettings withMaxAge(Duration age) {
        return new BufferSettings(dir, maxBytes, age, segmentBytes, fsync, fsyncInterval, overflow);
    }

    public BufferSettings withSegmentBytes(long bytes) {
        return new BufferSettings(dir, maxBytes, maxAge, bytes, fsync, fsyncInterval, overflow);
    }

    public BufferSettings withFsync(FsyncPolicy policy) {
        return new BufferSettings(dir, maxBytes, maxAge, segmentBytes, policy, fsyncInterval, overflow);
    }

    public BufferSettings withFsyncInterval(Duration interval) {
        return new BufferSettings(dir, maxBytes, maxAge, segmentBytes, fsync, interval, overflow);
    }

    public BufferSettings withOverflow(OverflowPolicy policy) {
        return new BufferSettings(dir, maxBytes, maxAge, segmentBytes, fsync, fsyncInterval, policy);
    }
}
