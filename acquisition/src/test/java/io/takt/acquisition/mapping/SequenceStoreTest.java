package io.takt.acquisition.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceStoreTest {

    // 2024-01-01T01:00Z is 60 minutes after the epoch origin.
    static final Instant ONE_HOUR_IN = Instant.parse("2024-01-01T01:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldIncreasePerAddressAndAcrossARestart() {
        // Given a first start at minute 60: epoch max(0 + 1, 60) = 60
        MutableClock clock = new MutableClock(ONE_HOUR_IN);
        Path file = dir.resolve("state/sequence");
        SequenceStore first = SequenceStore.open(file, clock);
        long a1 = first.next("plc/a");
        long a2 = first.next("plc/a");
        long b1 = first.next("plc/b");

        // Then numbers are 60 << 36 | 1, | 2 and, for another address, | 1 again
        assertThat(a1).isEqualTo((60L << 36) | 1);
        assertThat(a2).isEqualTo((60L << 36) | 2);
        assertThat(b1).isEqualTo((60L << 36) | 1);

        // When the gateway restarts within the same minute (the clock has not moved)
        SequenceStore second = SequenceStore.open(file, clock);

        // Then the epoch is the stored one + 1 = 61, above everything handed out before
        assertThat(second.epoch()).isEqualTo(61);
        assertThat(second.next("plc/a")).isEqualTo((61L << 36) | 1).isGreaterThan(a2);
    }

    @Test
    void shouldNotGoBackwardsWhenTheFileIsLost() throws IOException {
        // Given a start at minute 60 that handed out numbers, then lost its file
        MutableClock clock = new MutableClock(ONE_HOUR_IN);
        Path file = dir.resolve("sequence");
        long before = SequenceStore.open(file, clock).next("plc/a");
        Files.delete(file);

        // When it starts again ten minutes later
        clock.advance(Duration.ofMinutes(10));
        SequenceStore again = SequenceStore.open(file, clock);

        // Then the epoch comes from the clock: minute 70, still above 60
        assertThat(again.epoch()).isEqualTo(70);
        assertThat(again.next("plc/a")).isGreaterThan(before);
    }

    @Test
    void shouldMoveToANewEpochWhenACounterFillsUp() throws IOException {
        // Given a store at epoch 60 whose counter for one address is one short of 2^36
        MutableClock clock = new MutableClock(ONE_HOUR_IN);
        Path file = dir.resolve("sequence");
        SequenceStore store = SequenceStore.open(file, clock);
        long last = 0;
        for (int i = 0; i < 3; i++) {
            last = store.next("plc/a");
        }
        store.skipTo("plc/a", SequenceStore.COUNTER_LIMIT - 2);

        // When two more numbers are taken
        long full = store.next("plc/a");
        long rolled = store.next("plc/a");

        // Then the first is 60 << 36 | (2^36 - 1), the next moves to epoch 61 with counter 1, all increasing
        assertThat(full).isEqualTo((60L << 36) | (SequenceStore.COUNTER_LIMIT - 1)).isGreaterThan(last);
        assertThat(rolled).isEqualTo((61L << 36) | 1).isGreaterThan(full);
        assertThat(Files.readString(file).trim()).isEqualTo("61");
    }
}
