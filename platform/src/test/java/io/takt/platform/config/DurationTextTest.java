package io.takt.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void shouldReadEachUnitAndCombinations() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
        // 1 h + 30 min = 5400 s
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofSeconds(5400));
        assertThat(DurationText.parse(" PT45S ")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void shouldRefuseANumberWithoutUnit() {
        // Given "30", which could mean 30 ms or 30 s
        // Then it is refused rather than guessed
        assertThatThrownBy(() -> DurationText.parse("30")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("5 minutes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteTheShortestFormThatReadsBackTheSame() {
        // 90 s = 1 min + 30 s
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(DurationText.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationText.parse(DurationText.format(Duration.ofMillis(93_784_005))))
                .isEqualTo(Duration.ofMillis(93_784_005));
    }
}
