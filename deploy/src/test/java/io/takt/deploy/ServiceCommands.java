package io.takt.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.acquisition.simulator.SimulatorSettings;
import io.takt.erp.ErpSettings;
import io.takt.dashboard.DashboardSettings;
import io.takt.genealogy.GenealogySettings;
import io.takt.oee.OeeSettings;
import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.registry.server.RegistrySettings;
import picocli.CommandLine.ParseResult;

/**
 * A {@code takt ...} command line from a deployment file, checked the way the real CLI would take
 * it: picocli parses it against {@link TaktCommand}'s tree, and its config file and environment
 * are validated against the definition the command loads.
 */
record ServiceCommands(List<String> args, ParseResult parsed) {

    /** Parses with the real command tree; an unknown command or option fails the caller's test. */
    static ServiceCommands parse(List<String> args) {
        ParseResult result = TaktCommand.commandLine().parseArgs(args.toArray(String[]::new));
        return new ServiceCommands(List.copyOf(args), result);
    }

    /** The leaf command's name path, e.g. {@code oee run}. */
    String name() {
        List<String> names = new ArrayList<>();
        ParseResult current = parsed.subcommand();
        while (current != null) {
            names.add(current.commandSpec().name());
            current = current.subcommand();
        }
        return String.join(" ", names);
    }

    ParseResult leaf() {
        ParseResult current = parsed;
        while (current.subcommand() != null) {
            current = current.subcommand();
        }
        return current;
    }

    Optional<String> option(String name) {
        ParseResult leaf = leaf();
        return leaf.hasMatchedOption(name) ? Optional.of(leaf.matchedOption(name).stringValues().get(0))
                : Optional.empty();
    }

    /** The config file given with -c/--config, if any. */
    Optional<String> configFile() {
        return option("--config");
    }

    /** The keys this command validates its config against, as its call() does. */
    ConfigDefinition definition() {
        return switch (name()) {
            case "topics create", "topics list" -> PlatformConfig.DEFINITION;
            case "registry" -> RegistrySettings.DEFINITION;
            case "simulate" -> SimulatorSettings.DEFINITION;
            case "acquire run" -> EdgeGateway.DEFINITION;
            case "oee run", "oee reconcile" -> OeeSettings.DEFINITION;
            case "genealogy run" -> GenealogySettings.DEFINITION;
            case "erp", "erp status" -> ErpSettings.DEFINITION;
            case "dashboard" -> DashboardSettings.DEFINITION;
            default -> throw new AssertionError("No config definition known for 'takt " + name() + "'");
        };
    }

    /** Validates file + environment as the service would at start-up; throws ConfigException naming each bad key. */
    TaktConfig validate(Path file, Map<String, String> environment) {
        ConfigSources.Builder sources = ConfigSources.builder().environment(environment);
        if (file != null) {
            sources.file(file);
        }
        return definition().validate(sources.build());
    }

    /**
     * The port this command serves HTTP on (/metrics, /health, /ready, and its API if it has one): its
     * own option when given, else its config's {@code *.http.port} (the registry's
     * {@code registry.listen.port}); empty for a command that serves no HTTP.
     */
    Optional<Integer> httpPort(TaktConfig config) {
        boolean registry = name().equals("registry");
        Optional<String> option = option(registry ? "--port" : "--http-port");
        if (option.isPresent()) {
            return option.map(Integer::valueOf);
        }
        return config.definition().keys().stream()
                .filter(key -> registry ? key.name().equals(RegistrySettings.PORT.name())
                        : key.name().endsWith(".http.port"))
                .findFirst().map(key -> (Integer) config.find(key).orElseThrow());
    }

    @Override
    public String toString() {
        return "takt " + String.join(" ", args);
    }

}
