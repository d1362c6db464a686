package io.takt.acquisition.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorSettings;
import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.PlantSettings;
import io.takt.acquisition.simulator.plant.TagDefinition;
import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SourceStatus;
import io.takt.acquisition.tagmap.TagMap;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.testing.KafkaBackbone;
import io.takt.platform.topic.TopicCatalogue;
import io.takt.platform.topic.TopicProvisioner;
import io.takt.schemas.MachineState;
import io.takt.schemas.MachineStateChanged;
import io.takt.schemas.ProductionCount;

/**
 * Issue 3's resilience acceptance on the whole path: the plant simulator's OPC UA server, the
 * gateway (OPC UA source, mapper, disk buffer, exactly-once delivery) and Kafka, over real TCP,
 * read back with a {@code read_committed} consumer once the gateway's buffer is drained.
 *
 * <p>How "nothing lost" is made exact: the plant is paused ({@link PlantPause}: simulated time
 * stands still, the OPC UA server keeps serving) while a gateway reads its first values, and again
 * at the end until the gateway has written everything ahead and delivered it. Both instants are
 * points of the simulator's own history ({@link PlantHistory}), so every part the simulator counted
 * in between must come out as ProductionCount increments that add up exactly, and each machine's
 * last state must be the simulator's state at the end. The gateway's counters treat the first
 * reading as the baseline (parts made while no gateway runs are unknown), which is why it must be
 * read while the plant stands still.
 */
@Tag("integration")
class GatewayResilienceIT {

