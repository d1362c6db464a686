package io.takt.deploy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.takt.acquisition.delivery.DeliveryConfig;
import io.takt.acquisition.delivery.buffer.FsyncPolicy;
import io.takt.bench.DashboardBenchmark;
import io.takt.bench.ErpBenchmark;
import io.takt.bench.GatewayBenchmark;
import io.takt.bench.GenealogyBenchmark;
import io.takt.bench.OeeBenchmark;
import io.takt.bench.SerdeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt bench NAME}: benchmarks over the real services, each against a baseline in the same process. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Run a benchmark over real in-process services and print throughput, latency percentiles, "
                + "allocation and heap, each next to a baseline measured in the same run.",
            "Close other work first: figures on a busy 2-core machine vary."
        },
        subcommands = {BenchCommand.Serde.class, BenchCommand.Gateway.class, BenchCommand.Oee.class,
            BenchCommand.Erp.class, BenchCommand.Genealogy.class, BenchCommand.Dashboard.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "serde", mixinStandardHelpOptions = true,
            description = "Confluent-format Avro serdes with the schema registry: serializer and deserializer against "
                    + "plain Avro encoding, and produce->consume through Kafka against pre-encoded bytes.")
    static final class Serde implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--operations", defaultValue = "2000000", paramLabel = "N",
                description = "Serializer/deserializer calls per run (default: ${DEFAULT-VALUE}).")
        long operations;

        @Option(names = "--events", defaultValue = "500000", paramLabel = "N",
                description = "Events through Kafka per end-to-end run (default: ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--rate", defaultValue = "20000", paramLabel = "N",
                description = "Events per second in the paced latency runs (default: ${DEFAULT-VALUE}).")
        int rate;

        @Override
        public Integer call() throws Exception {
            new SerdeBenchmark(new SerdeBenchmark.Settings(operations, events, rate), spec.commandLine().getOut())
                    .run();
            return 0;
        }
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = {"Tag updates/s one edge gateway sustains from the plant simulator (OPC UA) to Kafka, against "
                    + "a bare OPC UA source that only counts, and with buffer.fsync off; then the buffer's drain rate "
                    + "after a broker outage. Simulator, gateway, broker, registry and a consumer run in this process.",
                "Takes about (warm-up + duration) x 3 + outage + a minute of start-up and drain."})
    static final class Gateway implements Callable<Integer> {

        private static final GatewayBenchmark.Settings DEFAULTS = GatewayBenchmark.Settings.defaults();

        @Spec
        CommandSpec spec;

        @Option(names = "--machines", defaultValue = "200x10", paramLabel = "LINESxMACHINES",
                description = "Simulated plant: lines x machines per line (default: ${DEFAULT-VALUE}).")
        String machines;

        @Option(names = "--speed", defaultValue = "450", paramLabel = "X",
                description = "Simulated seconds per real second; about 0.11 tag changes per machine and simulated "
                        + "second are offered (default: ${DEFAULT-VALUE}).")
        double speed;

        @Option(names = "--warmup", defaultValue = "20", paramLabel = "SECONDS",
                description = "Warm-up before each measurement (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--duration", defaultValue = "30", paramLabel = "SECONDS",
                description = "Measurement window of each run (default: ${DEFAULT-VALUE}).")
        int duration;

        @Option(names = "--fsync", defaultValue = "every-batch", paramLabel = "POLICY", converter = FsyncConverter.class,
                description = "buffer.fsync of the main run: every-record, every-batch or none; the comparison run uses "
                        + "none (or every-batch when this is none) (default: ${DEFAULT-VALUE}).")
        FsyncPolicy fsync;

        @Option(names = "--outage", defaultValue = "10", paramLabel = "SECONDS",
                description = "Broker outage before the drain measurement; 0 skips it (default: ${DEFAULT-VALUE}).")
        int outage;

        @Override
        public Integer call() throws Exception {
            Matcher plant = Pattern.compile("(\\d+)x(\\d+)").matcher(machines.trim());
            if (!plant.matches()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--machines must be LINESxMACHINES, e.g. " + DEFAULTS.lines() + "x" + DEFAULTS.machinesPerLine()
                                + ", not '" + machines + "'");
            }
            GatewayBenchmark.Settings settings;
            try {
                settings = new GatewayBenchmark.Settings(Integer.parseInt(plant.group(1)),
                        Integer.parseInt(plant.group(2)), speed, Duration.ofSeconds(warmup),
                        Duration.ofSeconds(duration), fsync, Duration.ofSeconds(outage));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            new GatewayBenchmark(settings, spec.commandLine().getOut()).run();
            return 0;
        }
    }

    @Command(name = "oee", mixinStandardHelpOptions = true,
            description = {"Input events/s the OEE topology sustains (OeeService: Kafka Streams, exactly_once_v2, "
                    + "RocksDB) against a raw produce->consume pass-through of the same pre-serialized events; then "
                    + "the latency from a state change to the live record showing it, at a paced rate; then the heap. "
                    + "Broker, registry, producers and the app run in this process.",
                "For the heap limit of a deployment, run with e.g. TAKT_JAVA_OPTS=-Xmx1g."})
    static final class Oee implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--machines", defaultValue = "1000", paramLabel = "N",
                description = "Machines in the plant, ten a line, ten lines an area (default: ${DEFAULT-VALUE}).")
        int machines;

        @Option(names = "--events", defaultValue = "2000000", paramLabel = "N",
                description = "Events in each throughput run (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--partitions", defaultValue = "2", paramLabel = "N",
                description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--state-changes-per-count", defaultValue = "0.1", paramLabel = "RATIO",
                description = "State changes per production count; a machine stops and restarts after every "
                        + "round(2 / RATIO) counts (default: ${DEFAULT-VALUE}).")
        double stateChangesPerCount;

        @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
                description = "Stream threads of the OEE app, oee.threads (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--rate", defaultValue = "3000", paramLabel = "N",
                description = "Events/s offered in the latency run (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--latency-duration", defaultValue = "30", paramLabel = "SECONDS",
                description = "Length of the latency run; 0 skips it (default: ${DEFAULT-VALUE}).")
        int latencySeconds;

        @Override
        public Integer call() throws Exception {
            OeeBenchmark.Settings settings;
            try {
                settings = new OeeBenchmark.Settings(machines, events, partitions, stateChangesPerCount, threads, rate,
                        Duration.ofSeconds(latencySeconds));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            new OeeBenchmark(settings, spec.commandLine().getOut()).run();
            return 0;
        }
    }

    /** {@code every-batch} and the rest, spelt as in {@code buffer.fsync}. */
    static final class FsyncConverter implements ITypeConverter<FsyncPolicy> {
        @Override
        public FsyncPolicy convert(String value) {
            return DeliveryConfig.BUFFER_FSYNC.type().parse(value);
        }
    }

    @Command(name = "erp", mixinStandardHelpOptions = true,
            description = {"Change events/s the erp-connector (Debezium on the embedded ERP stand-in) takes from "
                    + "an ERP commit to its WorkOrder on the topic, against the ERP committing the same single-row "
                    + "updates with nobody capturing them; then the latency from a commit to its WorkOrder read "
                    + "back, at a paced rate. Then the way back: production counts of many machines through the "
                    + "confirmation stream to the confirmation topic and into the ERP's rows, against the same counts "
                    + "written and read back; and the latency from a count to its confirmation, on the topic and in "
                    + "the ERP, at a paced rate. Broker, registry, database and connector run in this process."})
    static final class Erp implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--updates", defaultValue = "20000", paramLabel = "N",
                description = "Order updates in the throughput runs (default: ${DEFAULT-VALUE}).")
        int updates;

        @Option(names = "--rate", defaultValue = "200", paramLabel = "N",
                description = "Updates/s in the latency run (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--duration", defaultValue = "20", paramLabel = "SECONDS",
                description = "Length of each latency run (default: ${DEFAULT-VALUE}).")
        int duration;

        @Option(names = "--counts", defaultValue = "100000", paramLabel = "N",
                description = "Production counts in the confirmations' throughput run (default: ${DEFAULT-VALUE}).")
        int counts;

        @Option(names = "--machines", defaultValue = "50", paramLabel = "N",
                description = "Machines the counts come from, one order each (default: ${DEFAULT-VALUE}).")
        int machines;

        @Override
        public Integer call() throws Exception {
            ErpBenchmark.Settings settings;
            try {
                settings = new ErpBenchmark.Settings(updates, rate, Duration.ofSeconds(duration), counts, machines);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            new ErpBenchmark(settings, spec.commandLine().getOut()).run();
            return 0;
        }
    }

    @Command(name = "genealogy", mixinStandardHelpOptions = true,
            description = {"Movements/s streams-genealogy (Kafka Streams, exactly_once_v2, RocksDB, the lot graph in "
                    + "global stores) takes from a synthetic plant (lots in 12 levels from raw to finished, 2-3 "
                    + "parents and 2-3 children a lot) until every lot is traceable over REST, against the same "
                    + "movements written to a topic and read back by a plain consumer; then backward traces of "
                    + "finished lots and forward traces of raw lots over REST at a depth (p50/p99, goal p99 <= 20 ms), "
                    + "against single-lot lookups on the same API; then heap and state on disk. Broker, registry, "
                    + "the app and the clients run in this process.",
                "With the default 1,000,000 lots the ingest takes minutes; progress is printed every 10 s. Settings "
                    + "of the app the benchmark does not set (e.g. genealogy.reorder.window) are read from TAKT_* "
                    + "environment variables."})
    static final class Genealogy implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--lots", defaultValue = "1000000", paramLabel = "N",
                description = "Lots in the plant, rounded down to a multiple of 24 (default: ${DEFAULT-VALUE}).")
        int lots;

        @Option(names = "--queries", defaultValue = "2000", paramLabel = "N",
                description = "Timed traces in each direction, and lookups in the baseline (default: "
                        + "${DEFAULT-VALUE}).")
        int queries;

        @Option(names = "--depth", defaultValue = "10", paramLabel = "N",
                description = "Depth of the traces (default: ${DEFAULT-VALUE}).")
        int depth;

        @Override
        public Integer call() throws Exception {
            GenealogyBenchmark.Settings settings;
            try {
                settings = new GenealogyBenchmark.Settings(lots, queries, depth);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            new GenealogyBenchmark(settings, spec.commandLine().getOut()).run();
            return 0;
        }
    }

    @Command(name = "dashboard", mixinStandardHelpOptions = true,
            description = {"Latency from a live OEE record written to the live topic to the dashboard's SSE update "
                    + "showing it at N connected clients (p50/p90/p99/max, goal p99 <= 1 s), at a plant's rate; then a "
                    + "burst flat out for the records/s the dashboard's view takes in; then GET /api/snapshot of the "
                    + "whole plant and the heap. Baseline: the same records on a topic of their own read by a plain "
                    + "read_committed consumer with the same deserializer. Broker, registry, the dashboard and the "
                    + "clients (java.net.http, no browser) run in this process.",
                "Takes about 2 x (duration + 5 s warm-up) plus the bursts and start-up: ~1.5 minutes by default."})
    static final class Dashboard implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--machines", defaultValue = "1000", paramLabel = "N",
                description = "Machines, ten a line, ten lines an area; their line, area and site roll-ups come on "
                        + "top (default: ${DEFAULT-VALUE}).")
        int machines;

        @Option(names = "--rate", defaultValue = "2000", paramLabel = "N",
                description = "Live records/s written in the paced runs, machines and roll-ups in turn "
                        + "(default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--duration", defaultValue = "30", paramLabel = "SECONDS",
                description = "Timed part of each paced run, after a 5 s warm-up (default: ${DEFAULT-VALUE}).")
        int duration;

        @Option(names = "--clients", defaultValue = "5", paramLabel = "N",
                description = "SSE clients connected to GET /api/events (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--burst", defaultValue = "200000", paramLabel = "N",
                description = "Records written flat out in each burst run; each burst goes twice, the first untimed "
                        + "(default: ${DEFAULT-VALUE}).")
        int burst;

        @Override
        public Integer call() throws Exception {
            DashboardBenchmark.Settings settings;
            try {
                settings = new DashboardBenchmark.Settings(machines, rate, Duration.ofSeconds(duration), clients, burst);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            new DashboardBenchmark(settings, spec.commandLine().getOut()).run();
            return 0;
        }
    }
}
