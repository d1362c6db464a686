package io.takt.acquisition.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.takt.acquisition.tagmap.RoleOptions;

class CounterTotalTest {

    // 16 bits: wraps at 2^16 = 65536; plausible wrap distance 65536 / 16 = 4096.
    static final RoleOptions.Counter SIXTEEN_BITS = new RoleOptions.Counter(65536, 4096, false);
    static final RoleOptions.Counter NEVER_WRAPS = new RoleOptions.Counter(0, Long.MAX_VALUE, false);

    @Test
    void shouldTakeTheFirstReadingAsBaselineAndCountRises() {
        // Given a fresh counter
        CounterTotal total = new CounterTotal(NEVER_WRAPS);

        // When it reads 1000, 1003, 1003, 1010
        // Then: baseline 0, 1003 - 1000 = 3, 1003 - 1003 = 0, 1010 - 1003 = 7
        assertThat(total.advance(1000)).isZero();
        assertThat(total.advance(1003)).isEqualTo(3);
        assertThat(total.advance(1003)).isZero();
        assertThat(total.advance(1010)).isEqualTo(7);
    }

    @Test
    void shouldCountTheFirstReadingWhenConfiguredTo() {
        // Given a counter whose first reading counts (the PLC zeroes it at each order start)
        CounterTotal total = new CounterTotal(new RoleOptions.Counter(0, Long.MAX_VALUE, true));

        // When it first reads 12 Then 12 units were made since zero
        assertThat(total.advance(12)).isEqualTo(12);
    }

    @Test
    void shouldTreatAFallNearTheTopOfSixteenBitsAsRollover() {
        // Given a 16-bit counter at 65530
        CounterTotal total = new CounterTotal(SIXTEEN_BITS);
        total.advance(65530);

        // When it reads 4
        // Then it wrapped: 65536 - 65530 + 4 = 10 units (65531..65535 is 5, then 0..4 is 5)
        assertThat(total.advance(4)).isEqualTo(10);
    }

    @Test
    void shouldTreatAFallFarFromTheTopAsResetToZero() {
        // Given a 16-bit counter at 1200
        CounterTotal total = new CounterTotal(SIXTEEN_BITS);
        total.advance(1200);

        // When it reads 3: a wrap would be 65536 - 1200 + 3 = 64339 > 4096, implausible in one poll
        // Then it was reset to zero and has counted 3 since
        assertThat(total.advance(3)).isEqualTo(3);
        // and counting goes on from there: 8 - 3 = 5
        assertThat(total.advance(8)).isEqualTo(5);
    }

    @Test
    void shouldTreatEveryFallOfACounterWithoutRolloverAsReset() {
        // Given a counter that never wraps, at 4_000_000_000
        CounterTotal total = new CounterTotal(NEVER_WRAPS);
        total.advance(4_000_000_000L);

        // When it reads 0, then 2 Then 0 units (reset to 0), then 2 - 0 = 2
        assertThat(total.advance(0)).isZero();
        assertThat(total.advance(2)).isEqualTo(2);
    }

    @Test
    void shouldReadASignedSixteenBitRegisterAsUnsigned() {
        // Given a 16-bit counter read as a signed INT, at 32766
        CounterTotal total = new CounterTotal(SIXTEEN_BITS);
        total.advance(32766);

        // When the register shows -32768 (bit pattern 0x8000 = 32768 unsigned)
        // Then -32768 + 65536 = 32768, and 32768 - 32766 = 2 units
        assertThat(total.advance(-32768)).isEqualTo(2);
    }

    @Test
    void shouldWrapAtADecimalModulus() {
        // Given a six-digit counter (wraps at 1_000_000, plausible distance 1_000_000 / 16 = 62_500) at 999_990
        CounterTotal total = new CounterTotal(new RoleOptions.Counter(1_000_000, 62_500, false));
        total.advance(999_990);

        // When it reads 15 Then 1_000_000 - 999_990 + 15 = 25
        assertThat(total.advance(15)).isEqualTo(25);
    }
}
