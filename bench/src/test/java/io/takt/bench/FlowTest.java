package io.takt.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FlowTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldRateTheWholeRunAndItsSteadyMiddle() {
        // Given 1,000 events sent from t = 0 s, read 10% by 1 s, 90% by 5 s and all by 8 s
        Flow flow = new Flow(1000);
        flow.begin(0, 0);
        flow.started(0);
        flow.progress(50, SECOND / 2);
        flow.progress(100, SECOND);
        flow.progress(899, 4 * SECOND);
        flow.progress(900, 5 * SECOND);
        flow.progress(1000, 8 * SECOND);
        flow.sent(2 * SECOND);

        // Then overall 1,000 / 8 s = 125/s; steady 800 events / (5 - 1) s = 200/s; producer 1,000 / 2 s = 500/s
        assertThat(flow.elapsedNanos()).isEqualTo(8 * SECOND);
        assertThat(flow.steadyRate()).isCloseTo(200.0, within(1e-9));
        assertThat(flow.producerRate()).isCloseTo(500.0, within(1e-9));
    }
}
