package io.takt.platform.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

/**
 * The HTTP endpoint every service embeds: {@code /metrics} (Prometheus), {@code /health}
 * (liveness) and {@code /ready} (readiness from named checks), plus any routes the service adds,
 * e.g. interactive queries.
 *
 * <pre>{@code
 * ServiceEndpoint http = ServiceEndpoint.builder(metrics)
 *         .port(8080)
 *         .get("/oee/{equipment}", ctx -> ctx.result(...))
 *         .build()
 *         .start();
 * http.readiness("kafka-streams", ReadinessCheck.kafkaStreams(streams));
 * }</pre>
 */
public final class ServiceEndpoint implements AutoCloseable {

    public static final String METRICS_PATH = "/metrics";
    public static final String HEALTH_PATH = "/health";
    public static final String READY_PATH = "/ready";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceEndpoint.class);
    private static final Set<String> RESERVED = Set.of(METRICS_PATH, HEALTH_PATH, READY_PATH);
    private static final String JSON = "application/json";
    // What PrometheusMeterRegistry.scrape() writes (the exposition library is only on the runtime path).
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String UP = "UP";
    private static final String DOWN = "DOWN";

    private final String host;
    private final int requestedPort;
    private final ServiceMetrics metrics;
    private final List<Route> routes;
    private final List<Consumer<RoutesConfig>> apis;
    private final Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private Javalin app;

    private record Route(HandlerType method, String path, Handler handler) {
    }

    private ServiceEndpoint(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.metrics = builder.metrics;
        this.routes = List.copyOf(builder.routes);
        this.apis = List.copyOf(builder.apis);
        this.checks.putAll(builder.checks);
    }

    /** An endpoint serving the meters of {@code metrics}; listens on all interfaces, port 8080. */
    public static Builder builder(ServiceMetrics metrics) {
        return new Builder(metrics);
    }

    /**
     * Starts listening.
     *
     * @throws IllegalStateException naming host and port if the port cannot be bound
     */
    public synchronized ServiceEndpoint start() {
        if (app != null) {
            return this;
        }
        Javalin created = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = requestedPort;
            config.routes.get(METRICS_PATH, this::serveMetrics);
            config.routes.get(HEALTH_PATH, this::serveHealth);
            config.routes.get(READY_PATH, this::serveReadiness);
            routes.forEach(r -> config.routes.addHttpHandler(r.method(), r.path(), r.handler()));
            apis.forEach(api -> api.accept(config.routes));
        });
        try {
            created.start();
        } catch (RuntimeException e) {
            created.stop();
            throw new IllegalStateException("Cannot start the HTTP endpoint on " + host + ":" + requestedPort
                    + " (is the port in use?): " + e.getMessage(), e);
        }
        app = created;
        LOG.info("HTTP endpoint at {} ({}, {}, {})", url(), METRICS_PATH, HEALTH_PATH, READY_PATH);
        return this;
    }

    /**
     * Adds or replaces a readiness check; allowed before and after {@link #start()}, since a
     * service often creates what it checks (its Kafka Streams) after the endpoint is up.
     */
    public ServiceEndpoint readiness(String name, ReadinessCheck check) {
        synchronized (checks) {
            checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        }
        return this;
    }

    /** The port listened on: the free one picked if 0 was asked for. */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("The HTTP endpoint is not started");
        }
        return app.port();
    }

    /** Base URL, e.g. {@code http://localhost:8080}; {@code localhost} when bound to all interfaces. */
    public URI url() {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return URI.create("http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port());
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    private void serveMetrics(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape());
    }

    private void serveHealth(Context ctx) throws JsonProcessingException {
        // Liveness says only that the process answers: restarting it for a broker outage would not help.
        ctx.contentType(JSON).result(json.writeValueAsString(Map.of("status", UP)));
    }

    private void serveReadiness(Context ctx) throws JsonProcessingException {
        Map<String, ReadinessCheck> current;
        synchronized (checks) {
            current = new LinkedHashMap<>(checks);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        boolean allUp = true;
        for (Map.Entry<String, ReadinessCheck> check : current.entrySet()) {
            CheckResult result = run(check.getKey(), check.getValue());
            allUp &= result.up();
            results.put(check.getKey(), Map.of("status", result.up() ? UP : DOWN, "detail", result.detail()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? UP : DOWN);
        body.put("checks", results);
        ctx.status(allUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(JSON).result(json.writeValueAsString(body));
    }

    private static CheckResult run(String name, ReadinessCheck check) {
        try {
            return Objects.requireNonNull(check.check(), "check result");
        } catch (RuntimeException e) {
            LOG.warn("Readiness check {} failed: {}", name, e.toString());
            return CheckResult.down("check failed: " + e);
        }
    }

    /** Host, port, extra routes and initial checks; routes must be known before start. */
    public static final class Builder {
        private final ServiceMetrics metrics;
        private String host = "0.0.0.0";
        private int port = 8080;
        private final List<Route> routes = new ArrayList<>();
        private final List<Consumer<RoutesConfig>> apis = new ArrayList<>();
        private final Map<String, ReadinessCheck> checks = new LinkedHashMap<>();

        private Builder(ServiceMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
        }

        /** Interface to listen on; {@code 0.0.0.0} (the default) for all. */
        public Builder host(String listenHost) {
            this.host = Objects.requireNonNull(listenHost, "host");
            return this;
        }

        /** Port to listen on; 0 picks a free one (see {@link ServiceEndpoint#port()}). */
        public Builder port(int listenPort) {
            if (listenPort < 0 || listenPort > 65535) {
                throw new IllegalArgumentException("HTTP port must be in [0, 65535], not " + listenPort);
            }
            this.port = listenPort;
            return this;
        }

        /** A route of the service's own, e.g. an interactive query. */
        public Builder route(HandlerType method, String path, Handler handler) {
            if (RESERVED.contains(path)) {
                throw new IllegalArgumentException(path + " is served by ServiceEndpoint itself");
            }
            routes.add(new Route(Objects.requireNonNull(method, "method"), path, Objects.requireNonNull(handler)));
            return this;
        }

        public Builder get(String path, Handler handler) {
            return route(HandlerType.GET, path, handler);
        }

        /**
         * A whole API with its own filters and exception handlers (e.g. the schema registry's REST
         * API), added after /metrics, /health and /ready, which it must not redefine.
         */
        public Builder api(Consumer<RoutesConfig> api) {
            apis.add(Objects.requireNonNull(api, "api"));
            return this;
        }

        public Builder readiness(String name, ReadinessCheck check) {
            checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
            return this;
        }

        public ServiceEndpoint build() {
            return new ServiceEndpoint(this);
        }
    }
}
