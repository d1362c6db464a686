package io.takt.deploy;

import java.time.Duration;
import java.time.Instant;

/** The rate of a running count between two status lines: (count now - count then) / seconds between. */
final class CountRate {

    private double lastCount;
    private Instant lastAt = Instant.now();

    /** Per second since the previous call (since creation for the first). */
    double perSecond(double count, Instant now) {
        double seconds = Math.max(0.001, Duration.between(lastAt, now).toMillis() / 1000.0);
        double rate = (count - lastCount) / seconds;
        lastCount = count;
        lastAt = now;
        return rate;
    }
}
