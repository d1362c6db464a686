package io.takt.deploy;

import static io.takt.deploy.DeploymentFiles.K8S;
import static io.takt.deploy.DeploymentFiles.at;
import static io.takt.deploy.DeploymentFiles.list;
import static io.takt.deploy.DeploymentFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.TaktConfig;

/**
 * deploy/k8s (plain manifests + kustomize): every workload runs a real takt command line whose
 * ConfigMap files and environment pass the command's own validation; ports, probes, state volumes
 * and standby replicas agree with that config.
 */
class DeploymentKubernetesTest {

    private static final Map<String, Object> KUSTOMIZATION = DeploymentFiles.document(K8S.resolve("kustomization.yaml"));

    @Test
    void shouldListOnlyResourcesAndConfigFilesThatExist() {
        for (Object resource : list(KUSTOMIZATION.get("resources"), "resources")) {
            assertThat(K8S.resolve(resource.toString())).as("kustomize resource").isRegularFile();
        }
        configMapFiles().values().forEach(files -> files.forEach(f -> assertThat(f).isRegularFile()));
    }

    @Test
    void shouldRunGatewayAndDashboardAsDeploymentsAndStreamAppsAsStatefulSetsWithVolumeClaims() {
        Map<String, Map<String, Object>> workloads = workloads();
        assertThat(workloads.get("takt-gateway").get("kind")).isEqualTo("Deployment");
        assertThat(workloads.get("takt-dashboard").get("kind")).isEqualTo("Deployment");
        for (String app : List.of("takt-oee", "takt-genealogy")) {
            assertThat(workloads.get(app).get("kind")).as(app).isEqualTo("StatefulSet");
            assertThat(list(at(workloads.get(app), "spec", "volumeClaimTemplates"), app)).as(app).isNotEmpty();
        }
    }

    @Test
    void shouldPinTheImageOfEveryContainer() {
        workloads().forEach((name, workload) -> containers(workload).forEach(c -> {
            String image = String.valueOf(c.get("image"));
            assertThat(DeploymentFiles.tagOf(image)).as("image of %s", name).isNotEmpty().isNotEqualTo("latest");
        }));
    }

    @Test
    void shouldConfigureEveryWorkloadWithKeysItsCommandDeclares() {
        workloads().forEach((name, workload) -> {
            ServiceCommands command = command(name, workload);
            try {
                TaktConfig config = validate(name, workload, command);
                assertThat(config.warnings()).as("config warnings of %s", name).isEmpty();
            } catch (ConfigException e) {
                fail("Config of %s (%s) is invalid: %s", name, command, e.getMessage());
            }
        });
    }

    @Test
    void shouldShipATagMapTheGatewayAccepts() {
        // Given the tag map the gateway's ConfigMap carries, when the gateway checks it, then it is valid
        Path tagMap = K8S.resolve("config/tagmap.yaml");
        assertThat(EdgeGateway.checkTagMap(tagMap).equipment()).isNotEmpty();
    }

    @Test
    void shouldProbeReadyAndHealthOnTheConfiguredPort() {
        workloads().forEach((name, workload) -> {
            ServiceCommands command = command(name, workload);
            Map<String, Object> container = containers(workload).get(0);
            // Given the port the service serves HTTP on, from its args or its ConfigMap: every workload has one
            int port = command.httpPort(validate(name, workload, command))
                    .orElseThrow(() -> new AssertionError(name + " (" + command + ") serves no HTTP"));
            // Then its container port "http" is that port, and the probes ask it for /ready and /health
            assertThat(httpContainerPort(name, container)).as("containerPort of %s", name).isEqualTo(port);
            assertThat(at(container, "readinessProbe", "httpGet", "path")).as("readiness of %s", name)
                    .isEqualTo("/ready");
            assertThat(at(container, "readinessProbe", "httpGet", "port")).as("readiness port of %s", name)
                    .isEqualTo("http");
            assertThat(at(container, "livenessProbe", "httpGet", "path")).as("liveness of %s", name)
                    .isEqualTo("/health");
            assertThat(at(container, "livenessProbe", "httpGet", "port")).as("liveness port of %s", name)
                    .isEqualTo("http");
        });
    }

