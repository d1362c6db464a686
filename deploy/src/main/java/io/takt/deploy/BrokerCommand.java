package io.takt.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.takt.platform.kafka.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt broker}: a single-node KRaft Kafka broker in this process, for a laptop or a test bench. */
@Command(name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Run a single-node Kafka broker (KRaft, broker and controller in one process).",
            "For development, demos and a test bench; production plants use a real Kafka cluster.",
            "Prints its bootstrap address, then runs until Ctrl-C."
        })
final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "data/kafka", paramLabel = "DIR",
            description = "Log directory; kept between runs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--host", defaultValue = "localhost", paramLabel = "HOST",
            description = "Host name to bind and advertise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "Client port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--controller-port", defaultValue = "9093", paramLabel = "PORT",
            description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Override
    public Integer call() throws Exception {
        RunUntilStopped run = new RunUntilStopped();
        EmbeddedKafkaBroker broker = run.closeOnExit(new EmbeddedKafkaBroker(
                new EmbeddedKafkaBroker.Settings(dataDir, host, port, controllerPort, Map.of())));
        broker.start();
        var out = spec.commandLine().getOut();
        out.println("Kafka broker ready");
        out.println("  bootstrap.servers=" + broker.bootstrapServers());
        out.println("  data directory:    " + broker.logDir());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        run.await();
        return 0;
    }
}
