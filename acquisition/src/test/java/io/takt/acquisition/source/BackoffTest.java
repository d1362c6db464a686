package io.takt.acquisition.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldDoubleUpToTheCapAndStartOverAfterAReset() {
        // Given 500 ms initial, 3 s cap
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));

        // Then 500, 1000, 2000, 3000 (4000 capped), 3000 ms
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(2000));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(3000));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(3000));

        // When connected again Then it starts from 500 ms
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }
}
