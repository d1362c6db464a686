package io.takt.acquisition.delivery.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads frames one after the other from a segment file, through a chunk buffer, up to a byte limit
 * that may grow as more of the file becomes durable. Stops at the first frame that is cut short or
 * fails its checksum, and says so: after a crash that is the torn tail; anywhere else, damage.
 */
final class FrameReader {

    private static final int CHUNK_BYTES = 256 * 1024;

    private final FileChannel channel;
    private long offset;
    private long limit;
    private ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).limit(0);
    private long chunkStart;
    private String damage;

    /**
     * @param channel the segment file, read with positional reads only
     * @param offset  where the first frame starts
     * @param limit   where readable bytes end
     */
    FrameReader(FileChannel channel, long offset, long limit) {
        this.channel = channel;
        this.offset = offset;
        this.limit = limit;
    }

    /** Lets the reader go on to bytes that have become durable since. */
    void limit(long newLimit) {
        this.limit = Math.max(limit, newLimit);
    }

    /** Where the next frame starts: after a damaged frame, where the damage starts. */
    long offset() {
        return offset;
    }

    /** What was wrong with the frame at {@link #offset()}, or null if reading stopped at the limit. */
    String damage() {
        return damage;
    }

    /** The next whole frame, or null at the limit or at damage (see {@link #damage()}). */
    RecordFrame.Frame next() throws IOException {
        if (damage != null || offset >= limit) {
            return null;
        }
        if (limit - offset < RecordFrame.HEADER_BYTES || !ensure(RecordFrame.HEADER_BYTES)) {
            return damaged("a frame header cut short after " + (limit - offset) + " byte(s)");
        }
        int at = (int) (offset - chunkStart);
        int length = chunk.getInt(at);
        int checksum = chunk.getInt(at + Integer.BYTES);
        if (length < RecordFrame.MIN_PAYLOAD_BYTES || length > limit - offset - RecordFrame.HEADER_BYTES) {
            return damaged("a frame length of " + length + " with " + (limit - offset) + " byte(s) left");
        }
        if (!ensure(RecordFrame.HEADER_BYTES + length)) {
            return damaged("a frame of " + length + " byte(s) cut short by the end of the file");
        }
        int start = (int) (offset - chunkStart) + RecordFrame.HEADER_BYTES; // the chunk may have moved
        ByteBuffer payload = chunk.duplicate().position(start).limit(start + length).slice();
        if (!RecordFrame.checksumMatches(checksum, payload)) {
            return damaged("a checksum mismatch");
        }
        RecordFrame.Frame frame = new RecordFrame.Frame(payload);
        if (!frame.wellFormed()) {
            return damaged("field lengths that do not add up");
        }
        offset += RecordFrame.HEADER_BYTES + length;
        return frame;
    }

    /** Whether {@code bytes} from {@link #offset} are in the chunk, reading them if need be. */
    private boolean ensure(int bytes) throws IOException {
        if (offset >= chunkStart && offset + bytes <= chunkStart + chunk.limit()) {
            return true;
        }
        int want = (int) Math.min(Math.max(bytes, CHUNK_BYTES), limit - offset);
        if (chunk.capacity() < want) {
            chunk = ByteBuffer.allocate(want);
        }
        chunk.clear().limit(want);
        while (chunk.hasRemaining()) {
            if (channel.read(chunk, offset + chunk.position()) < 0) {
                break;
            }
        }
        chunk.flip();
        chunkStart = offset;
        return chunk.limit() >= bytes;
    }

    private RecordFrame.Frame damaged(String what) {
        damage = what;
        return null;
    }
}
