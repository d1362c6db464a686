package io.takt.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.acquisition.opcua.MessageSecurity;
import io.takt.acquisition.opcua.OpcUaBrowser;
import io.takt.acquisition.opcua.OpcUaIdentity;
import io.takt.acquisition.opcua.OpcUaSecurityPolicy;
import io.takt.acquisition.opcua.OpcUaSourceSettings;
import io.takt.acquisition.tagmap.TagMap;
import io.takt.platform.config.DurationText;
import io.takt.platform.config.Password;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.http.ServiceEndpoint;
import io.takt.platform.http.ServiceMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt acquire}: the edge gateway, and the tools to write its tag map. */
@Command(name = "acquire",
        mixinStandardHelpOptions = true,
        description = "The edge gateway: read PLCs, OPC UA servers and MQTT (Sparkplug B) per a tag map and publish "
                + "canonical events to Kafka, buffered on disk while Kafka is away.",
        subcommands = {AcquireCommand.Run.class, AcquireCommand.Check.class, AcquireCommand.Browse.class})
final class AcquireCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the gateway until Ctrl-C, printing per-source connection state and rates, "
                    + "and the buffer and Kafka side, every --status-interval.")
    static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Option(names = {"-t", "--tag-map"}, paramLabel = "FILE",
                description = "The tag map (config gateway.tag.map).")
        Path tagMap;

        @Option(names = "--status-interval", defaultValue = "10s", paramLabel = "DURATION",
                description = "How often to print status (default: ${DEFAULT-VALUE}); 0s for never.")
        String statusInterval;

        @Option(names = "--http-port", paramLabel = "PORT",
                description = "Port of /metrics (Prometheus), /health and /ready (config gateway.http.port, "
                        + "default 9464); 0 picks a free one.")
        Integer httpPort;

        @Override
        public Integer call() throws Exception {
            Duration interval = DurationText.parse(statusInterval);
            TaktConfig cfg = config.load(EdgeGateway.DEFINITION,
                    ConfigOptions.given(EdgeGateway.TAG_MAP.name(), tagMap, EdgeGateway.HTTP_PORT.name(), httpPort));
            RunUntilStopped run = new RunUntilStopped();
            ServiceMetrics metrics = run.closeOnExit(ServiceMetrics.create("takt-gateway"));
            ServiceEndpoint http = run.closeOnExit(ServiceEndpoint.builder(metrics)
                    .host(cfg.get(EdgeGateway.HTTP_HOST)).port(cfg.get(EdgeGateway.HTTP_PORT)).build()).start();
            EdgeGateway gateway = run.closeOnExit(EdgeGateway.create(cfg, metrics.registry())).start();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Gateway " + gateway.tagMap().gateway().id() + " running; metrics at " + http.url()
                    + "/metrics. Press Ctrl-C to stop.");
            out.flush();
            GatewayStatusPrinter printer = run.closeOnExit(new GatewayStatusPrinter(gateway, out));
            if (!interval.isZero()) {
                printer.every(interval);
            }
            run.await();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a tag map without connecting anything: every problem by line and key, "
                    + "or a summary of what it configures.")
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-t", "--tag-map"}, required = true, paramLabel = "FILE", description = "The tag map.")
        Path tagMap;

        @Override
        public Integer call() {
            TagMap map = EdgeGateway.checkTagMap(tagMap);
            PrintWriter out = spec.commandLine().getOut();
            out.println(tagMap + " is valid: gateway " + map.gateway().id() + " for site " + map.gateway().site()
                    + ", " + map.equipment().size() + " machine(s), " + map.sources().size() + " source(s), "
                    + map.tags().size() + " tag(s)");
            map.sources().forEach(s -> out.println("  source " + s.id() + " (" + s.type().yamlName() + "): "
                    + map.tagsOf(s.id()).size() + " tag(s)"));
            out.flush();
            return 0;
        }
    }

    @Command(name = "browse", mixinStandardHelpOptions = true,
            description = "Browse an OPC UA server's address space to find the node ids for a tag map.")
    static final class Browse implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--endpoint", required = true, paramLabel = "URL",
                description = "The server, e.g. opc.tcp://plc-1:4840.")
        String endpoint;

        @Option(names = "--node", paramLabel = "NODE-ID", description = "Start node (default: the Objects folder).")
        String node;

        @Option(names = "--depth", defaultValue = "3", paramLabel = "N",
                description = "Levels below the start node (default: ${DEFAULT-VALUE}).")
        int depth;

        @Option(names = "--security-policy", defaultValue = "basic256sha256", paramLabel = "POLICY",
                description = "none, basic256sha256, aes128-sha256-rsaoaep or aes256-sha256-rsapss "
                        + "(default: ${DEFAULT-VALUE}).")
        String policy;

        @Option(names = "--security-mode", defaultValue = "sign-and-encrypt", paramLabel = "MODE",
                description = "none, sign or sign-and-encrypt (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--allow-insecure", description = "Needed with --security-policy none.")
        boolean allowInsecure;

        @Option(names = "--username", paramLabel = "USER", description = "Log in as this user; the password "
                + "comes from $TAKT_OPCUA_PASSWORD.")
        String username;

        @Option(names = "--pki-dir", defaultValue = "data/gateway/pki", paramLabel = "DIR",
                description = "The gateway's certificates: trusted/, rejected/, own/ (default: ${DEFAULT-VALUE}).")
        Path pkiDir;

        @Override
        public Integer call() throws Exception {
            var settings = OpcUaSourceSettings.builder("browse", endpoint, pkiDir)
                    .security(enumValue(OpcUaSecurityPolicy.class, policy, "--security-policy"),
                            enumValue(MessageSecurity.class, mode, "--security-mode"))
                    .allowInsecure(allowInsecure)
                    .identity(username == null ? OpcUaIdentity.anonymous()
                            : OpcUaIdentity.username(username, new Password(passwordFromEnvironment())))
                    .build();
            String tree = new OpcUaBrowser(settings).browse(node, depth).toText();
            spec.commandLine().getOut().print(tree);
            spec.commandLine().getOut().flush();
            return 0;
        }

        private static String passwordFromEnvironment() {
            String password = System.getenv("TAKT_OPCUA_PASSWORD");
            if (password == null) {
                throw new IllegalArgumentException("--username needs the password in $TAKT_OPCUA_PASSWORD "
                        + "(not on the command line, where other users could read it)");
            }
            return password;
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String option) {
            String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return Enum.valueOf(type, name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " '" + text + "' is not one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
            }
        }
    }
}
