package io.takt.deploy;

import java.util.concurrent.Callable;

import io.takt.bench.SerdeBenchmark;
import picocli.CommandLine.Command;
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
        subcommands = {BenchCommand.Serde.class})
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
}
