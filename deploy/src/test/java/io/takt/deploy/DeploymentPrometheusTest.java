package io.takt.deploy;

import static io.takt.deploy.DeploymentFiles.PROMETHEUS;
import static io.takt.deploy.DeploymentFiles.at;
import static io.takt.deploy.DeploymentFiles.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.takt.platform.deadletter.DeadLetterMetrics;

/**
 * deploy/prometheus: the scrape config names the services compose runs, on the ports they serve
 * /metrics on (ServiceEndpoint serves /metrics next to /ready, which their healthchecks ask); every
 * alert rule is complete and its expression uses only metrics the services export.
 */
class DeploymentPrometheusTest {

    /**
     * What the Takt services export, as Prometheus names. Mirrors the code, because starting every
     * service here is not cheap; checked against a running demo's /metrics when written:
     * takt.edge.* in acquisition's DeliveryMetrics and SourceStatistics, takt.oee.* in
     * MachineEventsProcessor, takt.genealogy.* in GenealogyCounters, takt.erp.* in ConfirmationCounters,
     * takt.registry.* in the registry's RegistryMeters (SchemaRegistryProbesIT scrapes them), Kafka
     * Streams' and clients' metrics through Micrometer's KafkaStreamsMetrics (ServiceMetrics.bindKafka),
     * and Prometheus' own up.
     */
    private static final Set<String> EXPORTED = Set.of(
            "up",
            prometheusCounter(DeadLetterMetrics.METER),
            "takt_edge_buffer_bytes", "takt_edge_buffer_events", "takt_edge_buffer_oldest_age_seconds",
            "takt_edge_events_dropped_total", "takt_edge_events_in_total", "takt_edge_events_out_total",
            "takt_edge_kafka_reachable", "takt_edge_send_retries_total", "takt_edge_source_connected",
            "takt_edge_source_reconnects_total", "takt_edge_source_samples_total", "takt_edge_source_tag_age_max_seconds",
            "takt_oee_events_total", "takt_oee_windows_final_total", "takt_oee_performance_implausible_total",
            "takt_genealogy_movements_total", "takt_genealogy_edges_total",
            "takt_erp_confirmation_counts_total",
            "takt_registry_requests_seconds_count", "takt_registry_schemas", "takt_registry_subjects",
            "kafka_consumer_fetch_manager_records_lag_max", "kafka_consumer_fetch_manager_records_consumed_total",
            "kafka_stream_alive_stream_threads", "kafka_stream_failed_stream_threads_total",
            "kafka_stream_client_state", "kafka_stream_thread_process_total");

    /** PromQL words that are not metric names. */
    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "by", "without", "and",
            "or", "unless", "rate", "irate", "increase", "deriv", "delta", "abs", "on", "ignoring", "group_left",
            "group_right", "absent", "bool", "offset", "topk", "bottomk", "histogram_quantile", "time", "clamp_min");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static final Pattern READY_PROBE = Pattern.compile("http://localhost:(\\d+)/ready");

    @Test
    void shouldScrapeEveryServiceWithMetricsOnItsPort() {
        Map<String, Object> config = DeploymentFiles.document(PROMETHEUS.resolve("prometheus.yml"));
        Set<String> targets = new TreeSet<>();
        for (Object job : list(config.get("scrape_configs"), "scrape_configs")) {
            assertThat(at(job, "metrics_path")).isEqualTo("/metrics");
            for (Object group : list(at(job, "static_configs"), "static_configs")) {
                list(at(group, "targets"), "targets").forEach(t -> targets.add(t.toString()));
            }
        }
        assertThat(targets).isEqualTo(composeReadinessTargets());
        assertThat(list(config.get("rule_files"), "rule_files")).contains("/etc/prometheus/alerts.yml");
    }

    @Test
    void shouldGiveEveryRuleExprForLabelsAndAnnotations() {
        List<Map<String, Object>> rules = rules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(4);
        for (Map<String, Object> rule : rules) {
            String name = String.valueOf(rule.get("alert"));
            assertThat(rule).as(name).containsKeys("alert", "expr", "for", "labels", "annotations");
            assertThat(at(rule, "labels", "severity")).as("severity of %s", name).isIn("warning", "critical");
            assertThat(at(rule, "annotations", "summary")).as("summary of %s", name).isNotNull();
            assertThat(String.valueOf(rule.get("for"))).as("for of %s", name).matches("\\d+[smh]");
        }
        // The concerns the alerts must cover: down, lag, dead letters, the edge buffer, ERP orders the
        // mapping lacks, registry server errors
        assertThat(rules).extracting(r -> String.valueOf(r.get("expr")))
                .anyMatch(e -> e.contains("up{")).anyMatch(e -> e.contains("records_lag_max"))
                .anyMatch(e -> e.contains("takt_dead_letters_total")).anyMatch(e -> e.contains("takt_edge_buffer_oldest_age"))
                .anyMatch(e -> e.contains("app=\"takt-erp\",reason=\"unmapped-code\""))
                .anyMatch(e -> e.contains("takt_registry_requests_seconds_count{status=~\"5..\"}"));
    }

    @Test
    void shouldUseOnlyMetricsTheServicesExport() {
        for (Map<String, Object> rule : rules()) {
            Set<String> used = metricNames(String.valueOf(rule.get("expr")));
            assertThat(used).as("metrics of %s", rule.get("alert")).isNotEmpty();
            assertThat(EXPORTED).as("metrics of %s", rule.get("alert")).containsAll(used);
        }
    }

    @Test
    void shouldReadMetricNamesOutOfPromQl() {
        // Labels, label values, functions, durations and numbers are not metric names
        assertThat(metricNames("sum by (service) (increase(takt_dead_letters_total{app=\"oee\"}[10m])) > 0 "
                + "and up{job=~\"takt-.*\"} == 0")).containsExactlyInAnyOrder("takt_dead_letters_total", "up");
    }

    /** host:port of every compose service whose healthcheck asks /ready: where its /metrics is too. */
    private static Set<String> composeReadinessTargets() {
        Set<String> targets = new TreeSet<>();
        Map<String, Object> services = DeploymentFiles.map(
                at(DeploymentFiles.document(DeploymentFiles.COMPOSE.resolve("compose.yaml")), "services"), "services");
        services.forEach((name, service) -> {
            Object test = at(service, "healthcheck", "test");
            Matcher probe = READY_PROBE.matcher(test == null ? "" : String.valueOf(test));
            if (probe.find()) {
                targets.add(name + ":" + probe.group(1));
            }
        });
        assertThat(targets).as("compose services probed on /ready").hasSizeGreaterThanOrEqualTo(6);
        return targets;
    }

    static Set<String> metricNames(String expr) {
        // Drop label matchers, range selectors, grouping label lists and string literals first
        String bare = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ").replaceAll("\"[^\"]*\"", " ");
        Set<String> names = new HashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            boolean function = bare.substring(m.end()).stripLeading().startsWith("(");
            if (!PROMQL.contains(word) && !function) {
                names.add(word);
            }
        }
        return names;
    }

    private static List<Map<String, Object>> rules() {
        Map<String, Object> alerts = DeploymentFiles.document(PROMETHEUS.resolve("alerts.yml"));
        return list(alerts.get("groups"), "groups").stream()
                .flatMap(g -> list(at(g, "rules"), "rules").stream())
                .map(r -> DeploymentFiles.map(r, "rule")).toList();
    }

    private static String prometheusCounter(String micrometerName) {
        return micrometerName.replace('.', '_') + "_total";
    }
}
