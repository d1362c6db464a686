package io.takt.platform.config;

import java.util.Objects;

/**
 * A secret config value. Its {@link #toString()} is masked so that it cannot leak into logs,
 * error messages or {@code describe()} output by accident; call {@link #value()} where the secret is
 * really needed.
 */
public final class Password {

    /** What a secret looks like wherever it is printed. */
    public static final String MASK = "[hidden]";

    private final String value;

    public Password(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The secret itself: hand it to the client that needs it, never to a logger. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Password other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
