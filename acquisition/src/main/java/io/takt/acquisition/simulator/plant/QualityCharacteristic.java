package io.takt.acquisition.simulator.plant;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A measured property of each finished part, with its specification limits: a good part measures
 * inside them, a rejected part outside, so quality failures and rejects tell the same story.
 *
 * @param name    tag name below {@code Quality.}, e.g. {@code Thickness}
 * @param uom     unit of measure, e.g. {@code mm}
 * @param nominal target value
 * @param lower   lower specification limit
 * @param upper   upper specification limit
 */
public record QualityCharacteristic(String name, String uom, double nominal, double lower, double upper) {

    public QualityCharacteristic {
        Objects.requireNonNull(name, "name");
        if (!(lower < nominal && nominal < upper)) {
            throw new IllegalArgumentException("Limits must enclose the nominal: " + lower + " < " + nominal
                    + " < " + upper);
        }
    }

    /** Whether a measured value is within limits (inclusive). */
    public boolean accepts(double value) {
        return value >= lower && value <= upper;
    }

    /** A measurement of one part: inside the limits if it is good, outside if it is rejected. */
    double measure(RandomGenerator random, boolean good) {
        double halfWidth = (upper - lower) / 2;
        double value;
        if (good) {
            // Process spread of a capable process (Cp ≈ 1.33): sigma = tolerance / 8; clipped so a
            // good part never reads out of tolerance.
            double clip = halfWidth * 0.98;
            value = nominal + Math.max(-clip, Math.min(clip, random.nextGaussian() * halfWidth / 4));
        } else {
            double excess = halfWidth * (1.02 + 0.3 * random.nextDouble());
            value = random.nextBoolean() ? nominal + excess : nominal - excess;
        }
        return Math.round(value * 10_000) / 10_000.0;
    }
}
