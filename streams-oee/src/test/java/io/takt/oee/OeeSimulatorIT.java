package io.takt.oee;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorSettings;
import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.acquisition.simulator.plant.PlantSettings;
import io.takt.acquisition.simulator.plant.ShiftCalendar;
import io.takt.oee.reconcile.OeeReconciliation;
import io.takt.oee.reconcile.ReconciliationReport;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.deadletter.DeadLetterHeaders;
import io.takt.platform.http.ServiceMetrics;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.OeeKpi;
import io.takt.schemas.WindowKind;
import io.takt.schemas.WindowStatus;

/**
 * The plant simulator, read over OPC UA by the real edge gateway, into the broker; streams-oee
 * (exactly-once) computes OEE from it; after the run an independent batch recomputation from the
 * raw topics ({@link OeeReconciliation}) must find every FINAL window identical.
 */
@Tag("integration")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class OeeSimulatorIT {

    private static final Logger LOG = LoggerFactory.getLogger(OeeSimulatorIT.class);
    private static final String SITE = "sim";
    private static final String APP = "oee-sim";
    private static final double SPEED = 400;
    // 20:30 to 00:45 local: the late shift's end (22:00), the day's end and the 00:00-00:10 break,
    // even if the gateway takes a while to connect (at 400x ten seconds are more than an hour).
    private static final Duration RUN = Duration.ofHours(4).plusMinutes(15);
    private static final LocalTime LOCAL_START = LocalTime.of(20, 30);
    // The simulator's breaks and shifts (its README), so the stream plans time as the plant does.
    private static final String SHIFTS = "early=06:00-14:00,late=14:00-22:00,night=22:00-06:00";
    private static final String BREAKS = "00:00-00:10,02:00-02:30,08:00-08:10,10:00-10:30,16:00-16:10,18:00-18:30";
    private static final Pattern REPORT_ROW = Pattern.compile("(?m)^(MACHINE|LINE|AREA|SITE)\\s+(MINUTE|HOUR|SHIFT|DAY)"
            + "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*$");

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    @Test
    void shouldPublishFinalWindowsEqualToABatchRecomputationFromTheRawTopics() throws Exception {
        // Given a 2 x 3 plant whose local evening, 20:30 to 00:45, ends about now (see PlantTime)
        TopicCatalogue topics = backbone.provisionSite(SITE);
        PlantTime time = PlantTime.endingAbout(Instant.now().plus(Duration.ofSeconds((long) (RUN.toSeconds() / SPEED))));
        PlantSimulator simulator = new PlantSimulator(SimulatorSettings.builder()
                .plant(PlantSettings.builder().seed(7).lines(2).machinesPerLine(3).start(time.start())
                        .calendar(ShiftCalendar.threeShifts(time.zone())).build())
                .speed(SPEED).bindHost("localhost").port(0).pkiDirectory(dir.resolve("sim-pki")).build());
        List<String> machines = simulator.plant().machines().stream()
                .map(m -> SimulatorTagMap.equipmentId(SITE, m)).toList();
        // The simulator's cycles take 4.3-6.3 s: an ideal 3 s is plausible, 12 s on one machine is not
        String wrongPru = machines.get(machines.size() - 1);
        // The gateway's tag map puts every machine in area "production"; line 1 has no wrong PRU
        String cleanLine = SITE + ".production." + simulator.plant().machines().get(0).line().toLowerCase(Locale.ROOT);
        TaktConfig config = oeeConfig(time.zone(), wrongPru + "=12s");

        try (ServiceMetrics metrics = ServiceMetrics.create("takt-oee");
             OeeService oee = OeeService.create(config, metrics).start();
             Admin admin = backbone.admin()) {
            assertThat(oee.awaitRunning(Duration.ofSeconds(30))).as("OEE streams running").isTrue();

            // When the simulator runs through the gateway until its clock reaches 00:45 local
            runPlant(simulator, time.start().plus(RUN));

            // Then the stream catches up (lag 0), still running
            StreamsLag.awaitCaughtUp(admin, APP, List.of(topics.machineState().name(),
                    topics.productionCount().name(), topics.qualityResult().name()), Duration.ofSeconds(60));
            TopicContents.awaitFinalWindowsSettled(backbone.bootstrapServers(), backbone.registryUrl(),
                    topics.oee().name());
            assertThat(oee.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(metrics.registry().find("takt.oee.performance.implausible").counter().count())
                    .as("FINAL windows flagged implausible (the 12 s PRU machine's)").isPositive();
        }
        // And the reconciliation, an independent batch recomputation from the raw topics, runs
        StringWriter printed = new StringWriter();
        ReconciliationReport report = new OeeReconciliation(OeeSettings.from(config))
                .run(Duration.ofSeconds(60), line -> printed.append(line).append('\n'));
        report.print(new PrintWriter(printed), 500);
        LOG.info("Reconciliation:\n{}", printed);
        Map<String, Integer> deadLetters = deadLettersByTopicAndReason(topics);
        LOG.info("Dead letters by topic and reason: {}", deadLetters);

        // And it compared enough FINAL windows of every kind to mean something: 6 machines over
        // 20:30-00:45 local (less the gateway's start-up); the clocks end about 00:45 to 00:48 and a
        // window is FINAL 30.5 min after its end: per machine 100 minutes and more, the hours 22 and
        // 23 at least, the late shift (14:00-22:00) and the start day
        Map<String, Integer> compared = comparedPerLevelAndKind(printed.toString());
        assertThat(compared.getOrDefault("MACHINE MINUTE", 0)).as(printed.toString()).isGreaterThan(6 * 100);
        assertThat(compared.getOrDefault("MACHINE HOUR", 0)).as(printed.toString()).isGreaterThanOrEqualTo(6 * 2);
        assertThat(compared.getOrDefault("MACHINE SHIFT", 0)).as(printed.toString()).isGreaterThanOrEqualTo(6);
        assertThat(compared.getOrDefault("MACHINE DAY", 0)).as(printed.toString()).isEqualTo(6);
        assertThat(compared.getOrDefault("LINE MINUTE", 0)).as(printed.toString()).isGreaterThan(2 * 100);
        assertThat(compared.getOrDefault("LINE HOUR", 0)).as(printed.toString()).isGreaterThanOrEqualTo(2 * 2);
        assertThat(compared.getOrDefault("LINE SHIFT", 0)).as(printed.toString()).isGreaterThanOrEqualTo(2);
        assertThat(compared.getOrDefault("LINE DAY", 0)).as(printed.toString()).isEqualTo(2);
        assertThat(compared.getOrDefault("SITE DAY", 0)).as(printed.toString()).isEqualTo(1);

        // And the figures are plausible
        Map<String, OeeKpi> windows = TopicContents.latestWindows(backbone.bootstrapServers(), backbone.registryUrl(),
                topics.oee().name());
        checkPlausible(windows.values(), wrongPru, cleanLine);
        checkBreakIsPlannedDownTime(windows.values(), machines, time.start());

        // And, checked last so that the checks above run whatever it says: no FINAL window differs
        // (Known causes of differences, see the report of branch oee-it: roll-up 'members' counting
        // the empty FINAL windows a machine publishes for the grace before its first event; quality
        // results dead-lettered from the repartition topic, which reconcile cannot leave out.)
        assertThat(report.exitCode()).as("reconciliation of the FINAL windows; dead letters " + deadLetters
                + "\n" + printed).isEqualTo(ReconciliationReport.IDENTICAL);
    }

    /**
     * When the simulated plant starts, and its time zone. The gateway stamps the NO_DATA it
     * reports on closing with the wall clock, so simulated time must end where the wall clock
     * is, or every machine would jump to the present and its last state would seem to last until
     * now. And the plant's local time should run from 20:30 to 00:45, over the late shift's end,
     * the day's end and the 00:00-00:10 break. Both hold with a time zone chosen for the purpose:
     * the start is about now minus the simulated run, and the zone's offset makes it 20:30 local.
     */
    record PlantTime(Instant start, ZoneOffset zone) {

        /** Simulated time ends 2 minutes (and up to a minute more) before {@code wallClockEnd}. */
        static PlantTime endingAbout(Instant wallClockEnd) {
            Instant start = wallClockEnd.minus(RUN).minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MINUTES);
            long minuteOfDay = Math.floorMod(start.getEpochSecond() / 60, 1440);
            long offset = Math.floorMod(LOCAL_START.toSecondOfDay() / 60 - minuteOfDay, 1440);
            return new PlantTime(start, ZoneOffset.ofTotalSeconds((int) (offset > 720 ? offset - 1440 : offset) * 60));
        }
    }

    private TaktConfig oeeConfig(ZoneOffset zone, String idealCycleTimes) {
        Map<String, String> oee = new HashMap<>();
        // At 400x a second of wall-clock delay is 400 s of event time, and quality results reach
        // their machine through a repartition topic, a commit later than its counts: a grace of
        // 30 min (4.5 s of wall clock) keeps them in time.
        oee.put(OeeSettings.GRACE.name(), "30m");
        oee.put(OeeSettings.MINOR_STOP_THRESHOLD.name(), "30s");
        oee.put(OeeSettings.DEFAULT_IDEAL_CYCLE_TIME.name(), "3s");
        oee.put(OeeSettings.IDEAL_CYCLE_TIMES.name(), idealCycleTimes);
        // Live records are not checked here; rare ones keep the repartition topic quiet for the lag check.
        oee.put(OeeSettings.LIVE_INTERVAL.name(), "10m");
        oee.put("oee.calendar.time-zone", zone.getId());
        oee.put("oee.calendar.shifts", SHIFTS);
        oee.put("oee.calendar.breaks", BREAKS);
        return OeeTestConfig.of(backbone.bootstrapServers(), backbone.registryUrl(), SITE, APP,
                dir.resolve("oee-state"), oee);
    }

    /** Runs simulator and gateway until the plant's clock reaches {@code until}; stops the gateway first. */
    private void runPlant(PlantSimulator simulator, Instant until) throws InterruptedException {
        try (simulator) {
            simulator.start();
            Path tagMap = SimulatorTagMap.write(simulator, "gw-oee", SITE, dir.resolve("gateway/tagmap.yaml"));
            try (EdgeGateway gateway = EdgeGateway.create(gatewayConfig(tagMap), new SimpleMeterRegistry()).start()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (simulator.plant().now().isBefore(until)) {
                    assertThat(System.nanoTime()).as("simulated time reaches " + until).isLessThan(deadline);
                    Thread.sleep(200);
                }
                LOG.info("Simulated {} to {}; gateway {}", simulator.settings().plant().start(),
                        simulator.plant().now(), gateway.status());
            }
        }
    }

    private TaktConfig gatewayConfig(Path tagMap) {
        return EdgeGateway.DEFINITION.validate(ConfigSources.builder().overrides(Map.of(
                EdgeGateway.TAG_MAP.name(), tagMap.toString(),
                EdgeGateway.STATE_DIR.name(), dir.resolve("gateway").toString(),
                "buffer.dir", dir.resolve("gateway/buffer").toString(),
                PlatformConfig.KAFKA_BOOTSTRAP_SERVERS.name(), backbone.bootstrapServers(),
                PlatformConfig.SCHEMA_REGISTRY_URL.name(), backbone.registryUrl())).build());
    }

    private static Map<String, Integer> deadLettersByTopicAndReason(TopicCatalogue topics) {
        Map<String, Integer> letters = new TreeMap<>();
        for (var record : TopicContents.read(backbone.bootstrapServers(), topics.deadLetter().name(),
                IsolationLevel.READ_COMMITTED)) {
            String key = DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.TOPIC).orElse("?") + " "
                    + DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.REASON).orElse("?");
            letters.merge(key, 1, Integer::sum);
        }
        return letters;
    }

    private static Map<String, Integer> comparedPerLevelAndKind(String report) {
        Map<String, Integer> compared = new HashMap<>();
        Matcher row = REPORT_ROW.matcher(report);
        while (row.find()) {
            compared.put(row.group(1) + " " + row.group(2), Integer.parseInt(row.group(3)));
        }
        return compared;
    }

    /**
     * Hour, shift and day windows of the machines with a plausible PRU (3 s against cycles of at
     * least 4.3 s: P at most 3 / 4.3 = 0.7) and of the line without the 12 s machine: where the
     * machine ran 10 minutes or more, OEE is in (0, 1] and performance is not flagged; the 12 s
     * machine (P about 12 / 5.3 = 2.3) is flagged in such windows.
     */
    private static void checkPlausible(Iterable<OeeKpi> windows, String wrongPru, String cleanLine) {
        List<OeeKpi> checked = new ArrayList<>();
        List<OeeKpi> flagged = new ArrayList<>();
        for (OeeKpi kpi : windows) {
            boolean coarse = kpi.getWindowKind() == WindowKind.HOUR || kpi.getWindowKind() == WindowKind.SHIFT
                    || kpi.getWindowKind() == WindowKind.DAY;
            if (!coarse || kpi.getStatus() != WindowStatus.FINAL || kpi.getActualProductionTimeMillis() < 600_000) {
                continue;
            }
            // POT = PDOT + PBT and PBT = APT + ASUT + ADET + ADOT + no data, in every window
            assertThat(kpi.getPlannedOperationTimeMillis())
                    .isEqualTo(kpi.getPlannedDownTimeMillis() + kpi.getPlannedBusyTimeMillis());
            assertThat(kpi.getPlannedBusyTimeMillis()).isEqualTo(kpi.getActualProductionTimeMillis()
                    + kpi.getActualSetupTimeMillis() + kpi.getActualUnitDelayTimeMillis()
                    + kpi.getActualUnitDownTimeMillis() + kpi.getNoDataTimeMillis());
            if (kpi.getEquipmentId().equals(wrongPru)) {
                flagged.add(kpi);
            } else if (kpi.getLevel() == EquipmentLevel.MACHINE || kpi.getEquipmentId().equals(cleanLine)) {
                checked.add(kpi);
            }
        }
        assertThat(checked).as("plausible FINAL hour/shift/day windows with 10 min of production").hasSizeGreaterThan(10)
                .allSatisfy(kpi -> {
                    assertThat(kpi.getOee()).as(kpi.toString()).isNotNull().isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
                    assertThat(kpi.getAvailability()).as(kpi.toString()).isBetween(0.0, 1.0);
                    assertThat(kpi.getPerformanceImplausible()).as(kpi.toString()).isFalse();
                });
        assertThat(flagged).as("windows of the machine with a 12 s PRU").isNotEmpty()
                .allSatisfy(kpi -> assertThat(kpi.getPerformanceImplausible()).as(kpi.toString()).isTrue());
    }

    /**
     * The calendar's break 00:00-00:10 local, 3 h 30 min after the 20:30 start: each of its ten minutes is planned
     * down in full, whatever the machine did, so PDOT = POT = 60 000 ms and PBT = 0.
     */
    private static void checkBreakIsPlannedDownTime(Iterable<OeeKpi> windows, List<String> machines, Instant start) {
        Instant midnight = start.plus(Duration.ofHours(3).plusMinutes(30));
        List<OeeKpi> breakMinutes = new ArrayList<>();
        for (OeeKpi kpi : windows) {
            boolean inBreak = !kpi.getWindowStart().isBefore(midnight)
                    && kpi.getWindowStart().isBefore(midnight.plus(Duration.ofMinutes(10)));
            if (kpi.getWindowKind() == WindowKind.MINUTE && kpi.getLevel() == EquipmentLevel.MACHINE && inBreak
                    && kpi.getStatus() == WindowStatus.FINAL) {
                breakMinutes.add(kpi);
            }
        }
        assertThat(breakMinutes).as("FINAL break minutes, 10 per machine").hasSize(10 * machines.size())
                .allSatisfy(kpi -> {
                    assertThat(kpi.getPlannedOperationTimeMillis()).as(kpi.toString()).isEqualTo(60_000L);
                    assertThat(kpi.getPlannedDownTimeMillis()).as(kpi.toString()).isEqualTo(60_000L);
                    assertThat(kpi.getPlannedBusyTimeMillis()).as(kpi.toString()).isZero();
                });
    }
}
