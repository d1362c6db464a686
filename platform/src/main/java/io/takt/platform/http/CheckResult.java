package io.takt.platform.http;

import java.util.Objects;

/**
 * The outcome of one readiness check.
 *
 * @param up     whether this part of the service can do its work
 * @param detail a short word on why, e.g. the Kafka Streams state
 */
public record CheckResult(boolean up, String detail) {

    public CheckResult {
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckResult up(String detail) {
        return new CheckResult(true, detail);
    }

    public static CheckResult down(String detail) {
        return new CheckResult(false, detail);
    }
}
