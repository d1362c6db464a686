package io.takt.platform.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.takt.platform.testing.KafkaBackbone;

@Tag("integration")
@Timeout(120)
class TopicProvisionerIT {

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.brokerOnly();

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = backbone.admin();
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void shouldCreateEveryMissingTopicAsTheCatalogueSays() {
        // Given a cluster without the site's topics
        TopicCatalogue catalogue = TopicCatalogue.forSite("create", 3, 1);

        // When provisioned
        ProvisioningReport report = new TopicProvisioner(admin).provision(catalogue.all());

        // Then all 14 are created with the catalogue's partitions, policy and retention
        assertThat(report.created()).hasSize(14);
        assertThat(report.existing()).isEmpty();
        assertThat(report.hasDrift()).isFalse();
        // (a new topic reaches the broker's metadata shortly after the controller created it)
        List<TopicStatus> statuses = await().atMost(Duration.ofSeconds(30)).until(
                () -> new TopicProvisioner(admin).list(catalogue.all()), all -> all.stream().allMatch(TopicStatus::exists));
        assertThat(statuses).allSatisfy(s -> assertThat(s.drifts()).as(s.spec().name()).isEmpty());
        ExistingTopic machineState = statuses.get(0).existing().orElseThrow();
        assertThat(machineState.partitions()).isEqualTo(3);
        assertThat(machineState.cleanupPolicy()).isEqualTo("delete");
        assertThat(machineState.retention()).isEqualTo(catalogue.machineState().retention());
        ExistingTopic oeeLive = statuses.stream().filter(s -> s.spec().equals(catalogue.oeeLive())).findFirst()
                .orElseThrow().existing().orElseThrow();
        assertThat(oeeLive.cleanupPolicy()).isEqualTo("compact");
        assertThat(oeeLive.configs()).containsEntry("segment.ms", "3600000");
    }

    @Test
    void shouldLeaveExistingTopicsAloneAndReportHowTheyDiffer() throws Exception {
        // Given the OEE topic already created by hand with 1 partition and the wrong policy
        TopicCatalogue catalogue = TopicCatalogue.forSite("drift", 3, 1);
        admin.createTopics(List.of(new NewTopic(catalogue.oee().name(), 1, (short) 1)
                .configs(Map.of("cleanup.policy", "delete")))).all().get();

        // When provisioned
        ProvisioningReport report = new TopicProvisioner(admin).provision(catalogue.all());

        // Then the others are created, the OEE topic is kept as it is, and both differences are reported
        assertThat(report.created()).hasSize(13).doesNotContain(catalogue.oee().name());
        assertThat(report.existing()).containsExactly(catalogue.oee().name());
        assertThat(report.drifts()).containsExactlyInAnyOrder(
                new TopicDrift(catalogue.oee().name(), "partitions", "3", "1"),
                new TopicDrift(catalogue.oee().name(), "cleanup.policy", "compact", "delete"));
        assertThat(report.drifts().get(0).toString()).isEqualTo("takt.drift.oee.v1: partitions is 1, the catalogue says 3");
        assertThat(admin.describeTopics(List.of(catalogue.oee().name())).allTopicNames().get()
                .get(catalogue.oee().name()).partitions()).hasSize(1);
    }

    @Test
    void shouldCreateNothingTheSecondTime() {
        // Given the site's topics provisioned once
        TopicCatalogue catalogue = TopicCatalogue.forSite("again", 2, 1);
        new TopicProvisioner(admin).provision(catalogue.all());

        // When provisioned again
        ProvisioningReport second = new TopicProvisioner(admin).provision(catalogue.all());

        // Then nothing is created and nothing differs
        assertThat(second.created()).isEmpty();
        assertThat(second.existing()).hasSize(14);
        assertThat(second.drifts()).isEmpty();
    }

    @Test
    void shouldRefuseMoreReplicasThanBrokersAndCreateNothing() throws Exception {
        // Given a replication factor of 3 on a one-broker cluster
        TopicCatalogue catalogue = TopicCatalogue.forSite("replicas", 3, 3);

        // When provisioned, Then it fails saying what to change
        assertThatThrownBy(() -> new TopicProvisioner(admin).provision(catalogue.all()))
                .isInstanceOf(TopicProvisioningException.class)
                .hasMessageStartingWith("Cannot create 14 topic(s) with replication factor 3: the cluster has only"
                        + " 1 broker(s). Set topics.replication.factor (TAKT_TOPICS_REPLICATION_FACTOR) to at most 1.");
        // And not one topic of the site was created
        assertThat(admin.listTopics().names().get()).noneMatch(n -> n.startsWith("takt.replicas."));
    }

    @Test
    void shouldListMissingTopicsAsMissing() {
        // Given a site of which nothing exists
        TopicCatalogue catalogue = TopicCatalogue.forSite("listing", 3, 1);

        // When listed
        List<TopicStatus> statuses = new TopicProvisioner(admin).list(catalogue.all());

        // Then each is shown as missing, without drift
        assertThat(statuses).hasSize(14).allSatisfy(s -> {
            assertThat(s.exists()).isFalse();
            assertThat(s.drifts()).isEmpty();
        });
    }
}
