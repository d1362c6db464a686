package io.takt.dashboard;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.takt.dashboard.view.PlantView;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.http.CheckResult;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.registry.client.RestSchemaRegistryClient;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;

/**
 * The dashboard service: reads the KPI topics (live OEE, OEE windows, machine states, stops, work
 * orders, confirmations) into a {@link PlantView} and serves it to browsers, as a page with live
 * updates over Server-Sent Events, plus {@code /metrics}, {@code /health} and {@code /ready}. The
 * CLI, the demo and the integration tests create it the same way.
 */
public final class DashboardService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardService.class);

    private final DashboardSettings settings;
    private final ServiceMetrics metrics;
    private final TopicCatalogue topics;
    private KpiTopicReader reader;
    private ChangeStream changes;
    private ServiceEndpoint endpoint;

    private DashboardService(DashboardSettings settings, ServiceMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.topics = TopicCatalogue.from(settings.platform());
    }

    /**
     * @param config  validated against {@link DashboardSettings#DEFINITION}
     * @param metrics where the service's meters go; the caller owns and closes it
     */
    public static DashboardService create(TaktConfig config, ServiceMetrics metrics) {
        return new DashboardService(DashboardSettings.from(config), metrics);
    }

    /**
     * Provisions the site's topics (so the dashboard may start before the apps that write them),
     * starts reading them from the beginning, then serves the page.
     */
    public synchronized DashboardService start() {
        try {
            return startParts();
        } catch (RuntimeException e) {
            // The caller never gets the service to close, so what did start must stop here.
            close();
            throw e;
        }
    }

    private DashboardService startParts() {
        PlatformConfig platform = settings.platform();
        try (Admin admin = Admin.create(platform.adminConfigs())) {
            LOG.info("Topics of site {}: {}", platform.site(), new TopicProvisioner(admin).provision(topics.all()));
        }
        DashboardMetrics meters = new DashboardMetrics(metrics.registry());
        PlantView view = new PlantView(platform.site(), Clock.systemUTC());
        reader = new KpiTopicReader(platform.consumerConfigs(), topics,
                new RestSchemaRegistryClient(platform.schemaRegistryUrl()), view, meters);
        metrics.bindKafka(reader.consumer());
        TraceProxy trace = new TraceProxy(settings.genealogyUrl());
        changes = new ChangeStream(view, Map.of("traceConfigured", trace.configured()), meters);
        StaticAssets assets = new StaticAssets();
        ObjectMapper json = new ObjectMapper();
        endpoint = ServiceEndpoint.builder(metrics).host(settings.httpHost()).port(settings.httpPort())
                .get("/", assets::page)
                .get("/assets/{file}", assets::asset)
                .get("/api/snapshot", ctx -> ctx.contentType("application/json")
                        .result(json.writeValueAsString(changes.snapshot())))
                .get("/api/events", changes.handler())
                .get("/api/trace/{lot}", trace::trace)
                .readiness("kpi-topics", () -> reader.caughtUp()
                        ? CheckResult.up("view holds the KPI topics as they were at start")
                        : CheckResult.down("still reading the KPI topics from the beginning"))
                .build().start();
        reader.start();
        changes.start();
        LOG.info("Dashboard of site {} at {}", platform.site(), endpoint.url());
        return this;
    }

    /** Base URL of the dashboard page and its API. */
    public URI url() {
        return endpoint.url();
    }

    /** Waits until the view holds at least what the KPI topics held at start, or the timeout passes. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return reader.awaitCaughtUp(timeout);
    }

    @Override
    public synchronized void close() {
        if (changes != null) {
            changes.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (reader != null) {
            reader.close();
        }
    }
}