    @Test
    void shouldScrapeEveryWorkloadThroughExactlyOneService() {
        // Given the ServiceMonitor's selector and every Service of the kustomization
        Map<String, Object> monitor = resources("ServiceMonitor").get(0);
        List<Object> expressions = list(at(monitor, "spec", "selector", "matchExpressions"), "matchExpressions");
        Object scrapedPort = at(list(at(monitor, "spec", "endpoints"), "endpoints").get(0), "port");
        List<Map<String, Object>> scraped = resources("Service").stream()
                .filter(service -> expressions.stream().allMatch(e -> matches(e, labels(service))))
                .toList();
        workloads().forEach((name, workload) -> {
            Map<String, Object> podLabels = map(at(workload, "spec", "template", "metadata", "labels"), name);
            // Then each pod is scraped once, on its port "http", so no series is counted twice
            List<Map<String, Object>> scrapers = scraped.stream()
                    .filter(service -> podLabels.entrySet().containsAll(
                            map(at(service, "spec", "selector"), "selector").entrySet()))
                    .toList();
            assertThat(scrapers).as("Services scraping %s", name).hasSize(1);
            assertThat(list(at(scrapers.get(0), "spec", "ports"), name)).as("ports of %s's Service", name)
                    .anySatisfy(p -> {
                        assertThat(at(p, "name")).isEqualTo(scrapedPort);
                        assertThat(at(p, "targetPort")).isEqualTo("http");
                    });
        });
    }

    @Test
    void shouldGovernEveryStatefulSetByAServiceThatExists() {
        List<Object> services = resources("Service").stream().map(service -> at(service, "metadata", "name")).toList();
        resources("StatefulSet").forEach(set -> assertThat(services)
                .as("serviceName of %s", at(set, "metadata", "name")).contains(at(set, "spec", "serviceName")));
    }

    private static boolean matches(Object expression, Map<String, Object> labels) {
        Object value = labels.get(String.valueOf(at(expression, "key")));
        List<Object> values = list(at(expression, "values"), "values");
        return switch (String.valueOf(at(expression, "operator"))) {
            case "In" -> values.contains(value);
            case "NotIn" -> !values.contains(value);
            default -> throw new AssertionError("Operator of " + expression + " not checked here");
        };
    }

    private static Map<String, Object> labels(Map<String, Object> resource) {
        return map(at(resource, "metadata", "labels"), "labels of " + at(resource, "metadata", "name"));
    }

    private static int httpContainerPort(String name, Map<String, Object> container) {
        return list(container.get("ports"), name).stream().filter(p -> "http".equals(at(p, "name")))
                .map(p -> (Integer) at(p, "containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no container port named http"));
    }

    @Test
    void shouldKeepStreamStateOnTheClaimAndRunMoreInstancesThanStandbys() {
        for (String app : List.of("takt-oee", "takt-genealogy")) {
            Map<String, Object> workload = workloads().get(app);
            ServiceCommands command = command(app, workload);
            TaktConfig config = validate(app, workload, command);
            String prefix = command.name().split(" ")[0];
            Object stateDir = config.find(config.definition().key(prefix + ".state.dir").orElseThrow()).orElseThrow();
            String claim = String.valueOf(at(list(at(workload, "spec", "volumeClaimTemplates"), app).get(0),
                    "metadata", "name"));
            // The claim is mounted where the app keeps its RocksDB stores
            assertThat(list(containers(workload).get(0).get("volumeMounts"), app))
                    .anySatisfy(m -> {
                        assertThat(at(m, "name")).isEqualTo(claim);
                        assertThat(at(m, "mountPath")).isEqualTo(stateDir.toString());
                    });
            // And a warm standby exists somewhere: at least one, fewer than the instances
            int standbys = Integer.parseInt(config.passThrough("kafka.streams.").getOrDefault("num.standby.replicas", "0"));
            int replicas = (Integer) at(workload, "spec", "replicas");
            assertThat(standbys).as("num.standby.replicas of %s", app).isBetween(1, replicas - 1);
        }
    }

