package io.takt.dashboard;

import static io.takt.dashboard.testing.PlantRecords.liveMachine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.takt.dashboard.testing.HeadlessChromium;
import io.takt.dashboard.testing.TopicWriter;
import io.takt.genealogy.GenealogyService;
import io.takt.genealogy.GenealogySettings;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MaterialMovement;
import io.takt.schemas.MovementKind;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.Quantity;
import io.takt.schemas.SourceRef;

/**
 * The dashboard in a real (headless) browser: the numbers it shows are the records' numbers, a
 * change shows within a second without a reload, a lot trace from the real genealogy service is
 * drawn, and a screenshot of it all is kept (target/screenshots/dashboard.png).
 */
@Tag("integration")
@Timeout(180)
class DashboardBrowserIT {

    private static final String SITE = "dash-browser";
    private static final String[] RATIOS = {"oee", "availability", "performance", "quality"};

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    private long sequence;

    @Test
    void shouldShowTheRecordsNumbersLiveAndTraceALot() throws Exception {
        HeadlessChromium.assumeAvailable();
        TopicCatalogue topics = backbone.provisionSite(SITE);
        SamplePlant plant = new SamplePlant(SITE);
        try (TopicWriter writer = new TopicWriter(backbone.bootstrapServers(), backbone.registryUrl());
             ServiceMetrics genealogyMetrics = ServiceMetrics.create("takt-genealogy");
             GenealogyService genealogy = GenealogyService.create(genealogyConfig(), genealogyMetrics).start();
             ServiceMetrics metrics = ServiceMetrics.create("takt-dashboard");
             DashboardService dashboard = DashboardService.create(dashboardConfig(genealogy.url()), metrics).start();
             HeadlessChromium chromium = HeadlessChromium.start()) {
            // Given the sample plant on the topics, and coil RAW-1 pressed into blanks INT-1 and INT-2,
            // INT-1 welded with wire WIRE-7 into bracket FG-1 (inputs of two materials: both parents)
            plant.write(writer, topics);
            writeLots(writer, topics, plant);
            assertThat(genealogy.awaitRunning(Duration.ofSeconds(60))).isTrue();

            // When the page is opened
            WebDriver page = chromium.open(dashboard.url());
            chromium.await(Duration.ofSeconds(20), d -> chromium.read("[data-order]").size() == 4
                    && chromium.read("#machine-rows [data-kpi=oee]").size() == 7
                    && chromium.read("[data-machine]").size() == 7
                    && chromium.read("#stop-rows [data-stop]").size() == 7
                    && chromium.read(".pareto-row").size() == SamplePlant.PARETO.size());

            // Then every machine's and roll-up's A, P, Q and OEE are the records' numbers, shown rounded
            Map<String, Map<String, String>> ratios = new HashMap<>();
            chromium.read("[data-equipment][data-kpi]").forEach(shown -> assertThat(
                    ratios.put(shown.get("equipment") + "/" + shown.get("kpi"), shown)).as("shown once").isNull());
            for (SamplePlant.Machine m : plant.machines.values()) {
                Double[] expected = {m.oee(), m.availability(), m.performance(), m.quality()};
                for (int i = 0; i < RATIOS.length; i++) {
                    assertShown(ratios.get(m.ref().getId() + "/" + RATIOS[i]), m.ref().getId(), RATIOS[i], expected[i]);
                }
            }
            for (OeeKpi rollup : plant.rollups.values()) {
                Double[] expected = {rollup.getOee(), rollup.getAvailability(), rollup.getPerformance(),
                        rollup.getQuality()};
                for (int i = 0; i < RATIOS.length; i++) {
                    String id = rollup.getEquipmentId();
                    assertShown(ratios.get(id + "/" + RATIOS[i]), id, RATIOS[i], expected[i]);
                }
            }
            // And each machine in its state; line1's four machines left to right by name
            Map<String, String> states = new HashMap<>();
            chromium.read("[data-machine]").forEach(m -> states.put(m.get("machine"), m.get("state")));
            plant.machines.values().forEach(m -> assertThat(states.get(m.ref().getId())).as(m.ref().getId())
                    .isEqualTo(m.state().name()));
            assertThat(chromium.read("[data-line='production.line1'] [data-machine]"))
                    .extracting(m -> m.get("machine").substring(plant.line1.length() + 1))
                    .containsExactly("pack1", "press1", "press2", "weld1");
            // And the Pareto bars in order with their downtime, the stop list with reason codes
            assertThat(chromium.read(".pareto-row")).extracting(bar -> bar.get("reason"))
                    .containsExactlyElementsOf(SamplePlant.PARETO.stream().map(bar -> (String) bar[0]).toList());
            assertThat(chromium.read(".pareto-row [data-kpi=downtime]")).extracting(bar -> Long.parseLong(bar.get("value")))
                    .containsExactlyElementsOf(SamplePlant.PARETO.stream().map(bar -> (Long) bar[1]).toList());
            assertThat(chromium.read("#stop-rows [data-kpi=reason]")).extracting(stop -> stop.get("value"))
                    .containsExactly("JAM", "NO-MATERIAL", "TOOL-CHANGE", "", "E-STOP", "JAM", "OVERHAUL");
            // And each order's progress
            Map<String, Map<String, String>> progress = new HashMap<>();
            chromium.read("[data-order]").forEach(order -> progress.put(order.get("order"),
                    chromium.read("[data-order='" + order.get("order") + "'] [data-kpi=progress]").get(0)));
            SamplePlant.PROGRESS.forEach((order, expected) -> {
                assertThat(Double.parseDouble(progress.get(order).get("value"))).as(order).isEqualTo(expected);
                assertThat(progress.get(order).get("text")).isEqualTo(percent(expected));
            });
            assertThat(chromium.read("#connection").get(0).get("connection")).isEqualTo("live");
            assertThat(chromium.read("#updated-at").get(0).get("updatedAt")).isNotEmpty();

            // When press1's live OEE changes on the topic
            SamplePlant.Machine press1 = plant.machines.get("press1");
            String press1Oee = "[data-equipment='" + press1.ref().getId() + "'][data-kpi=oee]";
            long sent = System.nanoTime();
            writer.sendNow(topics.oeeLive().name(), press1.ref().getId(),
                    liveMachine(press1.ref(), plant.shiftStart, 0.8231, 0.91, 0.93, 0.9726));
            // Then the page shows it within a second, without a reload
            Map<String, String> changed = chromium.await(Duration.ofSeconds(1), d -> chromium.read(press1Oee).stream()
                    .filter(shown -> "0.8231".equals(shown.get("value"))).findFirst().orElse(null));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).isLessThan(1000);
            assertShown(changed, press1.ref().getId(), "oee", 0.8231);
            assertShown(chromium.read("[data-equipment='" + press1.ref().getId() + "'][data-kpi=quality]").get(0),
                    press1.ref().getId(), "quality", 0.9726);

            // When FG-1 is traced backward
            awaitLot(genealogy.url(), "FG-1");
            page.findElement(By.id("trace-lot")).sendKeys("FG-1");
            page.findElement(By.id("trace-button")).click();
            chromium.await(Duration.ofSeconds(10), d -> "done".equals(chromium.read("#trace-status").get(0)
                    .get("traceStatus")));
            // Then the lots are drawn by depth: FG-1 at 0, its blank and wire at 1, the coil at 2
            Map<String, String> depths = new HashMap<>();
            chromium.read("#trace-graph [data-lot]").forEach(lot -> depths.put(lot.get("lot"), lot.get("depth")));
            assertThat(depths).containsExactlyInAnyOrderEntriesOf(
                    Map.of("FG-1", "0", "INT-1", "1", "WIRE-7", "1", "RAW-1", "2"));
            assertThat(chromium.read("#trace-graph [data-edge]")).extracting(edge -> edge.get("edge"))
                    .containsExactlyInAnyOrder("INT-1>FG-1", "WIRE-7>FG-1", "RAW-1>INT-1");
            // And the trace is a link: the address holds it
            assertThat(page.getCurrentUrl()).endsWith("#trace=FG-1&direction=backward");

            // When a link to the coil's forward trace is opened in a fresh page
            page.get("about:blank");
            chromium.open(URI.create(dashboard.url() + "/#trace=RAW-1&direction=forward"));
            chromium.await(Duration.ofSeconds(10), d -> "done".equals(chromium.read("#trace-status").get(0)
                    .get("traceStatus")));
            // Then it is drawn: the coil, both blanks pressed from it, the bracket welded from one
            Map<String, String> forward = new HashMap<>();
            chromium.read("#trace-graph [data-lot]").forEach(lot -> forward.put(lot.get("lot"), lot.get("depth")));
            assertThat(forward).containsExactlyInAnyOrderEntriesOf(
                    Map.of("RAW-1", "0", "INT-1", "1", "INT-2", "1", "FG-1", "2"));

            chromium.screenshotFullPage(Path.of(System.getProperty("basedir", ".")).resolve(
                    "target/screenshots/dashboard.png"));
        }
    }

    @Test
    void shouldSayTheTraceIsNotConfiguredWithoutTheGenealogyUrl() throws Exception {
        HeadlessChromium.assumeAvailable();
        backbone.provisionSite(SITE);
        try (ServiceMetrics metrics = ServiceMetrics.create("takt-dashboard");
             DashboardService dashboard = DashboardService.create(dashboardConfig(null), metrics).start();
             HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver page = chromium.open(dashboard.url());
            WebElement status = chromium.await(Duration.ofSeconds(10), d -> {
                WebElement shown = d.findElement(By.id("trace-status"));
                return "not-configured".equals(shown.getAttribute("data-trace-status")) ? shown : null;
            });
            assertThat(status.getText()).contains("not configured", "dashboard.genealogy.url");
            assertThat(page.findElement(By.id("trace-button")).isEnabled()).isFalse();
        }
    }

    /** The number's exact value in data-value, and its text rounded to one decimal of a percent. */
    private static void assertShown(Map<String, String> shown, String equipment, String ratio, Double expected) {
        assertThat(shown).as(ratio + " of " + equipment + " on the page").isNotNull();
        if (expected == null) {
            assertThat(shown.get("value")).as(equipment + " " + ratio).isEmpty();
            assertThat(shown.get("text")).isEqualTo("–");
        } else {
            assertThat(Double.parseDouble(shown.get("value"))).as(equipment + " " + ratio).isEqualTo(expected);
            assertThat(shown.get("text")).as(equipment + " " + ratio).isEqualTo(percent(expected));
        }
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    private void writeLots(TopicWriter writer, TopicCatalogue topics, SamplePlant plant) {
        Instant t = plant.now.minus(Duration.ofMinutes(30));
        move(writer, topics, plant.ref("press1"), MovementKind.CONSUMED, "RAW-1", "STEEL", 500, t);
        move(writer, topics, plant.ref("press1"), MovementKind.PRODUCED, "INT-1", "BLANK", 100, t.plusSeconds(60));
        move(writer, topics, plant.ref("press1"), MovementKind.PRODUCED, "INT-2", "BLANK", 100, t.plusSeconds(120));
        move(writer, topics, plant.ref("weld1"), MovementKind.CONSUMED, "INT-1", "BLANK", 100, t.plusSeconds(300));
        move(writer, topics, plant.ref("weld1"), MovementKind.CONSUMED, "WIRE-7", "WIRE", 20, t.plusSeconds(310));
        move(writer, topics, plant.ref("weld1"), MovementKind.PRODUCED, "FG-1", "BRACKET", 50, t.plusSeconds(400));
        writer.flush();
    }

    private void move(TopicWriter writer, TopicCatalogue topics, EquipmentRef station, MovementKind kind, String lot,
                      String material, double quantity, Instant at) {
        writer.send(topics.materialMovement().name(), lot, MaterialMovement.newBuilder().setKind(kind).setLotId(lot)
                .setMaterialId(material).setQuantity(new Quantity(quantity, "H87")).setWorkOrderId("4500017")
                .setEquipment(station).setSourceTimestamp(at).setReceiveTimestamp(at)
                .setSource(new SourceRef("gw-test", station.getMachine() + "." + kind)).setSequence(++sequence)
                .build());
    }

    private static void awaitLot(URI genealogy, String lot) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(
                genealogy.resolve("/api/lots/" + lot + "/trace?direction=backward")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("RAW-1"));
    }

    private TaktConfig genealogyConfig() {
        Map<String, String> settings = platform();
        settings.put(GenealogySettings.STATE_DIR.name(), dir.resolve("genealogy").toString());
        settings.put(GenealogySettings.HTTP_PORT.name(), "0");
        return GenealogySettings.DEFINITION.validate(ConfigSources.builder().overrides(settings).build());
    }

    private TaktConfig dashboardConfig(URI genealogy) {
        Map<String, String> settings = platform();
        settings.put(DashboardSettings.HTTP_PORT.name(), "0");
        if (genealogy != null) {
            settings.put(DashboardSettings.GENEALOGY_URL.name(), genealogy.toString());
        }
        return DashboardSettings.DEFINITION.validate(ConfigSources.builder().overrides(settings).build());
    }

    private static Map<String, String> platform() {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", backbone.bootstrapServers());
        settings.put("schema.registry.url", backbone.registryUrl());
        settings.put("site", SITE);
        settings.put("topics.partitions", "1");
        settings.put("topics.replication.factor", "1");
        return settings;
    }
}
