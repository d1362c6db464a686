package io.takt.acquisition.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldDoubleUpToTheCapAndStartOverAfterSuccess() {
        // Given 100 ms doubling up to 1 s
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

        // When six attempts fail
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pauses.add(backoff.next().toMillis());
        }

        // Then 100, 200, 400, 800, then 1,600 capped to 1,000, twice
        assertThat(pauses).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }
}
