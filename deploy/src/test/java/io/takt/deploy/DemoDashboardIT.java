package io.takt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.dashboard.testing.HeadlessChromium;
import io.takt.platform.serde.AvroSerdeConfig;
import io.takt.platform.serde.TaktSerdes;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.OeeKpi;

/**
 * The demo as a new user meets it, in a real browser: the whole backbone at real-time speed (as
 * {@code ./takt demo} runs by default), the dashboard opened in headless Chromium, every simulated
 * machine showing a non-zero OEE within two minutes, and the A, P, Q and OEE the page shows equal to
 * the newest record of each machine on the live KPI topic. Saves the screenshot the README shows.
 */
class DemoDashboardIT {

    private static final String SITE = "site1";
    private static final Duration FIRST_OEE = Duration.ofMinutes(2);
    private static final List<String> KPIS = List.of("oee", "availability", "performance", "quality");

    @TempDir
    Path dataDir;

    @Test
    void shouldShowEveryMachinesLiveOeeAsTheKpiTopicHasIt() throws Exception {
        HeadlessChromium.assumeAvailable();
        try (LocalBackbone backbone = new LocalBackbone(LocalBackbone.Settings.onFreePorts(dataDir, SITE, 1));
             HeadlessChromium chromium = HeadlessChromium.start()) {
            // Given the demo's backbone, started as './takt demo' starts it
            LocalBackbone.Started started = backbone.start(line -> { });
            Set<String> machines = new TreeSet<>();
            backbone.simulator().plant().machines().forEach(m ->
                    machines.add(SimulatorTagMap.equipmentId(SITE, m)));

            // When a user opens the dashboard
            chromium.open(URI.create(started.dashboardUrl()));

            // Then within two minutes every simulated machine shows an OEE above zero
            chromium.await(FIRST_OEE, d -> machinesWithOee(chromium).keySet().containsAll(machines));
            assertThat(machinesWithOee(chromium)).allSatisfy((machine, oee) ->
                    assertThat(oee).as(machine).isPositive());

            // And what it shows of each machine is the newest record on the live KPI topic: compared
            // while both stand still, as the page follows the topic within a second
            try (LiveOee topic = new LiveOee(started.bootstrapServers(), started.registryUrl())) {
                Map<String, String> mismatches = new TreeMap<>();
                Set<String> confirmed = new TreeSet<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!confirmed.containsAll(machines) && System.nanoTime() < deadline) {
                    Map<String, OeeKpi> before = topic.newest();
                    Map<String, Map<String, Double>> shown = shown(chromium);
                    Map<String, OeeKpi> after = topic.newest();
                    for (String machine : machines) {
                        OeeKpi record = after.get(machine);
                        if (record == null || !record.equals(before.get(machine))) {
                            continue;
                        }
                        Map<String, Double> expected = ratios(record);
                        if (expected.equals(shown.get(machine))) {
                            confirmed.add(machine);
                            mismatches.remove(machine);
                        } else if (!confirmed.contains(machine)) {
                            mismatches.put(machine, "page " + shown.get(machine) + ", topic " + expected);
                        }
                    }
                    Thread.sleep(200);
                }
                assertThat(confirmed).as("machines whose page numbers equal the topic; last differences: %s",
                        mismatches).containsAll(machines);
            }
            Path screenshot = chromium.screenshotFullPage(Path.of("target", "screenshots", "demo-dashboard.png"));
            assertThat(Files.size(screenshot)).isPositive();
        }
    }

    /** Each machine's OEE as the page shows it (data-value), for machines that show one. */
    private static Map<String, Double> machinesWithOee(HeadlessChromium chromium) {
        Map<String, Double> oee = new HashMap<>();
        shown(chromium).forEach((machine, kpis) -> {
            Double value = kpis.get("oee");
            if (value != null && value > 0) {
                oee.put(machine, value);
            }
        });
        return oee;
    }

    /** The page's ratios by equipment and KPI, from the machine table, in one read. */
    private static Map<String, Map<String, Double>> shown(HeadlessChromium chromium) {
        Map<String, Map<String, Double>> shown = new HashMap<>();
        for (Map<String, String> cell : chromium.read("#machine-rows [data-equipment][data-kpi]")) {
            String value = cell.get("value");
            if (KPIS.contains(cell.get("kpi"))) {
                shown.computeIfAbsent(cell.get("equipment"), e -> new HashMap<>())
                        .put(cell.get("kpi"), value == null || value.isEmpty() ? null : Double.parseDouble(value));
            }
        }
        return shown;
    }

    private static Map<String, Double> ratios(OeeKpi record) {
        Map<String, Double> ratios = new HashMap<>();
        ratios.put("oee", record.getOee());
        ratios.put("availability", record.getAvailability());
        ratios.put("performance", record.getPerformance());
        ratios.put("quality", record.getQuality());
        return ratios;
    }

    /** The live KPI topic read to its end: the newest record of each machine. */
    private static final class LiveOee implements AutoCloseable {

        private final KafkaConsumer<String, OeeKpi> consumer;
        private final Map<String, OeeKpi> newest = new HashMap<>();

        LiveOee(String bootstrapServers, String registryUrl) {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                    "isolation.level", "read_committed"), new StringDeserializer(),
                    TaktSerdes.specific(OeeKpi.class, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false)
                            .deserializer());
            String topic = TopicCatalogue.forSite(SITE, 1, 1).oeeLive().name();
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        Map<String, OeeKpi> newest() {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                for (ConsumerRecord<String, OeeKpi> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() != null && record.value().getLevel() == EquipmentLevel.MACHINE) {
                        newest.put(record.key(), record.value());
                    }
                }
            }
            return new HashMap<>(newest);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
