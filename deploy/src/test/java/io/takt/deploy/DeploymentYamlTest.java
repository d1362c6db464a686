package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Every YAML and JSON file shipped under deploy/ parses, all documents of multi-document files included. */
class DeploymentYamlTest {

    @Test
    void shouldParseEveryYamlFileUnderDeploy() {
        List<Path> files = DeploymentFiles.yamlFiles();
        // Guard against a vacuous pass: compose, k8s, prometheus and grafana provisioning are all there
        assertThat(files).extracting(p -> DeploymentFiles.DEPLOY.relativize(p).toString())
                .contains("compose/compose.yaml", "k8s/kustomization.yaml", "k8s/strimzi/kafka-topics.yaml",
                        "prometheus/prometheus.yml", "prometheus/alerts.yml");
        for (Path file : files) {
            try {
                assertThat(DeploymentFiles.documents(file)).as("documents in %s", file).isNotEmpty();
            } catch (RuntimeException e) {
                fail("%s does not parse as YAML: %s", file, e.getMessage());
            }
        }
    }

    @Test
    void shouldParseEveryJsonFileUnderDeploy() throws IOException {
        try (Stream<Path> walk = Files.walk(DeploymentFiles.DEPLOY)) {
            List<Path> json = walk.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.startsWith(DeploymentFiles.DEPLOY.resolve("target"))).toList();
            assertThat(json).isNotEmpty();
            for (Path file : json) {
                try {
                    new ObjectMapper().readTree(file.toFile());
                } catch (IOException e) {
                    fail("%s does not parse as JSON: %s", file, e.getMessage());
                }
            }
        }
    }
}
