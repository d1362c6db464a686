package io.takt.acquisition.delivery.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class DiskBufferTest {

    /** Full name {@code test.Tick}: 9 bytes. */
    private static final Schema TICK = SchemaBuilder.record("Tick").namespace("test").fields()
            .requiredLong("n").endRecord();
    private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");
    /**
     * Every test event is topic "line" (4 bytes), key "m1" (2), schema name "test.Tick" (9) and a
     * 300-byte value: 8 (length, checksum) + 40 (three longs, four lengths) + 4 + 2 + 9 + 300 = 363 bytes.
     */
    private static final int FRAME = 363;
    /** Header (16) plus exactly three events. */
    private static final long THREE_PER_SEGMENT = 16 + 3 * FRAME;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final List<DroppedEvents> dropped = new CopyOnWriteArrayList<>();

    @Test
    void shouldReadEventsBackInAppendOrderWithTheirFields() throws Exception {
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir)); BufferReader reader = buffer.reader()) {
            // Given events for two topics and keys
            buffer.append(new SerializedEvent("line", "m1", TICK, value(1)));
            buffer.append(new SerializedEvent("cell", "m2", TICK, value(2)));
            buffer.append(new SerializedEvent("line", "m1", TICK, value(3)));

            // When they are read back
            List<BufferedEvent> events = reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1));

            // Then in order, with positions 0, 1, 2 and everything stored
            assertThat(events).extracting(BufferedEvent::position).containsExactly(0L, 1L, 2L);
            assertThat(events).extracting(BufferedEvent::topic).containsExactly("line", "cell", "line");
            assertThat(events).extracting(BufferedEvent::key).containsExactly("m1", "m2", "m1");
            assertThat(events.get(1).value()).isEqualTo(value(2));
            assertThat(events.get(1).writerSchema()).isEqualTo(TICK);
            assertThat(events.get(1).schemaName()).isEqualTo("test.Tick");
            assertThat(events.get(1).appendTime()).isEqualTo(T0);
            assertThat(reader.position()).isEqualTo(3);
        }
    }

    @Test
    void shouldCutOffAHalfWrittenEventOnRecovery() throws Exception {
        // Given three whole events, then the first half of a fourth as a kill -9 mid-write leaves it
        Path segment;
        long afterThree;
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir))) {
            appendTicks(buffer, 3);
            segment = onlySegment();
            afterThree = Files.size(segment);
            buffer.append(tick(3));
        }
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            file.truncate(afterThree + FRAME / 2);
        }

        // When the buffer is opened again
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir)); BufferReader reader = buffer.reader()) {
            // Then the torn event is gone, the file ends at the third, and the next event is #3 again
            assertThat(Files.size(segment)).isEqualTo(afterThree);
            assertThat(buffer.stats().nextPosition()).isEqualTo(3);
            assertThat(buffer.append(tick(30))).isEqualTo(3);
            List<BufferedEvent> events = reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1));
            assertThat(events).extracting(BufferedEvent::position).containsExactly(0L, 1L, 2L, 3L);
            assertThat(events.get(3).value()).isEqualTo(value(30));
        }
    }

    @Test
    void shouldCutOffAnEventWhoseChecksumFails() throws Exception {
        // Given three events of which the last has a byte flipped in its value
        Path segment;
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir))) {
            appendTicks(buffer, 3);
            segment = onlySegment();
        }
        long lastByte = Files.size(segment) - 1;
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            file.read(one, lastByte);
            file.write(ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), lastByte);
        }

        // When the buffer is opened again
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir))) {
            // Then the file ends after the second event: 16 + 2 * 363 = 742 bytes
            assertThat(Files.size(segment)).isEqualTo(742);
            assertThat(buffer.stats().nextPosition()).isEqualTo(2);
        }
    }

    @Test
    void shouldKeepTheAcknowledgedPositionAcrossReopen() throws Exception {
        // Given ten events of which the first six are delivered
        String id;
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir))) {
            appendTicks(buffer, 10);
            buffer.acknowledge(6);
            id = buffer.bufferId();
        }

        // When the buffer is opened again
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir)); BufferReader reader = buffer.reader()) {
            // Then it is the same buffer, with four undelivered events, read from #6
            assertThat(buffer.bufferId()).isEqualTo(id);
            assertThat(buffer.stats().ackedPosition()).isEqualTo(6);
            assertThat(buffer.stats().undeliveredEvents()).isEqualTo(4);
            assertThat(reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1))).extracting(BufferedEvent::position)
                    .containsExactly(6L, 7L, 8L, 9L);
        }
    }

    @Test
    void shouldDeleteSegmentsOnceEveryEventInThemIsDelivered() throws Exception {
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir).withSegmentBytes(THREE_PER_SEGMENT))) {
            // Given ten events, three per segment: [0-2] [3-5] [6-8] [9]
            appendTicks(buffer, 10);
            assertThat(segmentFiles()).hasSize(4);

            // When the first six are delivered
            buffer.acknowledge(6);

            // Then the first two segments are deleted; the others take 1,105 + (16 + 363) = 1,484 bytes
            assertThat(segmentFiles()).extracting(p -> p.getFileName().toString())
                    .containsExactly("00000000000000000006.seg", "00000000000000000009.seg");
            assertThat(buffer.stats().bytesOnDisk()).isEqualTo(1484);
            assertThat(buffer.stats().undeliveredEvents()).isEqualTo(4);
        }
    }

    @Test
    void shouldDropTheOldestSegmentWhenFullUnderDropOldest() throws Exception {
        // Given room for two segments of three events: 2 * 1,105 = 2,210 bytes
        BufferSettings settings = BufferSettings.defaults(dir).withSegmentBytes(THREE_PER_SEGMENT)
                .withMaxBytes(2 * THREE_PER_SEGMENT).withOverflow(OverflowPolicy.DROP_OLDEST);
        try (DiskBuffer buffer = open(settings); BufferReader reader = buffer.reader()) {
            // When ten events are appended and none delivered
            appendTicks(buffer, 10);

            // Then the 7th event's new segment (1,105 + 1,105 + 16 + 363 > 2,210) dropped [0-2], the
            // 10th's dropped [3-5]: six dropped in two steps of three, #6 to #9 left
            assertThat(dropped).extracting(DroppedEvents::count).containsExactly(3L, 3L);
            assertThat(dropped).extracting(DroppedEvents::reason).containsOnly(DropReason.OVERFLOW);
            assertThat(dropped.get(0).firstTime()).isEqualTo(T0);
            assertThat(buffer.stats().undeliveredEvents()).isEqualTo(4);
            assertThat(buffer.stats().bytesOnDisk()).isLessThanOrEqualTo(2 * THREE_PER_SEGMENT);
            assertThat(reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1))).extracting(BufferedEvent::position)
                    .containsExactly(6L, 7L, 8L);
        }
    }

    @Test
    void shouldNotCountEventsTheReaderAlreadyTookAsDropped() throws Exception {
        BufferSettings settings = BufferSettings.defaults(dir).withSegmentBytes(THREE_PER_SEGMENT)
                .withMaxBytes(2 * THREE_PER_SEGMENT).withOverflow(OverflowPolicy.DROP_OLDEST);
        try (DiskBuffer buffer = open(settings); BufferReader reader = buffer.reader()) {
            // Given six events of which the reader took two, in flight to Kafka
            appendTicks(buffer, 6);
            assertThat(reader.poll(2, Long.MAX_VALUE, Duration.ofSeconds(1))).hasSize(2);

            // When a seventh drops the first segment [0-2]
            buffer.append(tick(6));

            // Then only #2 counts as dropped: #0 and #1 are still on their way
            assertThat(dropped).extracting(DroppedEvents::count).containsExactly(1L);
            assertThat(reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1))).extracting(BufferedEvent::position)
                    .containsExactly(3L, 4L, 5L);
        }
    }

    @Test
    void shouldBlockTheAppenderWhenFullUntilDeliveryFreesASegment() throws Exception {
        BufferSettings settings = BufferSettings.defaults(dir).withSegmentBytes(THREE_PER_SEGMENT)
                .withMaxBytes(2 * THREE_PER_SEGMENT).withOverflow(OverflowPolicy.BLOCK);
        try (DiskBuffer buffer = open(settings)) {
            // Given a full buffer: two segments of three
            appendTicks(buffer, 6);

            // When a seventh event is appended
            CompletableFuture<Long> seventh = CompletableFuture.supplyAsync(() -> buffer.append(tick(6)));

            // Then it waits, and nothing is dropped...
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !seventh.isDone());
            // ...until the first segment is delivered
            buffer.acknowledge(3);
            assertThat(seventh.get(5, TimeUnit.SECONDS)).isEqualTo(6);
            assertThat(dropped).isEmpty();
            assertThat(buffer.stats().undeliveredEvents()).isEqualTo(4);
        }
    }

    @Test
    void shouldDropSegmentsOlderThanTheMaximumAge() throws Exception {
        BufferSettings settings = BufferSettings.defaults(dir).withSegmentBytes(THREE_PER_SEGMENT)
                .withMaxAge(Duration.ofHours(1));
        try (DiskBuffer buffer = open(settings)) {
            // Given three events at 06:00 and three at 06:30, one segment each
            appendTicks(buffer, 3);
            clock.advance(Duration.ofMinutes(30));
            appendTicks(buffer, 3);

            // When at 07:01 the buffer expires old events
            clock.advance(Duration.ofMinutes(31));
            buffer.expire();

            // Then the 06:00 segment is dropped (06:00 < 07:01 - 1 h = 06:01), the 06:30 one kept
            assertThat(dropped).containsExactly(new DroppedEvents(DropReason.EXPIRED, 3, T0, T0));
            assertThat(buffer.stats().undeliveredEvents()).isEqualTo(3);

            // When at 07:31 it expires again: the 06:30 segment, though still being written, goes too
            clock.advance(Duration.ofMinutes(30));
            buffer.expire();
            Instant half = T0.plus(Duration.ofMinutes(30));
            assertThat(dropped).last().isEqualTo(new DroppedEvents(DropReason.EXPIRED, 3, half, half));
            assertThat(buffer.stats().undeliveredEvents()).isZero();
            assertThat(buffer.append(tick(99))).isEqualTo(6);
        }
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void shouldGiveConcurrentAppendersDistinctPositionsUnderEveryFsyncPolicy(FsyncPolicy fsync) throws Exception {
        BufferSettings settings = BufferSettings.defaults(dir).withFsync(fsync).withSegmentBytes(64 * 1024);
        try (DiskBuffer buffer = open(settings); BufferReader reader = buffer.reader()) {
            // Given four threads appending 100 events each
            List<CompletableFuture<List<Long>>> appenders = IntStream.range(0, 4)
                    .mapToObj(t -> CompletableFuture.supplyAsync(() -> {
                        List<Long> positions = new ArrayList<>();
                        for (int i = 0; i < 100; i++) {
                            positions.add(buffer.append(tick(t * 1000 + i)));
                        }
                        return positions;
                    })).toList();

            // When all have returned
            List<Long> positions = appenders.stream().flatMap(f -> f.join().stream()).sorted().toList();

            // Then positions 0 to 399 were handed out once each, and all 400 are readable in order
            assertThat(positions).containsExactlyElementsOf(positions(0, 400));
            List<BufferedEvent> read = new ArrayList<>();
            while (read.size() < 400) {
                read.addAll(reader.poll(1000, Long.MAX_VALUE, Duration.ofSeconds(1)));
            }
            assertThat(read).extracting(BufferedEvent::position).containsExactlyElementsOf(positions(0, 400));
        }
    }

    @Test
    void shouldStoreABurstWithOneAppendAll() throws Exception {
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir)); BufferReader reader = buffer.reader()) {
            // When a burst of five is appended at once
            long last = buffer.appendAll(IntStream.range(0, 5).mapToObj(DiskBufferTest::tick).toList());

            // Then the last has position 4 and all five are there
            assertThat(last).isEqualTo(4);
            assertThat(reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1))).hasSize(5);
        }
    }

    @Test
    void shouldForceABurstOfWritesOnlyWhenItsLastIsAwaited() throws Exception {
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir)); BufferReader reader = buffer.reader()) {
            // Given a burst of five written ahead without waiting (group commit, fsync every-batch)
            long last = -1;
            for (int i = 0; i < 5; i++) {
                last = buffer.write(tick(i));
            }

            // Then they have positions 0 to 4 but nothing is forced, so the reader sees none of them yet
            assertThat(last).isEqualTo(4);
            assertThat(reader.poll(10, Long.MAX_VALUE, Duration.ofMillis(200))).isEmpty();

            // When the last is awaited
            buffer.awaitDurable(last);

            // Then all five are durable and readable, in order
            assertThat(reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1))).extracting(BufferedEvent::position)
                    .containsExactlyElementsOf(positions(0, 5));
        }
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void shouldMakeWrittenEventsDurableWhenAwaitedUnderEveryFsyncPolicy(FsyncPolicy fsync) throws Exception {
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir).withFsync(fsync)); BufferReader reader =
                buffer.reader()) {
            // Given three events written ahead
            buffer.write(tick(1));
            buffer.write(tick(2));
            long last = buffer.write(tick(3));

            // When the last is awaited
            buffer.awaitDurable(last);

            // Then all three can be read back
            assertThat(reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1))).extracting(BufferedEvent::position)
                    .containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void shouldReadEventsLargerThanTheReadChunkAcrossItsBoundaries() throws Exception {
        // Given three 200 kB events: the reader's 256 KiB chunk ends inside the second
        byte[][] values = new byte[3][];
        for (int i = 0; i < 3; i++) {
            values[i] = new byte[200_000];
            Arrays.fill(values[i], (byte) (i + 1));
        }
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir))) {
            for (byte[] value : values) {
                buffer.append(new SerializedEvent("line", "m1", TICK, value));
            }
        }

        // When the buffer is recovered and read back
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir)); BufferReader reader = buffer.reader()) {
            List<BufferedEvent> events = reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1));

            // Then all three are whole
            assertThat(events).extracting(BufferedEvent::value).containsExactly(values);
        }
    }

    @Test
    void shouldRefuseASecondBufferOnTheSameDirectory() {
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir))) {
            assertThatThrownBy(() -> open(BufferSettings.defaults(dir))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another gateway");
        }
    }

    @Test
    void shouldContinueAfterKafkasPositionWhenItIsAheadOfTheDisk() throws Exception {
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir))) {
            // Given three events, and Kafka saying ten were delivered (a tail lost under fsync none)
            appendTicks(buffer, 3);

            // When that position is acknowledged
            buffer.acknowledge(10);

            // Then the next event is #10: no position is used twice
            assertThat(buffer.append(tick(10))).isEqualTo(10);
            assertThat(buffer.stats().undeliveredEvents()).isEqualTo(1);
        }
    }

    @Test
    void shouldWaitForAnEventWhenNoneIsThere() throws Exception {
        try (DiskBuffer buffer = open(BufferSettings.defaults(dir)); BufferReader reader = buffer.reader()) {
            // Given a reader waiting on an empty buffer
            CompletableFuture<List<BufferedEvent>> poll = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            // When an event is appended
            buffer.append(tick(1));

            // Then the reader gets it
            assertThat(poll.get(5, TimeUnit.SECONDS)).extracting(BufferedEvent::position).containsExactly(0L);
        }
    }

    private DiskBuffer open(BufferSettings settings) {
        return DiskBuffer.open(settings, clock, dropped::add);
    }

    private static void appendTicks(DiskBuffer buffer, int count) {
        for (int i = 0; i < count; i++) {
            buffer.append(tick(i));
        }
    }

    private static SerializedEvent tick(int n) {
        return new SerializedEvent("line", "m1", TICK, value(n));
    }

    private static byte[] value(int n) {
        byte[] value = new byte[300];
        Arrays.fill(value, (byte) n);
        return value;
    }

    private Path onlySegment() throws IOException {
        List<Path> files = segmentFiles();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    private static List<Long> positions(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }
}
