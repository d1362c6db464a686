package io.takt.deploy;

import java.util.Locale;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code takt} command: one entry point for every Takt service and tool. */
@Command(name = "takt",
        mixinStandardHelpOptions = true,
        versionProvider = TaktVersion.class,
        description = {
            "Takt: a Kafka-native event backbone for manufacturing execution.",
            "Machine and material events from the shop floor flow into Kafka as Avro; stream apps turn "
                + "them into live OEE, downtime and genealogy; ERP work orders arrive by CDC.",
            ""
        },
        subcommands = {
            DemoCommand.class,
            BrokerCommand.class,
            RegistryCommand.class,
            TopicsCommand.class,
            AcquireCommand.class,
            SimulateCommand.class,
            ConfigCommand.class,
            BenchCommand.class,
            OeeCommand.class,
            ErpCommand.class,
            GenealogyCommand.class,
            DashboardCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Run 'takt COMMAND --help' for a command's options. Docs: README.md"})
public final class TaktCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Numbers format the same on every host (decimal point, comma grouping), whatever its locale.
        // It also takes the slow locale lookup out of String.format, which Kafka Streams calls before
        // every record a task with an empty input partition processes (measured: 5 % of the OEE app).
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new TaktCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new StartupFailureHandler());
    }

    @Override
    public void run() {
        // "takt" alone: show what there is to do rather than fail.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