    private static TaktConfig validate(String name, Map<String, Object> workload, ServiceCommands command) {
        Path file = command.configFile().map(inContainer -> configFileOnDisk(name, workload, inContainer)).orElse(null);
        return command.validate(file, taktEnvironment(workload));
    }

    private static ServiceCommands command(String name, Map<String, Object> workload) {
        List<String> args = list(containers(workload).get(0).get("args"), name + " args").stream()
                .map(String::valueOf).toList();
        return ServiceCommands.parse(args);
    }

    /** The ConfigMap file behind /etc/takt/x: the volume mounted there, its ConfigMap, the generator's file. */
    private static Path configFileOnDisk(String name, Map<String, Object> workload, String inContainer) {
        Path mounted = Path.of(inContainer);
        Map<String, Object> container = containers(workload).get(0);
        String volume = list(container.get("volumeMounts"), name).stream()
                .filter(m -> mounted.getParent().toString().equals(at(m, "mountPath")))
                .map(m -> String.valueOf(at(m, "name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " mounts nothing at " + mounted.getParent()));
        String configMap = list(at(workload, "spec", "template", "spec", "volumes"), name).stream()
                .filter(v -> volume.equals(at(v, "name"))).map(v -> String.valueOf(at(v, "configMap", "name")))
                .findFirst().orElseThrow();
        return configMapFiles().getOrDefault(configMap, List.of()).stream()
                .filter(f -> f.getFileName().equals(mounted.getFileName())).findFirst()
                .orElseThrow(() -> new AssertionError(configMap + " has no " + mounted.getFileName()));
    }

    private static Map<String, String> taktEnvironment(Map<String, Object> workload) {
        Map<String, String> env = new LinkedHashMap<>();
        Object declared = containers(workload).get(0).get("env");
        if (declared != null) {
            for (Object variable : list(declared, "env")) {
                String name = String.valueOf(at(variable, "name"));
                if (name.startsWith("TAKT_")) {
                    Object value = at(variable, "value");
                    env.put(name, value == null ? "secret-" + name : value.toString().replace("$(POD_NAME)", "pod-0"));
                }
            }
        }
        return env;
    }

    private static Map<String, List<Path>> configMapFiles() {
        Map<String, List<Path>> files = new LinkedHashMap<>();
        for (Object generator : list(KUSTOMIZATION.get("configMapGenerator"), "configMapGenerator")) {
            files.put(String.valueOf(at(generator, "name")), list(at(generator, "files"), "files").stream()
                    .map(f -> K8S.resolve(f.toString())).toList());
        }
        return files;
    }

    /** Every document of the kustomization's resources of one kind. */
    static List<Map<String, Object>> resources(String kind) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object resource : list(KUSTOMIZATION.get("resources"), "resources")) {
            for (Map<String, Object> doc : DeploymentFiles.documents(K8S.resolve(resource.toString()))) {
                if (kind.equals(doc.get("kind"))) {
                    found.add(doc);
                }
            }
        }
        return found;
    }

    static Map<String, Map<String, Object>> workloads() {
        Map<String, Map<String, Object>> workloads = new LinkedHashMap<>();
        for (Object resource : list(KUSTOMIZATION.get("resources"), "resources")) {
            for (Map<String, Object> doc : DeploymentFiles.documents(K8S.resolve(resource.toString()))) {
                if (List.of("Deployment", "StatefulSet").contains(doc.get("kind"))) {
                    workloads.put(String.valueOf(at(doc, "metadata", "name")), doc);
                }
            }
        }
        return workloads;
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        List<Map<String, Object>> containers = new ArrayList<>();
        list(at(workload, "spec", "template", "spec", "containers"), "containers")
                .forEach(c -> containers.add(map(c, "container")));
        return containers;
    }
}
