package io.takt.platform.registry.server;

import java.util.concurrent.TimeUnit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The registry's own meters on {@code /metrics}: every request timed by route and status, and what
 * the store holds. A serializer asks the registry only on a cache miss, so a rising request rate
 * means clients restart or register, and 5xx answers mean the store topic is unusable.
 */
final class RegistryMeters {

    /** Requests by method, route template (e.g. {@code /subjects/{subject}/versions}) and status. */
    static final String REQUESTS = "takt.registry.requests";
    /** Distinct schemas (global ids) in the store. */
    static final String SCHEMAS = "takt.registry.schemas";
    /** Subjects with at least one live version. */
    static final String SUBJECTS = "takt.registry.subjects";

    private static final String STARTED_AT = "takt.registry.request.start";
    /** The route tag of a request no route matched: one value, however many different paths are tried. */
    private static final String UNMATCHED = "unmatched";

    private final MeterRegistry meters;

    RegistryMeters(MeterRegistry meters, RegistryState state) {
        this.meters = meters;
        Gauge.builder(SCHEMAS, state, RegistryState::schemaCount)
                .description("Distinct schemas (global ids) in the registry's store").register(meters);
        Gauge.builder(SUBJECTS, state, s -> s.subjects(false).size())
                .description("Subjects with at least one live version").register(meters);
    }

    /** Times every request of the listener these routes belong to, answered or failed. */
    void addTo(RoutesConfig routes) {
        routes.before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
        routes.after(this::record);
    }

    private void record(Context ctx) {
        Long started = ctx.attribute(STARTED_AT);
        if (started == null) {
            return;
        }
        Endpoint matched = ctx.endpoints().lastHttpEndpoint();
        Timer.builder(REQUESTS)
                .description("Schema registry HTTP requests")
                .tag("method", ctx.method().name())
                .tag("route", matched == null ? UNMATCHED : matched.path)
                .tag("status", String.valueOf(ctx.status().getCode()))
                .register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
