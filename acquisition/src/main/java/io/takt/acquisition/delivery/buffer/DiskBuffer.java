package io.takt.acquisition.delivery.buffer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's write-ahead buffer: every event is appended here, durably per the
 * {@link FsyncPolicy}, before the source is acknowledged, and read back in order by one
 * {@link BufferReader} for delivery. Append-only segment files in one directory, each event framed
 * with its length and checksum so that recovery after {@code kill -9} or a power cut cuts a torn
 * tail off at the last whole event. Bounded by size (with an {@link OverflowPolicy}) and by age.
 *
 * <p>Positions number the events: they only grow, also across restarts, and delivery is tracked
 * by position. Thread-safe: any number of appenders, one reader, and housekeeping.
 */
public final class DiskBuffer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);
    private static final long BLOCKED_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BufferSettings settings;
    private final Clock clock;
    private final BufferListener listener;
    private final DirectoryLock directoryLock;
    private final StoredSchemas schemas;
    private final String bufferId;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when more events are durable: for readers and for appenders awaiting group commit. */
    private final Condition durableAdvanced = lock.newCondition();
    /** Signalled to the group-commit flusher when an appender waits for something to be forced. */
    private final Condition unflushed = lock.newCondition();
    /** Signalled when a segment is deleted: for appenders blocked by a full buffer. */
    private final Condition spaceFreed = lock.newCondition();
    /** Oldest first; the last one is written to. */
    private final ArrayDeque<BufferSegment> segments = new ArrayDeque<>();
    private final Object checkpointWrite = new Object();
    private final Thread flusher;

    private long nextPosition;
    private long durablePosition;
    private long ackedPosition;
    private long readPosition;
    private long totalBytes;
    private IOException syncFailure;
    private boolean closed;
    private long savedPosition;
    private long savedAtMillis;
    /** The highest position an appender waits to see durable: the group commit forces only when someone waits. */
    private long awaitedPosition = -1;

    private DiskBuffer(BufferSettings settings, Clock clock, BufferListener listener, DirectoryLock directoryLock,
                       StoredSchemas schemas, Checkpoint checkpoint) {
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.directoryLock = directoryLock;
        this.schemas = schemas;
        this.bufferId = checkpoint.bufferId();
        this.ackedPosition = checkpoint.ackedPosition();
        this.readPosition = ackedPosition;
        this.savedPosition = ackedPosition;
        this.flusher = settings.fsync() == FsyncPolicy.EVERY_BATCH
                ? new Thread(this::flushLoop, "takt-edge-buffer-fsync") : null;
    }

    /**
     * Opens (creating if need be) the buffer in {@code settings.dir()}, recovering what an earlier
     * run left: torn tails are cut off, fully delivered segments deleted.
     *
     * @throws IllegalStateException if another process (or another buffer in this one) has the directory
     * @throws UncheckedIOException  if the directory cannot be read or written
     */
    public static DiskBuffer open(BufferSettings settings, Clock clock, BufferListener listener) {
        DirectoryLock directoryLock = DirectoryLock.acquire(settings.dir());
        try {
            boolean sync = settings.fsync() != FsyncPolicy.NONE;
            Checkpoint checkpoint = Checkpoint.load(settings.dir());
            if (!Files.exists(settings.dir().resolve(Checkpoint.FILE))) {
                checkpoint.save(settings.dir(), sync);
            }
            DiskBuffer buffer = new DiskBuffer(settings, clock, listener, directoryLock,
                    new StoredSchemas(settings.dir(), sync), checkpoint);
            buffer.recover();
            if (buffer.flusher != null) {
                buffer.flusher.setDaemon(true);
                buffer.flusher.start();
            }
            return buffer;
        } catch (IOException | RuntimeException e) {
            directoryLock.release();
            throw e instanceof IOException io ? new UncheckedIOException("Cannot open the edge buffer in "
                    + settings.dir() + ": " + e.getMessage(), io) : (RuntimeException) e;
        }
    }

    private void recover() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(settings.dir())) {
            files = listing.filter(BufferSegment::isSegment).sorted().toList();
        }
        for (Path file : files) {
            if (BufferSegment.isHeaderless(file)) {
                LOG.warn("Buffer segment {} has no complete header (created just before a crash): deleting it", file);
                Files.delete(file);
                continue;
            }
            BufferSegment segment = BufferSegment.recover(file);
            if (segment.end() <= ackedPosition || segment.count() == 0) {
                segment.delete(); // delivered before a crash beat the deletion, or empty
            } else {
                segments.addLast(segment);
                totalBytes += segment.bytes();
            }
        }
        reportDamagedSegments();
        nextPosition = Math.max(ackedPosition, segments.isEmpty() ? 0 : segments.getLast().end());
        durablePosition = nextPosition;
        BufferSegment last = segments.peekLast();
        if (last != null && last.end() == nextPosition && last.bytes() < settings.segmentBytes()) {
            last.reopen();
        } else {
            addSegmentLocked();
        }
        BufferStats stats = stats();
        LOG.info("Edge buffer {} in {}: {} undelivered event(s) in {} segment(s), {} bytes; next position #{}",
                bufferId, settings.dir(), stats.undeliveredEvents(), stats.segments(), stats.bytesOnDisk(),
                nextPosition);
    }

    /**
     * A segment other than the newest that recovery had to cut short was damaged, not torn by a
     * crash (only the newest is being written): the events between its new end and the next
     * segment were acknowledged and are lost.
     */
    private void reportDamagedSegments() {
        BufferSegment previous = null;
        for (BufferSegment segment : segments) {
            if (previous != null && previous.cutShort() && segment.base() > previous.end()) {
                long lost = segment.base() - Math.max(previous.end(), ackedPosition);
                LOG.error("Edge buffer segment {} was damaged: {} event(s) from #{} on are lost", previous.file(),
                        lost, previous.end());
                if (lost > 0) {
                    listener.onDropped(new DroppedEvents(DropReason.CORRUPT, lost, previous.firstTime(),
                            previous.lastTime()));
                }
            }
            previous = segment;
        }
    }

    /** Random id of this buffer directory, stable for its life. */
    public String bufferId() {
        return bufferId;
    }

    public BufferSettings settings() {
        return settings;
    }

    /**
     * Writes the event ahead and returns its position once it is durable per the fsync policy.
     * Under {@link OverflowPolicy#BLOCK} waits while the buffer is full.
     *
     * @throws IllegalArgumentException if the event is larger than a segment
     * @throws UncheckedIOException     if it cannot be written or forced to disk; it is then not stored
     */
    public long append(SerializedEvent event) {
        return appendAll(List.of(event));
    }

    /**
     * Writes the events ahead in order and returns the position of the last once all are durable:
     * one fsync for all of them, the fast way to store a burst. On an exception some of them may
     * have been stored.
     */
    public long appendAll(List<SerializedEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events to append");
        }
        List<ByteBuffer> frames = new ArrayList<>(events.size());
        for (SerializedEvent event : events) {
            frames.add(draft(event));
        }
        long last = writeAll(frames);
        awaitDurable(last);
        return last;
    }

    /**
     * Writes the event ahead in order and returns its position at once, before it is durable: with
     * {@link #awaitDurable} after a burst of writes, one wait covers them all, while the group
     * commit (fsync {@code every-batch}) forces what is written meanwhile. Not durable, and not
     * readable for delivery, until forced.
     *
     * @throws IllegalArgumentException if the event is larger than a segment
     * @throws UncheckedIOException     if it cannot be written
     */
    public long write(SerializedEvent event) {
        return writeAll(List.of(draft(event)));
    }

    private long writeAll(List<ByteBuffer> frames) {
        long last = -1;
        lock.lock();
        try {
            for (ByteBuffer frame : frames) {
                last = writeLocked(frame);
            }
            wroteLocked();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the edge buffer in " + settings.dir(), e);
        } finally {
            lock.unlock();
        }
        return last;
    }

    private ByteBuffer draft(SerializedEvent event) {
        long fingerprint = schemas.remember(event.schema());
        ByteBuffer frame = RecordFrame.draft(fingerprint, event.topic(), event.key(), event.schema().getFullName(),
                event.value());
        if (frame.remaining() > settings.segmentBytes() - BufferSegment.HEADER_BYTES) {
            throw new IllegalArgumentException("Event of " + frame.remaining() + " bytes for " + event.topic()
                    + " does not fit in a buffer segment of " + settings.segmentBytes() + " bytes");
        }
        return frame;
    }

    private long writeLocked(ByteBuffer frame) throws IOException {
        int size = frame.remaining();
        while (true) {
            ensureOpenLocked();
            BufferSegment active = segments.getLast();
            if (active.sealed() || active.count() > 0 && active.bytes() + size > settings.segmentBytes()) {
                rollLocked();
            }
            if (totalBytes + size <= settings.maxBytes() || !freeRoomLocked(size)) {
                break;
            }
        }
        BufferSegment active = segments.getLast();
        long position = nextPosition;
        long now = clock.millis();
        RecordFrame.stamp(frame, position, now);
        active.write(frame, now);
        totalBytes += size;
        nextPosition++;
        return position;
    }

    /**
     * Frees room per the overflow policy (or waits for delivery to free it); true if the caller
     * should look again, false if only the segment being written is left, which always has room
     * since the size limit is at least two segments.
     */
    private boolean freeRoomLocked(int size) throws IOException {
        deleteDeliveredLocked();
        BufferSegment oldest = segments.getFirst();
        if (totalBytes + size <= settings.maxBytes()) {
            return true;
        }
        if (oldest == segments.getLast()) {
            return false;
        }
        if (settings.overflow() == OverflowPolicy.DROP_OLDEST) {
            dropLocked(oldest, DropReason.OVERFLOW);
        } else {
            awaitSpaceLocked();
        }
        return true;
    }

    private void awaitSpaceLocked() throws IOException {
        try {
            spaceFreed.awaitNanos(BLOCKED_WAIT_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for room in the full edge buffer");
        }
        ensureOpenLocked();
    }

    private void wroteLocked() {
        if (settings.fsync() == FsyncPolicy.NONE) {
            BufferSegment active = segments.getLast();
            active.markDurable(active.bytes());
            durablePosition = nextPosition;
            durableAdvanced.signalAll();
        }
        // Under every-batch the flusher is woken by the appender that waits (awaitGroupCommit), not
        // by each write: an fsync running while the same file is written makes those writes wait for
        // the pages under writeback, so a burst written with write() and awaited once goes fastest
        // when nothing is forced until the burst is done.
    }

    /**
     * Returns once the event at {@code position} (and every one before it) is durable per the fsync
     * policy: at once under {@code none}; under {@code every-record} by forcing the segment now.
     *
     * @throws UncheckedIOException if the buffer cannot be forced to disk
     */
    public void awaitDurable(long position) {
        switch (settings.fsync()) {
            case NONE -> { }
            case EVERY_RECORD -> {
                try {
                    syncThrough(position);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot force the edge buffer to disk", e);
                }
            }
            case EVERY_BATCH -> awaitGroupCommit(position);
        }
    }

    private void awaitGroupCommit(long position) {
        lock.lock();
        try {
            if (durablePosition <= position && position > awaitedPosition) {
                awaitedPosition = position;
                unflushed.signal();
            }
            while (durablePosition <= position) {
                if (syncFailure != null) {
                    throw new UncheckedIOException("Cannot force the edge buffer to disk", syncFailure);
                }
                durableAdvanced.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forces everything written so far if {@code position} is not durable yet. The fsync runs outside
     * the lock, so appenders go on writing meanwhile, and whoever forces covers everyone before.
     */
    private void syncThrough(long position) throws IOException {
        BufferSegment active;
        long targetPosition;
        long targetBytes;
        lock.lock();
        try {
            if (durablePosition > position) {
                return;
            }
            active = segments.getLast();
            targetPosition = nextPosition;
            targetBytes = active.bytes();
        } finally {
            lock.unlock();
        }
        try {
            active.force();
        } catch (ClosedChannelException sealedMeanwhile) {
            // A roll forced it before closing; a drop means its events are gone anyway.
        }
        lock.lock();
        try {
            active.markDurable(targetBytes);
            if (targetPosition > durablePosition) {
                durablePosition = targetPosition;
                durableAdvanced.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Group commit: when an appender waits, force everything written so far (covering every other
     * appender waiting meanwhile), at most once per fsync interval (timed from start to start).
     */
    private void flushLoop() {
        long intervalNanos = settings.fsyncInterval().toNanos();
        while (true) {
            long target;
            lock.lock();
            try {
                while (!closed && durablePosition > awaitedPosition) {
                    unflushed.awaitUninterruptibly();
                }
                if (durablePosition >= nextPosition) {
                    return; // closed and nothing left to force
                }
                target = nextPosition - 1;
            } finally {
                lock.unlock();
            }
            long started = System.nanoTime();
            try {
                syncThrough(target);
            } catch (IOException e) {
                LOG.error("Cannot force the edge buffer in {} to disk; appends fail from now on", settings.dir(), e);
                lock.lock();
                try {
                    syncFailure = e;
                    durableAdvanced.signalAll();
                } finally {
                    lock.unlock();
                }
                return;
            }
            long rest = intervalNanos - (System.nanoTime() - started);
            if (rest > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(rest);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Seals the segment being written and starts the next one at the next position. */
    private void rollLocked() throws IOException {
        BufferSegment active = segments.getLast();
        if (!active.sealed()) {
            active.seal(settings.fsync() != FsyncPolicy.NONE);
        }
        if (active.count() == 0) {
            segments.removeLast();
            totalBytes -= active.bytes();
            active.delete();
        }
        durablePosition = nextPosition;
        durableAdvanced.signalAll();
        addSegmentLocked();
    }

    private void addSegmentLocked() throws IOException {
        BufferSegment fresh = BufferSegment.create(settings.dir(), nextPosition, settings.fsync() != FsyncPolicy.NONE);
        segments.addLast(fresh);
        totalBytes += fresh.bytes();
    }

    /** Removes a segment, counting and logging the events in it that were neither delivered nor handed to the reader. */
    private void dropLocked(BufferSegment segment, DropReason reason) throws IOException {
        long from = Math.max(segment.base(), Math.max(ackedPosition, readPosition));
        long lost = segment.end() - from;
        if (lost > 0) {
            DroppedEvents dropped = new DroppedEvents(reason, lost, segment.firstTime(), segment.lastTime());
            LOG.warn("Edge buffer dropped {} undelivered event(s) ({}, {}): positions #{} to #{}, appended between {}"
                            + " and {}", lost, reason.tag(), explain(reason), from, segment.end() - 1,
                    dropped.firstTime(), dropped.lastTime());
            listener.onDropped(dropped);
        }
        removeLocked(segment);
    }

    private String explain(DropReason reason) {
        return switch (reason) {
            case OVERFLOW -> "buffer full at " + settings.maxBytes() + " bytes";
            case EXPIRED -> "older than " + settings.maxAge();
            case CORRUPT -> "damaged on disk";
        };
    }

    private void removeLocked(BufferSegment segment) throws IOException {
        segments.remove(segment);
        totalBytes -= segment.bytes();
        segment.delete();
        spaceFreed.signalAll();
    }

    /** Deletes the sealed segments whose events are all delivered. */
    private boolean deleteDeliveredLocked() throws IOException {
        boolean deleted = false;
        while (segments.size() > 1 && segments.getFirst().end() <= ackedPosition) {
            removeLocked(segments.getFirst());
            deleted = true;
        }
        return deleted;
    }

    /**
     * Records that every event before {@code position} is delivered (committed in Kafka): segments
     * wholly before it are deleted, and the checkpoint is saved at most once a second. A position
     * beyond the buffer's end, which only a lost tail under fsync {@code none} can explain, moves the
     * end there, so that no position is ever used twice.
     */
    public void acknowledge(long position) {
        boolean deleted;
        lock.lock();
        try {
            if (position <= ackedPosition) {
                return;
            }
            if (position > nextPosition) {
                skipToLocked(position);
            }
            ackedPosition = position;
            readPosition = Math.max(readPosition, position);
            deleted = deleteDeliveredLocked();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete delivered segments in " + settings.dir(), e);
        } finally {
            lock.unlock();
        }
        if (deleted || clock.millis() - savedAtMillis >= CHECKPOINT_EVERY.toMillis()) {
            saveCheckpoint();
        }
    }

    private void skipToLocked(long position) throws IOException {
        LOG.warn("Kafka holds events of this buffer up to position #{}, but the buffer on disk ends at #{}: its tail"
                + " was lost (fsync=none and a power cut?). New events continue at #{}", position - 1,
                nextPosition - 1, position);
        BufferSegment active = segments.getLast();
        active.seal(settings.fsync() != FsyncPolicy.NONE);
        if (active.count() == 0) {
            removeLocked(active);
        }
        nextPosition = position;
        durablePosition = position;
        addSegmentLocked();
    }

    /** Saves the acknowledged position if it moved since the last save. */
    public void saveCheckpoint() {
        synchronized (checkpointWrite) {
            long position;
            lock.lock();
            try {
                position = ackedPosition;
            } finally {
                lock.unlock();
            }
            if (position == savedPosition) {
                return;
            }
            try {
                new Checkpoint(bufferId, position).save(settings.dir(), settings.fsync() != FsyncPolicy.NONE);
            } catch (IOException e) {
                LOG.warn("Cannot save the edge buffer checkpoint in {}: {}", settings.dir(), e.toString());
                return;
            }
            savedPosition = position;
            savedAtMillis = clock.millis();
        }
    }

    /**
     * Drops segments whose newest event is older than {@code buffer.max.age}, counting the
     * undelivered events in them. Works per segment, so an event may outlive the age by as long as
     * its segment took to fill. Call it periodically.
     */
    public void expire() {
        long cutoff = clock.millis() - settings.maxAge().toMillis();
        lock.lock();
        try {
            while (!closed) {
                BufferSegment oldest = segments.getFirst();
                if (oldest.count() == 0 || oldest.lastMillis() >= cutoff) {
                    return;
                }
                if (oldest == segments.getLast()) {
                    rollLocked();
                }
                dropLocked(oldest, DropReason.EXPIRED);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete expired segments in " + settings.dir(), e);
        } finally {
            lock.unlock();
        }
    }

    /** A reader starting at the acknowledged position. One reader at a time. */
    public BufferReader reader() {
        lock.lock();
        try {
            return new BufferReader(this, ackedPosition);
        } finally {
            lock.unlock();
        }
    }

    /** Where the durable events readable from a position are: one segment's worth, or empty if none came in time. */
    Optional<ReadWindow> awaitReadable(long position, long timeoutNanos) throws InterruptedException {
        long nanos = timeoutNanos;
        lock.lockInterruptibly();
        try {
            while (!closed) {
                for (BufferSegment segment : segments) {
                    long from = Math.max(position, segment.base());
                    long to = Math.min(segment.end(), durablePosition);
                    if (from < to) {
                        return Optional.of(new ReadWindow(segment, from, to, segment.durableBytes()));
                    }
                }
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = durableAdvanced.awaitNanos(nanos);
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The reader has taken every event before {@code position}, or was sent back there. */
    void readerAt(long position) {
        lock.lock();
        try {
            readPosition = Math.max(position, ackedPosition);
        } finally {
            lock.unlock();
        }
    }

    /** The reader found damage in a sealed segment from {@code position} on: those events are lost. */
    void reportDamage(BufferSegment segment, long position, String damage) {
        lock.lock();
        try {
            long lost = segment.end() - Math.max(position, ackedPosition);
            LOG.error("Edge buffer segment {} is damaged at event #{} ({}): skipping its {} remaining event(s)",
                    segment.file(), position, damage, lost);
            if (lost > 0) {
                listener.onDropped(new DroppedEvents(DropReason.CORRUPT, lost, segment.firstTime(),
                        segment.lastTime()));
            }
            readPosition = Math.max(readPosition, segment.end());
        } finally {
            lock.unlock();
        }
    }

    StoredSchemas schemas() {
        return schemas;
    }

    /** How much is waiting, for metrics and health checks. */
    public BufferStats stats() {
        lock.lock();
        try {
            long undelivered = 0;
            Instant oldest = null;
            for (BufferSegment segment : segments) {
                long waiting = segment.end() - Math.max(segment.base(), ackedPosition);
                if (waiting > 0) {
                    undelivered += waiting;
                    if (oldest == null) {
                        oldest = segment.firstTime();
                    }
                }
            }
            return new BufferStats(undelivered, totalBytes, segments.size(), Optional.ofNullable(oldest),
                    ackedPosition, nextPosition);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpenLocked() {
        if (closed) {
            throw new IllegalStateException("The edge buffer in " + settings.dir() + " is closed");
        }
    }

    /** Forces and seals what is written, saves the checkpoint and releases the directory. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            unflushed.signalAll();
            durableAdvanced.signalAll();
            spaceFreed.signalAll();
        } finally {
            lock.unlock();
        }
        if (flusher != null) {
            joinQuietly(flusher);
        }
        lock.lock();
        try {
            for (BufferSegment segment : segments) {
                segment.seal(settings.fsync() != FsyncPolicy.NONE);
            }
            durablePosition = nextPosition;
            durableAdvanced.signalAll();
        } catch (IOException e) {
            LOG.warn("Cannot seal the edge buffer's segments in {}: {}", settings.dir(), e.toString());
        } finally {
            lock.unlock();
        }
        saveCheckpoint();
        directoryLock.release();
        LOG.info("Edge buffer in {} closed at position #{} (acknowledged up to #{})", settings.dir(), nextPosition,
                ackedPosition);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The durable events of one segment a reader may take: positions {@code [from, to)}, bytes below {@code durableBytes}. */
    record ReadWindow(BufferSegment segment, long from, long to, long durableBytes) {
    }
}