    /**
     * How long the broker stays down in the outage test: the 60 s, which keeps this class
     * at about two minutes; {@code -Dtakt.outage.seconds=N} for another figure (the test's timeout
     * allows up to about three minutes).
     */
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("takt.outage.seconds", 60));
    /** Events the child gateway must acknowledge while the broker is down before it is killed. */
    static final int ACKED_BEFORE_KILL = 500;
    /** How long the simulator's OPC UA server stays down. */
    static final Duration SERVER_DOWN = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(GatewayResilienceIT.class);
    // 2 lines x 4 machines at 30x real time: about 100 events a second, each machine a part every 0.15-0.2 s.
    private static final double SPEED = 30;
    private static final String EVENTS_IN = "takt.edge.events.in";
    private static final String EVENTS_OUT = "takt.edge.events.out";
    private static final String EVENTS_DROPPED = "takt.edge.events.dropped";
    private static final String SEND_RETRIES = "takt.edge.send.retries";

    @RegisterExtension
    static final KafkaBackbone backbone = KafkaBackbone.withRegistry();

    @TempDir
    Path dir;

    private final PlantHistory truth = new PlantHistory();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void brokerBackUp() {
        if (!backbone.broker().isRunning()) {
            backbone.broker().start();
        }
    }

    /**
     * The issue: "stop the broker for 60 s while the simulator runs, restart it: every sequence number
     * arrives exactly once per source, in order per key". Exactly once is checked three ways: the
     * events read equal, in number, the events the gateway wrote ahead; no (address, sequence) twice;
     * and the counts add up to the simulator's parts.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldDeliverEveryEventOnceInOrderPerKeyWhenTheBrokerIsDownWhileThePlantRuns() throws Exception {
        String site = "outage";
        TopicCatalogue topics = provision(site);
        try (PlantSimulator simulator = simulator(0);
             PlantPause pause = new PlantPause(simulator.plant())) {
            // Given a gateway that read its first values while the plant stood still, and delivers
            Path tagMap = SimulatorTagMap.write(simulator, "gw-outage", site, dir.resolve("tagmap.yaml"));
            Instant baseline = pause.pause();
            try (EdgeGateway gateway = EdgeGateway.create(config(tagMap), meters).start()) {
                awaitBaseline(() -> source(gateway).samples(), gateway.tagMap().tags().size());
                pause.resume();
                await().atMost(Duration.ofSeconds(60)).until(() -> counter(EVENTS_OUT) > 0);

                // When the broker is down for OUTAGE while the plant runs on...
                Instant down = Instant.now();
                backbone.broker().stop();
                long[] mostWaiting = {0};
                await().atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    mostWaiting[0] = Math.max(mostWaiting[0], gateway.status().delivery().undeliveredEvents());
                    return !Instant.now().isBefore(down.plus(OUTAGE));
                });
                backbone.broker().start();
                Instant up = Instant.now();
                // ...and after it the backlog drains behind live events, until the plant pauses and all is delivered
                long appendedAtRestart = counter(EVENTS_IN);
                await().atMost(Duration.ofSeconds(90)).until(() -> counter(EVENTS_OUT) >= appendedAtRestart);
                Duration drain = Duration.between(up, Instant.now());
                Instant end = pause.pause();
                awaitQuiet(() -> counter(EVENTS_IN), () -> gateway.status().delivery().undeliveredEvents());
                DeliveredEvents delivered = DeliveredEvents.readAll(backbone, topics, Duration.ofSeconds(60));

                // Then the outage was real and mid-stream: the gateway acquired while the broker was down, and
                // failed to deliver (to Kafka, or to the schema registry, whose store is on the broker)
                long acquiredWhileDown = delivered.where(e -> !e.received().isBefore(down) && e.received().isBefore(up))
                        .size();
                assertThat(mostWaiting[0]).as("events waiting in the buffer during the outage").isPositive();
                assertThat(acquiredWhileDown).as("events acquired while the broker was down").isPositive();
                assertThat(counter(SEND_RETRIES)).isPositive();
                // ...every event written ahead arrived exactly once, each (address, sequence) once, in order per key
                assertThat(counter(EVENTS_DROPPED)).isZero();
                assertThat((long) delivered.size()).isEqualTo(counter(EVENTS_IN));
                delivered.assertEverySequenceOnceInOrderPerKey();
                // ...and the counts add up to every part the simulator made, the states end where the plant stands
                assertPartsCounted(simulator, delivered, e -> true, baseline, node -> end);
                assertLastStates(simulator, site, delivered, end);
                LOG.info("Broker down {} s: {} events in all, {} acquired while it was down, at most {} waiting;"
                        + " backlog delivered {} ms after the restart", OUTAGE.toSeconds(), delivered.size(),
                        acquiredWhileDown, mostWaiting[0], drain.toMillis());
            }
        }
    }

    /**
     * kill -9 of a gateway (in a JVM of its own) during a broker outage, then a new gateway on the
     * same state and buffer directories. What the killed gateway acknowledged is known exactly: it
     * prints {@code acked <n>} each time its outbox has written an event ahead (see
     * {@link ChildGateway}); the source hands over samples one at a time, so when it dies with
     * {@code n} printed, the events it acknowledged are its first {@code n}, plus possibly the one
     * whose append had returned before its line was printed. Those must all arrive, once each; and
     * its ProductionCount increments must add up to every part the simulator made from its baseline
     * to its last delivered count (so none in between was lost). Parts made after that, while no
     * gateway ran, are unknown by design (a new gateway's first reading is its baseline): the new
     * gateway therefore starts while the plant stands still, and from there on must count every part.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldLoseNoAcknowledgedEventWhenTheGatewayIsKilledDuringABrokerOutage() throws Exception {
        String site = "killed";
        TopicCatalogue topics = provision(site);
        Path state = dir.resolve("state");
        Path buffer = dir.resolve("buffer");
        try (PlantSimulator simulator = simulator(0);
             PlantPause pause = new PlantPause(simulator.plant())) {
            Path tagMap = SimulatorTagMap.write(simulator, "gw-killed", site, dir.resolve("tagmap.yaml"));
            int tags = TagMap.load(tagMap, SourceKind.checks()).tags().size();
            // Given a gateway in a JVM of its own that read its first values while the plant stood still, and delivers
            Instant firstBaseline = pause.pause();
            long ackedAtOutage;
            long acked;
            long waitingAtKill;
            try (ChildGatewayProcess first = child("gateway-1", tagMap, state, buffer)) {
                awaitBaseline(() -> first.status() == null ? 0 : first.status().samples(), tags);
                pause.resume();
                await().atMost(Duration.ofSeconds(60)).until(() -> first.status().delivered() > 0);

                // When the broker stops, the gateway acquires on, and is killed -9 as it does
                backbone.broker().stop();
                ackedAtOutage = first.acked();
                await().atMost(Duration.ofSeconds(60)).until(() -> first.acked() >= ackedAtOutage + ACKED_BEFORE_KILL);
                first.kill();
                acked = first.acked();
                waitingAtKill = first.status().undelivered();
                assertThat(first.status().dropped()).isZero();
            }
            // ...and, while the plant stands still, a new gateway starts on the same directories and reads its
            // first values, then the plant runs on and the broker returns
            Instant secondBaseline = pause.pause();
            try (ChildGatewayProcess second = child("gateway-2", tagMap, state, buffer)) {
                awaitBaseline(() -> second.status() == null ? 0 : second.status().samples(), tags);
                pause.resume();
                Instant restart = Instant.now();
                backbone.broker().start();
                await().atMost(Duration.ofSeconds(90)).until(() -> second.acked() >= 300
                        && second.status().delivered() >= waitingAtKill + 300);
                Duration backlog = Duration.between(restart, Instant.now());
                Instant end = pause.pause();
                awaitQuiet(second::acked, () -> second.status().undelivered());
                long ackedBySecond = second.acked();
                assertThat(second.status().dropped()).isZero();
                DeliveredEvents delivered = DeliveredEvents.readAll(backbone, topics, Duration.ofSeconds(60));

                // Then the gateway was killed mid-outage with acknowledged events only in its buffer...
                assertThat(acked - ackedAtOutage).isGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
                assertThat(waitingAtKill).as("undelivered events when killed").isPositive();
                // ...every event it acknowledged arrived, once; so did every event of the new gateway
                Map<Long, Long> perStart = delivered.countByEpoch();
                assertThat(perStart).as("events per gateway start (sequence epoch)").hasSize(2);
                List<Long> starts = new ArrayList<>(perStart.keySet());
                assertThat(perStart.get(starts.get(0))).as("events of the killed gateway").isBetween(acked, acked + 1);
                assertThat(perStart.get(starts.get(1))).as("events of the new gateway").isEqualTo(ackedBySecond);
                delivered.assertEverySequenceOnceInOrderPerKey();
                delivered.assertNoHolesPerAddressAndStart();
                // ...and each gateway's counts add up to every part the simulator made while it was counting
                Predicate<DeliveredEvents.Delivered> killed = e -> e.epoch() == starts.get(0);
                Predicate<DeliveredEvents.Delivered> restarted = e -> e.epoch() == starts.get(1);
                assertPartsCounted(simulator, delivered, killed, firstBaseline,
                        node -> lastCountTime(delivered, node, killed).orElse(firstBaseline));
                assertPartsCounted(simulator, delivered, restarted, secondBaseline, node -> end);
                assertLastStates(simulator, site, delivered, end);
                LOG.info("Gateway killed -9 with {} events acknowledged ({} during the outage, {} undelivered);"
                        + " {} of its events delivered after the restart, plus {} of the new gateway's; backlog"
                        + " delivered {} ms after the broker returned", acked, acked - ackedAtOutage, waitingAtKill,
                        perStart.get(starts.get(0)), ackedBySecond, backlog.toMillis());
            }
        }
    }

    /**
     * The issue: "OPC UA server restart: the gateway recovers by itself; the gap appears as a no-data
     * interval". The simulator restarts in place ({@code close()} then {@code start()} on a fixed
     * port): its plant keeps its counters, as a PLC behind a restarting OPC UA server does, and runs on
     * from where it stopped. (A new {@code PlantSimulator} would be a new PLC whose counters start again
     * at their commissioning values: the mapper takes any fall that is not a wrap for a reset to 0 and
     * would book the whole new value as parts made.)
     */
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldReportAnOpcUaServerRestartAsUnknownAndRecoverWithoutLosingACount() throws Exception {
        String site = "restart";
        TopicCatalogue topics = provision(site);
        try (PlantSimulator simulator = simulator(freePort());
             PlantPause pause = new PlantPause(simulator.plant())) {
            // Given a gateway that read its first values while the plant stood still, and delivers
            Path tagMap = SimulatorTagMap.write(simulator, "gw-restart", site, dir.resolve("tagmap.yaml"));
            Instant baseline = pause.pause();
            try (EdgeGateway gateway = EdgeGateway.create(config(tagMap), meters).start()) {
                awaitBaseline(() -> source(gateway).samples(), gateway.tagMap().tags().size());
                pause.resume();
                await().atMost(Duration.ofSeconds(60)).until(() -> counter(EVENTS_OUT) >= 200);

                // When the simulator's OPC UA server stops, stays down SERVER_DOWN and starts again on the same
                // port (the simulator restarts in place: the plant keeps its counters, as a PLC does)
                Instant lost = Instant.now();
                simulator.close();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> source(gateway).state() != ConnectionState.CONNECTED);
                Instant lossSeen = Instant.now();
                LockSupport.parkNanos(Duration.between(Instant.now(), lost.plus(SERVER_DOWN)).toNanos()); // the gap
                Instant back = Instant.now();
                simulator.start();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> source(gateway).state() == ConnectionState.CONNECTED);
                Duration recovery = Duration.between(back, Instant.now());
                long appendedAtReconnect = counter(EVENTS_IN);
                await().atMost(Duration.ofSeconds(60)).until(() -> counter(EVENTS_IN) >= appendedAtReconnect + 200);
                Instant end = pause.pause();
                awaitQuiet(() -> counter(EVENTS_IN), () -> gateway.status().delivery().undeliveredEvents());
                DeliveredEvents delivered = DeliveredEvents.readAll(backbone, topics, Duration.ofSeconds(60));

                // Then the same gateway recovered by itself: one reconnect, one start's sequence numbers
                assertThat(source(gateway).reconnects()).isEqualTo(1);
                assertThat(delivered.countByEpoch()).hasSize(1);
                assertThat((long) delivered.size()).isEqualTo(counter(EVENTS_IN));
                delivered.assertEverySequenceOnceInOrderPerKey();
                // ...every machine went UNKNOWN at the loss and had its real state again once the server was back
                List<Duration> noDataIntervals = new ArrayList<>();
                for (MachineDescription machine : simulator.plant().machines()) {
                    noDataIntervals.add(assertNoDataInterval(delivered.statesOf(SimulatorTagMap.equipmentId(site,
                            machine)), machine, lost, lossSeen, back));
                }
                // ...and no count was lost or counted twice across the gap: every increment positive, the first one
                // after the gap exactly the parts made since the last reading before it, all adding up to the parts
                // the simulator made
                List<Long> increments = delivered.increments(e -> true);
                assertThat(increments).isNotEmpty().allSatisfy(i -> assertThat(i).isPositive());
                Map<String, Long> acrossTheGap = assertFirstIncrementsAfterTheGap(simulator, delivered, lost, back);
                assertPartsCounted(simulator, delivered, e -> true, baseline, node -> end);
                assertLastStates(simulator, site, delivered, end);
                LOG.info("OPC UA server down {} ms: loss seen after {} ms, gateway reconnected {} ms after the restart"
                        + " began; no-data intervals {} to {} ms; {} events; first increments after the gap {}",
                        Duration.between(lost, back).toMillis(), Duration.between(lost, lossSeen).toMillis(),
                        recovery.toMillis(), noDataIntervals.stream().min(Duration::compareTo).orElseThrow().toMillis(),
                        noDataIntervals.stream().max(Duration::compareTo).orElseThrow().toMillis(), delivered.size(),
                        acrossTheGap);
            }
        }
    }

    /**
     * A machine's states around the server restart: real states, then exactly one UNKNOWN stamped
     * (gateway clock) between the server's stop and the gateway noticing it, then real states again,
     * the first of them received only once the server was back, holding the simulator's state then.
     * Returns the no-data interval: from the UNKNOWN to the next state, as the gateway received them.
     */
    private Duration assertNoDataInterval(List<MachineStateChanged> states, MachineDescription machine, Instant lost,
            Instant lossSeen, Instant back) {
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).getState() == MachineState.UNKNOWN) {
                unknown.add(i);
            }
        }
        assertThat(unknown).as("%s: UNKNOWN states in %s", machine.id(), states).hasSize(1);
        int at = unknown.get(0);
        MachineStateChanged gap = states.get(at);
        assertThat(at).as("%s: a real state before the loss", machine.id()).isPositive();
        assertThat(at).as("%s: a real state after the loss", machine.id()).isLessThan(states.size() - 1);
        assertThat(gap.getRawState()).isEqualTo("NO_DATA");
        assertThat(gap.getSourceTimestamp()).as("%s: the loss stamped when it happened", machine.id())
                .isBetween(lost, lossSeen);
        MachineStateChanged after = states.get(at + 1);
        assertThat(after.getReceiveTimestamp()).as("%s: received once the server was back", machine.id())
                .isAfterOrEqualTo(back.truncatedTo(ChronoUnit.MILLIS));
        assertThat(after.getRawState()).as("%s: the state after the gap", machine.id()).isEqualTo(String.valueOf(
                truth.valueAt(machine.id() + "." + TagDefinition.STATE, after.getSourceTimestamp())));
        return Duration.between(gap.getReceiveTimestamp(), after.getReceiveTimestamp());
    }

    /**
     * The gateway keeps a counter's last reading through NO_DATA, so its first increment after the
     * gap books the parts made meanwhile (the plant ran on while the gateway reconnected): for each
     * counter counting on both sides, exactly the parts the simulator made between the last reading
     * before the loss and the first after the restart. Returns those increments by counter.
     */
    private Map<String, Long> assertFirstIncrementsAfterTheGap(PlantSimulator simulator, DeliveredEvents delivered,
            Instant lost, Instant back) {
        Map<String, Long> expected = new TreeMap<>();
        Map<String, Long> actual = new TreeMap<>();
        for (MachineDescription machine : simulator.plant().machines()) {
            for (String counter : List.of(TagDefinition.GOOD_COUNT, TagDefinition.REJECT_COUNT)) {
                String node = machine.id() + "." + counter;
                List<DeliveredEvents.Delivered> counts = delivered.where(e -> e.value() instanceof ProductionCount
                        && e.node().equals(node));
                Optional<DeliveredEvents.Delivered> before = counts.stream().filter(e -> e.received().isBefore(lost))
                        .reduce((first, second) -> second);
                Optional<DeliveredEvents.Delivered> after = counts.stream().filter(e -> !e.received().isBefore(
                        back.truncatedTo(ChronoUnit.MILLIS))).findFirst();
                if (before.isPresent() && after.isPresent()) {
                    expected.put(node, truth.partsCounted(node, before.get().sourceTime(), after.get().sourceTime(),
                            modulus(simulator, machine)));
                    actual.put(node, delivered.increments(e -> e == after.get()).get(0));
                }
            }
        }
        assertThat(actual).as("counters counting on both sides of the gap").hasSizeGreaterThan(4);
        assertThat(actual).as("first increment after the gap per counter").isEqualTo(expected);
        return actual;
    }

    /**
     * For every good and reject counter of every machine: the increments of the events {@code which}
     * select add up to the parts the simulator counted after {@code from} up to {@code to(node)}.
     */
    private void assertPartsCounted(PlantSimulator simulator, DeliveredEvents delivered,
            Predicate<DeliveredEvents.Delivered> which, Instant from, Function<String, Instant> to) {
        Map<String, Long> made = new TreeMap<>();
        Map<String, Long> reported = new TreeMap<>();
        for (MachineDescription machine : simulator.plant().machines()) {
            long modulus = modulus(simulator, machine);
            for (String counter : List.of(TagDefinition.GOOD_COUNT, TagDefinition.REJECT_COUNT)) {
                String node = machine.id() + "." + counter;
                made.put(node, truth.partsCounted(node, from, to.apply(node), modulus));
                reported.put(node, delivered.partsReported(node, which));
            }
        }
        assertThat(made.values().stream().mapToLong(Long::longValue).sum()).as("parts made").isPositive();
        assertThat(reported).as("parts reported per counter").isEqualTo(made);
    }

    /** The simulator's counters wrap at 16 bits on the machines the plant settings name, at 32 elsewhere. */
    private static long modulus(PlantSimulator simulator, MachineDescription machine) {
        return simulator.settings().plant().sixteenBitCounters().contains(machine.id()) ? 1L << 16 : 1L << 32;
    }

    /** Each machine's last delivered state holds the PackML state the simulator had at {@code end}. */
    private void assertLastStates(PlantSimulator simulator, String site, DeliveredEvents delivered, Instant end) {
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        for (MachineDescription machine : simulator.plant().machines()) {
            expected.put(machine.id(), String.valueOf(truth.valueAt(machine.id() + "." + TagDefinition.STATE, end)));
            List<MachineStateChanged> states = delivered.statesOf(SimulatorTagMap.equipmentId(site, machine));
            actual.put(machine.id(), states.isEmpty() ? null : states.get(states.size() - 1).getRawState());
        }
        assertThat(actual).as("last raw state per machine").isEqualTo(expected);
    }

    private static Optional<Instant> lastCountTime(DeliveredEvents delivered, String node,
            Predicate<DeliveredEvents.Delivered> which) {
        return delivered.where(which).stream().filter(e -> e.value() instanceof ProductionCount)
                .filter(e -> e.node().equals(node)).map(DeliveredEvents.Delivered::sourceTime)
                .max(Instant::compareTo);
    }

    /** Waits until the gateway has every tag's first value: the baseline its counters count from. */
    private static void awaitBaseline(LongSupplier samples, int tags) {
        await().atMost(Duration.ofSeconds(60)).until(() -> samples.getAsLong() >= tags);
    }

    /**
     * With the plant paused: waits until the gateway has written everything ahead (its count of
     * events written stays the same for a second) and delivered it all.
     */
    private static void awaitQuiet(LongSupplier appended, LongSupplier undelivered) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = appended.getAsLong();
            boolean still = now == last[0];
            last[0] = now;
            return still && undelivered.getAsLong() == 0;
        });
    }

    private PlantSimulator simulator(int port) {
        PlantSettings plant = PlantSettings.builder().seed(7).lines(2).machinesPerLine(4).build();
        PlantSimulator simulator = new PlantSimulator(SimulatorSettings.builder().plant(plant).speed(SPEED)
                .bindHost("localhost").port(port).pkiDirectory(dir.resolve("sim-pki")).build());
        truth.recordInitialValues(simulator.plant());
        simulator.plant().addListener(truth);
        simulator.start();
        return simulator;
    }

    private ChildGatewayProcess child(String name, Path tagMap, Path state, Path buffer) throws IOException {
        return ChildGatewayProcess.start(name, tagMap, state, buffer, backbone.bootstrapServers(),
                backbone.registryUrl());
    }

    /** The site's topics with three partitions each, so that order per key is checked across partitions. */
    private static TopicCatalogue provision(String site) {
        TopicCatalogue catalogue = TopicCatalogue.forSite(site, 3, 1);
        try (Admin admin = backbone.admin()) {
            new TopicProvisioner(admin).provision(catalogue.all());
        }
        return catalogue;
    }

    private TaktConfig config(Path tagMap) {
        return EdgeGateway.DEFINITION.validate(ConfigSources.builder().overrides(Map.of(
                "gateway.tag.map", tagMap.toString(),
                "gateway.state.dir", dir.resolve("state").toString(),
                "buffer.dir", dir.resolve("buffer").toString(),
                "kafka.bootstrap.servers", backbone.bootstrapServers(),
                "schema.registry.url", backbone.registryUrl())).build());
    }

    private static SourceStatus source(EdgeGateway gateway) {
        return gateway.status().sources().get(0);
    }

    private long counter(String name) {
        return (long) meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** A port free now, so that the restarted simulator can listen where the gateway looks. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        }
    }
}
