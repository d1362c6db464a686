package io.takt.platform.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.PlatformConfig;

class TopicCatalogueTest {

    private final TopicCatalogue catalogue = TopicCatalogue.forSite("plant-7", 6, 3);

    @Test
    void shouldNameEveryTopicBySiteAndVersion() {
        assertThat(catalogue.all()).extracting(TopicSpec::name).containsExactly(
                "takt.plant-7.machine-state.v1",
                "takt.plant-7.production-count.v1",
                "takt.plant-7.material-movement.v1",
                "takt.plant-7.quality-result.v1",
                "takt.plant-7.work-order.v1",
                "takt.plant-7.work-center-orders.v1",
                "takt.plant-7.shift-calendar.v1",
                "takt.plant-7.oee.v1",
                "takt.plant-7.oee-live.v1",
                "takt.plant-7.downtime.v1",
                "takt.plant-7.genealogy.v1",
                "takt.plant-7.material-lot.v1",
                "takt.plant-7.confirmation.v1",
                "takt.plant-7.dlq.v1");
        assertThat(catalogue.all()).allSatisfy(t -> {
            assertThat(t.partitions()).isEqualTo(6);
            assertThat(t.replicationFactor()).isEqualTo(3);
            assertThat(t.doc()).isNotBlank();
        });
    }

    @Test
    void shouldKeepEventStreamsForTheirRetentionAndCompactTables() {
        // 7 d = 604 800 000 ms; 30 d = 2 592 000 000 ms
        assertThat(catalogue.machineState().configs())
                .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "604800000"));
        assertThat(catalogue.productionCount().retention()).contains(Duration.ofDays(7));
        assertThat(catalogue.materialMovement().configs()).containsEntry("retention.ms", "2592000000");
        assertThat(catalogue.qualityResult().retention()).contains(Duration.ofDays(30));
        assertThat(catalogue.deadLetter().configs())
                .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "2592000000"));
        for (TopicSpec table : new TopicSpec[] {catalogue.workOrder(), catalogue.workCenterOrders(),
            catalogue.shiftCalendar(), catalogue.oee(),
                catalogue.oeeLive(), catalogue.downtime(), catalogue.genealogy(), catalogue.materialLot(),
                catalogue.confirmation()}) {
            assertThat(table.cleanupPolicy()).as(table.name()).isEqualTo(CleanupPolicy.COMPACT);
            assertThat(table.retention()).as(table.name()).isEmpty();
            assertThat(table.configs()).as(table.name()).doesNotContainKey("retention.ms");
        }
        // 1 h = 3 600 000 ms
        assertThat(catalogue.oeeLive().configs()).containsEntry("segment.ms", "3600000");
    }

    @Test
    void shouldSayWhatKeyAndValueEachTopicCarries() {
        assertThat(catalogue.machineState().key()).isEqualTo("equipment id");
        assertThat(catalogue.machineState().valueType()).isEqualTo("MachineStateChanged");
        assertThat(catalogue.oee().key()).isEqualTo("equipment id + window kind + window start");
        assertThat(catalogue.genealogy().valueType()).isEqualTo("GenealogyEdge");
        assertThat(catalogue.deadLetter().key()).isEqualTo("original key");
    }

    @Test
    void shouldBuildTheAdminRequestFromTheSpec() {
        NewTopic request = catalogue.downtime().newTopic();

        assertThat(request.name()).isEqualTo("takt.plant-7.downtime.v1");
        assertThat(request.numPartitions()).isEqualTo(6);
        assertThat(request.replicationFactor()).isEqualTo((short) 3);
        assertThat(request.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    }

    @Test
    void shouldFindTopicsByNameOnlyWithinTheSite() {
        assertThat(catalogue.byName("takt.plant-7.oee.v1")).contains(catalogue.oee());
        assertThat(catalogue.byName("takt.site1.oee.v1")).isEqualTo(Optional.empty());
    }

    @Test
    void shouldTakeSiteAndSizingFromPlatformConfig() {
        // Given the shared settings from overrides
        var config = PlatformConfig.DEFINITION.validate(ConfigSources.builder()
                .override("site", "north").override("topics.partitions", "12").build());

        // When the catalogue is built from them
        TopicCatalogue fromConfig = TopicCatalogue.from(PlatformConfig.from(config));

        // Then names and sizing follow
        assertThat(fromConfig.workOrder().name()).isEqualTo("takt.north.work-order.v1");
        assertThat(fromConfig.workOrder().partitions()).isEqualTo(12);
        assertThat(fromConfig.workOrder().replicationFactor()).isEqualTo(1);
    }

    @Test
    void shouldRefuseASiteThatWouldMakeABadTopicName() {
        assertThatThrownBy(() -> TopicCatalogue.forSite("Plant 7", 3, 1))
                .hasMessageContaining("Site 'Plant 7' must be lower-case letters, digits and inner hyphens");
        assertThatThrownBy(() -> TopicCatalogue.forSite("plant.7", 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicCatalogue.forSite("site1", 0, 1)).hasMessageContaining("at least 1 partition");
    }

    @Test
    void shouldReadCleanupPoliciesInAnyOrder() {
        assertThat(CleanupPolicy.fromConfig("delete, compact")).isEqualTo(CleanupPolicy.COMPACT_DELETE);
        assertThat(CleanupPolicy.fromConfig("compact")).isEqualTo(CleanupPolicy.COMPACT);
        assertThatThrownBy(() -> CleanupPolicy.fromConfig("shred")).isInstanceOf(IllegalArgumentException.class);
    }
}
