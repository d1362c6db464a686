package io.takt.deploy;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.acquisition.simulator.SimulatorSettings;
import io.takt.dashboard.DashboardSettings;
import io.takt.erp.ErpSettings;
import io.takt.genealogy.GenealogySettings;
import io.takt.oee.OeeSettings;
import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.registry.server.RegistrySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code takt config keys|check}: what can be configured, and what a given setup resolves to. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        description = "Describe the configuration keys, or check a config file and environment without starting anything.",
        subcommands = {ConfigCommand.Keys.class, ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {

    /** Every key any service of this build declares: one include per service command. */
    static final ConfigDefinition ALL_KEYS = ConfigDefinition.builder()
            .include(RegistrySettings.DEFINITION)
            .include(SimulatorSettings.DEFINITION)
            .include(EdgeGateway.DEFINITION)
            .include(OeeSettings.DEFINITION)
            .include(ErpSettings.DEFINITION)
            .include(GenealogySettings.DEFINITION)
            .include(DashboardSettings.DEFINITION)
            .build();

    /**
     * What {@code takt config check} validates against: every key's rules, but none required, since
     * a file checked here may be for any one service (gateway.tag.map is required by the gateway only).
     */
    static final ConfigDefinition CHECKED_KEYS = ALL_KEYS.withNothingRequired();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = "Print every config key as a Markdown table: type, default, allowed values, "
                    + "environment variable, meaning.")
    static final class Keys implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(ALL_KEYS.toMarkdown());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the config file, TAKT_* environment and --set values; print the effective "
                    + "settings and where each came from (secrets masked). Exit 1 naming every bad key.")
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() {
            TaktConfig effective = config.load(CHECKED_KEYS);
            PrintWriter out = spec.commandLine().getOut();
            effective.describeEffective().forEach(out::println);
            effective.warnings().forEach(w -> out.println("warning: " + w));
            out.println("Configuration is valid.");
            out.flush();
            return 0;
        }
    }
}
