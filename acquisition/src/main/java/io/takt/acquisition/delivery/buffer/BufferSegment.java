package io.takt.acquisition.delivery.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One append-only segment file of the buffer, named by the position of its first event: a 16-byte
 * header (magic, version, base position), then frames whose positions run on from the base without
 * gaps. Only the newest segment is written; older ones are sealed and, once delivered, dropped or
 * expired, deleted whole. Not thread-safe: {@link DiskBuffer} guards it, except that {@link #force}
 * may run outside its lock.
 */
final class BufferSegment {

    static final String SUFFIX = ".seg";
    static final int HEADER_BYTES = 16;

    private static final Logger LOG = LoggerFactory.getLogger(BufferSegment.class);
    private static final int MAGIC = 0x54454231; // "TEB1": Takt edge buffer
    private static final int VERSION = 1;

    private final Path file;
    private final long base;
    private volatile FileChannel channel;
    private long bytes;
    private long durableBytes;
    private long count;
    private long firstMillis = -1;
    private long lastMillis = -1;
    private boolean cutShort;

    private BufferSegment(Path file, long base, FileChannel channel, long bytes) {
        this.file = file;
        this.base = base;
        this.channel = channel;
        this.bytes = bytes;
        this.durableBytes = bytes;
    }

    /** A new, empty segment open for appending; with {@code sync}, its header and directory entry are on disk. */
    static BufferSegment create(Path dir, long base, boolean sync) throws IOException {
        Path file = dir.resolve(fileName(base));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(base).flip();
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            if (sync) {
                channel.force(true);
                DurableFiles.forceDirectory(dir);
            }
        } catch (IOException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
        return new BufferSegment(file, base, channel, HEADER_BYTES);
    }

    /**
     * Reads a segment left by an earlier run, keeping every whole event and cutting off a torn tail
     * (a frame cut short or failing its checksum, as a crash mid-write leaves it). Returns it sealed.
     *
     * @throws IOException if the file is not a buffer segment at all
     */
    static BufferSegment recover(Path file) throws IOException {
        long base = baseOf(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            checkHeader(file, channel, base);
            BufferSegment segment = new BufferSegment(file, base, null, HEADER_BYTES);
            FrameReader frames = new FrameReader(channel, HEADER_BYTES, channel.size());
            RecordFrame.Frame frame;
            String damage = null;
            while ((frame = frames.next()) != null) {
                if (frame.position() != segment.end()) {
                    damage = "event #" + frame.position() + " where #" + segment.end() + " was due";
                    break;
                }
                segment.added(frame.size(), frame.appendMillis());
            }
            damage = damage != null ? damage : frames.damage();
            long keep = segment.bytes;
            if (damage != null || channel.size() > keep) {
                LOG.warn("Buffer segment {}: cut off {} byte(s) after its last whole event #{} ({}): the tail of a write"
                        + " torn by a crash, never acknowledged to the source", file.getFileName(),
                        channel.size() - keep, segment.end() - 1, damage);
                channel.truncate(keep);
                channel.force(true);
                segment.cutShort = true;
            }
            segment.durableBytes = keep;
            return segment;
        }
    }

    /** A segment whose header did not get to disk before a crash; it cannot hold any event. */
    static boolean isHeaderless(Path file) throws IOException {
        return Files.size(file) < HEADER_BYTES;
    }

    static long baseOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    static boolean isSegment(Path file) {
        return file.getFileName().toString().matches("\\d{20}\\" + SUFFIX);
    }

    private static String fileName(long base) {
        return String.format("%020d%s", base, SUFFIX);
    }

    private static void checkHeader(Path file, FileChannel channel, long base) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        while (header.hasRemaining() && channel.read(header, header.position()) >= 0) {
            // positional reads until full or end of file
        }
        header.flip();
        if (header.remaining() < HEADER_BYTES || header.getInt() != MAGIC || header.getInt() != VERSION
                || header.getLong() != base) {
            throw new IOException("File " + file + " is not a version-" + VERSION + " Takt buffer segment with base "
                    + base);
        }
    }

    /** Appends a stamped frame at the end; on failure cuts the file back so no partial frame remains. */
    void write(ByteBuffer frame, long appendMillis) throws IOException {
        int size = frame.remaining();
        try {
            long at = bytes;
            while (frame.hasRemaining()) {
                at += channel.write(frame, at);
            }
        } catch (IOException e) {
            channel.truncate(bytes);
            throw e;
        }
        added(size, appendMillis);
    }

    private void added(int frameBytes, long appendMillis) {
        bytes += frameBytes;
        count++;
        if (firstMillis < 0) {
            firstMillis = appendMillis;
        }
        lastMillis = appendMillis;
    }

    /** Forces what is written to disk. May run concurrently with {@link #write}; throws if sealed meanwhile. */
    void force() throws IOException {
        FileChannel writing = channel;
        if (writing != null) {
            writing.force(false);
        }
    }

    /** The bytes up to here are on disk (or, under fsync {@code none}, handed to the OS). */
    void markDurable(long upTo) {
        durableBytes = Math.max(durableBytes, upTo);
    }

    /** Ends appending: forces (if asked) and closes the write channel. */
    void seal(boolean sync) throws IOException {
        if (channel == null) {
            return;
        }
        if (sync) {
            channel.force(false);
        }
        channel.close();
        channel = null;
        durableBytes = bytes;
    }

    /** Opens a recovered segment for appending again. */
    void reopen() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }

    void delete() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        Files.deleteIfExists(file);
    }

    /** A channel of its own for reading, unaffected by sealing or deletion of this segment. */
    FileChannel openForReading() throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Whether recovery cut frames off its end. */
    boolean cutShort() {
        return cutShort;
    }

    boolean sealed() {
        return channel == null;
    }

    Path file() {
        return file;
    }

    long base() {
        return base;
    }

    /** The position after its last event. */
    long end() {
        return base + count;
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    long durableBytes() {
        return durableBytes;
    }

    Instant firstTime() {
        return Instant.ofEpochMilli(firstMillis);
    }

    Instant lastTime() {
        return Instant.ofEpochMilli(lastMillis);
    }

    long lastMillis() {
        return lastMillis;
    }

    @Override
    public String toString() {
        return file.getFileName() + " [#" + base + ", #" + end() + ") " + bytes + " bytes";
    }
}
