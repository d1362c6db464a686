package io.takt.deploy;

import static io.takt.deploy.DeploymentFiles.K8S;
import static io.takt.deploy.DeploymentFiles.at;
import static io.takt.deploy.DeploymentFiles.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicSpec;

/**
 * The Strimzi KafkaTopics committed in deploy/k8s/strimzi/kafka-topics.yaml are the topic catalogue
 * ({@link TopicCatalogue}) for the site, partitions and replication factor the k8s config uses: the
 * same names, partitions, replicas, cleanup policy, retention and extra configs. On a difference the
 * test writes the expected file to target/ so it can be copied over.
 */
class DeploymentCatalogueTest {

    private static final Path COMMITTED = K8S.resolve("strimzi/kafka-topics.yaml");
    private static final Path REGENERATED = DeploymentFiles.DEPLOY.resolve("target/kafka-topics.yaml");
    private static final String CLUSTER = "takt";

    @Test
    void shouldCommitTheCatalogueAsStrimziTopics() throws IOException {
        // Given the catalogue for the k8s config's site, partitions and replication factor
        TopicCatalogue catalogue = TopicCatalogue.from(k8sPlatform());
        Map<String, TopicView> expected = new TreeMap<>();
        catalogue.all().forEach(t -> expected.put(t.name(), TopicView.of(t)));

        // When the committed KafkaTopics are read
        Map<String, TopicView> committed = new TreeMap<>();
        for (Map<String, Object> doc : DeploymentFiles.documents(COMMITTED)) {
            assertThat(doc.get("apiVersion")).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(doc.get("kind")).isEqualTo("KafkaTopic");
            assertThat(at(doc, "metadata", "labels", "strimzi.io/cluster")).isEqualTo(CLUSTER);
            TopicView view = TopicView.of(doc);
            committed.put(view.name(), view);
        }

        // Then they are the same topics with the same settings
        if (!committed.equals(expected)) {
            Files.createDirectories(REGENERATED.getParent());
            Files.writeString(REGENERATED, strimziYaml(catalogue));
        }
        assertThat(committed).as("%s differs from the catalogue; the expected file is %s (cp it over)",
                COMMITTED, REGENERATED).isEqualTo(expected);
    }

    @Test
    void shouldGrantAclsOnlyOnTopicsThatExist() {
        // Given every topic the manifests declare
        Set<String> topics = new HashSet<>();
        for (String file : List.of("strimzi/kafka-topics.yaml", "strimzi/kafka-topics-platform.yaml")) {
            DeploymentFiles.documents(K8S.resolve(file)).forEach(d -> topics.add(String.valueOf(at(d, "spec", "topicName"))));
        }
        Set<String> users = new HashSet<>();
        for (Map<String, Object> user : DeploymentFiles.documents(K8S.resolve("strimzi/kafka-users.yaml"))) {
            String name = String.valueOf(at(user, "metadata", "name"));
            users.add(name);
            // Then each literal topic ACL names one of them (a typo would grant nothing and fail at run time)
            for (Object acl : list(at(user, "spec", "authorization", "acls"), name)) {
                if ("topic".equals(at(acl, "resource", "type")) && "literal".equals(at(acl, "resource", "patternType"))) {
                    assertThat(topics).as("topic of an ACL of %s", name).contains(String.valueOf(at(acl, "resource", "name")));
                }
            }
        }
        // And every workload's Kafka identity (the Secret mounted at /etc/kafka-user) is a KafkaUser
        DeploymentKubernetesTest.workloads().forEach((name, workload) -> list(at(workload, "spec", "template", "spec",
                "volumes"), name).stream().filter(v -> "kafka-user".equals(at(v, "name")))
                .forEach(v -> assertThat(users).as("KafkaUser of %s", name).contains(String.valueOf(at(v, "secret", "secretName")))));
    }

    private static PlatformConfig k8sPlatform() {
        // The stream apps' config holds the site, partitions and replication factor for the cluster.
        return PlatformConfig.from(PlatformConfig.DEFINITION.validate(ConfigSources.builder()
                .overrides(sitePartitionsReplicas()).build()));
    }

    private static Map<String, String> sitePartitionsReplicas() {
        Map<String, String> keys = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(K8S.resolve("config/oee.properties"))) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && List.of("site", "topics.partitions", "topics.replication.factor").contains(kv[0].trim())) {
                    keys.put(kv[0].trim(), kv[1].trim());
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return keys;
    }

    /** The YAML the committed file should hold, in the catalogue's order. */
    static String strimziYaml(TopicCatalogue catalogue) {
        StringBuilder yaml = new StringBuilder()
                .append("# GENERATED from io.takt.platform.topic.TopicCatalogue for site ").append(catalogue.site())
                .append(" (partitions and replication factor from deploy/k8s/config/oee.properties).\n")
                .append("# Do not edit: DeploymentCatalogueTest fails when this differs from the catalogue and\n")
                .append("# writes the expected file to deploy/target/kafka-topics.yaml.\n");
        boolean first = true;
        for (TopicSpec topic : catalogue.all()) {
            yaml.append(first ? "" : "---\n").append("# ").append(topic.doc()).append('\n')
                    .append("apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n")
                    .append("  name: ").append(topic.name()).append('\n')
                    .append("  labels:\n    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("spec:\n  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: ").append(topic.replicationFactor()).append('\n')
                    .append("  config:\n");
            new TreeMap<>(topic.configs()).forEach((k, v) -> yaml.append("    ").append(k).append(": \"").append(v).append("\"\n"));
            first = false;
        }
        return yaml.toString();
    }

    /** What the broker is asked for, from a TopicSpec or from a KafkaTopic document. */
    record TopicView(String name, int partitions, int replicas, Map<String, String> configs) {

        static TopicView of(TopicSpec spec) {
            return new TopicView(spec.name(), spec.partitions(), spec.replicationFactor(), new TreeMap<>(spec.configs()));
        }

        static TopicView of(Map<String, Object> doc) {
            Map<String, Object> config = DeploymentFiles.map(at(doc, "spec", "config"), "config");
            assertThat(at(doc, "metadata", "name")).isEqualTo(at(doc, "spec", "topicName"));
            return new TopicView(String.valueOf(at(doc, "spec", "topicName")), (Integer) at(doc, "spec", "partitions"),
                    (Integer) at(doc, "spec", "replicas"), config.entrySet().stream().collect(Collectors.toMap(
                            Map.Entry::getKey, e -> String.valueOf(e.getValue()), (a, b) -> a, TreeMap::new)));
        }
    }
}
