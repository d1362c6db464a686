package io.takt.acquisition.delivery.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the buffer's durable events in position order, for delivery. Skips what was dropped;
 * {@link #seek} goes back to where Kafka's committed position says delivery stands. Used by one
 * thread; reads on a file channel of its own, so appends and segment deletion go on meanwhile.
 */
public final class BufferReader implements AutoCloseable {

    private final DiskBuffer buffer;
    private long position;
    private BufferSegment segment;
    private FileChannel channel;
    private FrameReader frames;
    /** Position of the frame at {@code frames.offset()}. */
    private long cursorPosition;

    BufferReader(DiskBuffer buffer, long position) {
        this.buffer = buffer;
        this.position = position;
    }

    /** The position of the next event to read (or of the first after it, if that was dropped). */
    public long position() {
        return position;
    }

    /** Goes on from {@code position}, forward or back. */
    public void seek(long newPosition) {
        position = newPosition;
        buffer.readerAt(newPosition);
    }

    /**
     * The next events in order, at most {@code maxEvents} and about {@code maxBytes}, all from one
     * segment; waits up to {@code timeout} for a first one, and returns an empty list if none came.
     */
    public List<BufferedEvent> poll(int maxEvents, long maxBytes, Duration timeout) throws InterruptedException {
        Optional<DiskBuffer.ReadWindow> found = buffer.awaitReadable(position, timeout.toNanos());
        if (found.isEmpty()) {
            return List.of();
        }
        DiskBuffer.ReadWindow window = found.get();
        try {
            moveTo(window);
            return read(window, maxEvents, maxBytes);
        } catch (NoSuchFileException deletedMeanwhile) {
            closeCursor();
            return List.of();
        } catch (IOException e) {
            closeCursor();
            throw new UncheckedIOException("Cannot read the edge buffer segment " + window.segment().file(), e);
        }
    }

    private List<BufferedEvent> read(DiskBuffer.ReadWindow window, int maxEvents, long maxBytes) throws IOException {
        List<BufferedEvent> events = new ArrayList<>();
        long bytes = 0;
        frames.limit(window.durableBytes());
        while (cursorPosition < window.to() && events.size() < maxEvents && bytes < maxBytes) {
            RecordFrame.Frame frame = frames.next();
            if (frame == null || frame.position() != cursorPosition) {
                if (frame != null || frames.damage() != null) {
                    skipDamaged(frame == null ? frames.damage() : "event #" + frame.position() + " out of place");
                }
                break;
            }
            cursorPosition++;
            if (frame.position() >= window.from()) {
                events.add(frame.decode(buffer.schemas()));
                bytes += frame.size();
            }
        }
        if (!events.isEmpty()) {
            position = events.get(events.size() - 1).position() + 1;
            buffer.readerAt(position);
        }
        return events;
    }

    private void skipDamaged(String damage) {
        BufferSegment damaged = segment;
        buffer.reportDamage(damaged, cursorPosition, damage);
        closeCursor();
        position = Math.max(position, damaged.end());
    }

    private void moveTo(DiskBuffer.ReadWindow window) throws IOException {
        if (segment == window.segment() && cursorPosition <= window.from()) {
            return;
        }
        closeCursor();
        segment = window.segment();
        channel = segment.openForReading();
        frames = new FrameReader(channel, BufferSegment.HEADER_BYTES, window.durableBytes());
        cursorPosition = segment.base();
    }

    private void closeCursor() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // a read-only channel: nothing is lost
            }
        }
        segment = null;
        channel = null;
        frames = null;
    }

    @Override
    public void close() {
        closeCursor();
    }
}
