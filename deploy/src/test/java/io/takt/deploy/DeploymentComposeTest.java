package io.takt.deploy;

import static io.takt.deploy.DeploymentFiles.COMPOSE;
import static io.takt.deploy.DeploymentFiles.at;
import static io.takt.deploy.DeploymentFiles.list;
import static io.takt.deploy.DeploymentFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.takt.platform.config.ConfigException;
import io.takt.platform.config.TaktConfig;

/**
 * deploy/compose/compose.yaml refers to real things: each Takt container's command line parses
 * against the CLI, its mounted config file and TAKT_* environment pass the command's own config
 * validation, its healthcheck asks the port the config opens, images are pinned, mounts exist.
 */
class DeploymentComposeTest {

    private static final Path FILE = COMPOSE.resolve("compose.yaml");
    private static final Pattern LOCAL_URL = Pattern.compile("http://localhost:(\\d+)(/[A-Za-z/]*)");
    private static final Set<String> CONDITIONS =
            Set.of("service_started", "service_healthy", "service_completed_successfully");

    private final Map<String, Object> services = map(at(DeploymentFiles.document(FILE), "services"), "services");

    @Test
    void shouldPinEveryImageToATagOtherThanLatest() {
        services.forEach((name, service) -> {
            String image = (String) at(service, "image");
            assertThat(image).as("image of %s", name).isNotBlank();
            assertThat(DeploymentFiles.tagOf(image)).as("tag of %s's image %s", name, image)
                    .isNotEmpty().isNotEqualTo("latest");
        });
    }

    @Test
    void shouldRunOnlyCommandsAndOptionsTheTaktCliHas() {
        // Given every container of the Takt image with a takt command line (connect-init runs a shell)
        Map<String, ServiceCommands> commands = taktCommands();

        // Then each one parsed (else parse() threw), and the backbone is all there
        assertThat(commands.values()).extracting(ServiceCommands::name).contains("topics create", "registry",
                "simulate", "acquire run", "oee run", "genealogy run", "erp", "dashboard");
    }

    @Test
    void shouldMountConfigFilesThatPassEachServicesOwnValidation() {
        taktCommands().forEach((name, command) -> {
            Path file = command.configFile().map(inContainer -> hostPathOf(name, inContainer)).orElse(null);
            Map<String, String> env = taktEnvironment(name);
            // Every one sets TAKT_LOG_LEVEL, which logback reads and the config loader must skip quietly
            assertThat(env).as("environment of %s", name).containsKey("TAKT_LOG_LEVEL");
            try {
                TaktConfig config = command.validate(file, env);
                // An unknown TAKT_* variable is only a warning to the service; here it is a mistake.
                assertThat(config.warnings()).as("config warnings of %s", name).isEmpty();
            } catch (ConfigException e) {
                fail("Config of compose service %s (%s, %s) is invalid: %s", name, command, file, e.getMessage());
            }
        });
    }

    @Test
    void shouldProbeReadinessOnThePortTheServiceListensOn() {
        taktCommands().forEach((name, command) -> healthcheckUrl(name).ifPresent(url -> {
            int port = Integer.parseInt(url.group(1));
            String path = url.group(2);
            // Given the port the service opens, from its command line or its config
            int listening = listeningPort(name, command);
            // Then the healthcheck asks that port for /ready
            assertThat(port).as("healthcheck port of %s", name).isEqualTo(listening);
            assertThat(path).as("healthcheck path of %s", name).isEqualTo("/ready");
            // And a published port, if any, maps onto it
            Object ports = at(services.get(name), "ports");
            if (ports != null) {
                assertThat(list(ports, name + ".ports")).extracting(p -> p.toString().replaceAll(".*:", ""))
                        .as("container ports of %s", name).contains(String.valueOf(listening));
            }
        }));
    }

    @Test
    void shouldProbeEveryLongRunningServiceAndEveryHttpEndpointOnReady() {
        taktCommands().forEach((name, command) -> {
            if (command.name().equals("topics create")) {
                return; // runs once and exits
            }
            assertThat(at(services.get(name), "healthcheck", "test")).as("healthcheck of %s", name).isNotNull();
            // A service that serves HTTP is probed there, not by some other sign of life
            if (command.httpPort(validate(name, command)).isPresent()) {
                assertThat(healthcheckUrl(name)).as("healthcheck URL of %s", name).isPresent();
            }
        });
    }

    @Test
    void shouldDependOnlyOnServicesThatExistWithValidConditions() {
        services.forEach((name, service) -> {
            Object dependsOn = at(service, "depends_on");
            if (dependsOn == null) {
                return;
            }
            map(dependsOn, name + ".depends_on").forEach((other, spec) -> {
                assertThat(services).as("%s depends on %s", name, other).containsKey(other);
                String condition = (String) at(spec, "condition");
                assertThat(CONDITIONS).as("condition of %s -> %s", name, other).contains(condition);
                if (condition.equals("service_healthy")) {
                    assertThat(at(services.get(other), "healthcheck")).as("%s waits for %s to be healthy", name, other)
                            .isNotNull();
                }
            });
        });
    }

    @Test
    void shouldBindMountOnlyFilesThatExist() {
        services.forEach((name, service) -> volumes(name).forEach(volume -> {
            String source = volume.split(":")[0];
            if (source.startsWith(".")) {
                assertThat(COMPOSE.resolve(source).normalize()).as("bind mount of %s", name).exists();
            } else {
                assertThat(map(at(DeploymentFiles.document(FILE), "volumes"), "volumes"))
                        .as("named volume of %s", name).containsKey(source);
            }
        }));
    }

    @Test
    void shouldKeepStreamAppStateOnNamedVolumesAtTheConfiguredStateDir() {
        Map<String, ServiceCommands> commands = taktCommands();
        Map<String, String> stateKeys = Map.of("oee run", "oee.state.dir", "genealogy run", "genealogy.state.dir",
                "erp", "erp.state.dir", "acquire run", "gateway.state.dir");
        commands.forEach((name, command) -> {
            String key = stateKeys.get(command.name());
            if (key == null) {
                return;
            }
            TaktConfig config = command.validate(hostPathOf(name, command.configFile().orElseThrow()), taktEnvironment(name));
            String stateDir = String.valueOf(config.definition().key(key).flatMap(k -> config.find(k)).orElseThrow());
            assertThat(volumes(name)).as("volumes of %s", name)
                    .anyMatch(v -> !v.startsWith(".") && v.split(":")[1].equals(stateDir));
        });
    }

    private Map<String, ServiceCommands> taktCommands() {
        Map<String, ServiceCommands> commands = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            String image = String.valueOf(at(service, "image"));
            if (image.startsWith("takt:") && at(service, "entrypoint") == null) {
                List<String> args = list(at(service, "command"), name + ".command").stream().map(String::valueOf).toList();
                commands.put(name, ServiceCommands.parse(args));
            }
        });
        return commands;
    }

    private List<String> volumes(String service) {
        Object volumes = at(services.get(service), "volumes");
        return volumes == null ? List.of() : list(volumes, service + ".volumes").stream().map(String::valueOf).toList();
    }

    private Path hostPathOf(String service, String inContainer) {
        for (String volume : volumes(service)) {
            String[] parts = volume.split(":");
            if (parts[1].equals(inContainer)) {
                Path host = COMPOSE.resolve(parts[0]).normalize();
                assertThat(host).as("%s's config %s", service, inContainer).isRegularFile();
                return host;
            }
        }
        throw new AssertionError(service + " reads " + inContainer + " but mounts nothing there");
    }

    private Map<String, String> taktEnvironment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object declared = at(services.get(service), "environment");
        if (declared != null) {
            map(declared, service + ".environment").forEach((k, v) -> {
                if (k.startsWith("TAKT_")) {
                    env.put(k, DeploymentFiles.substitute(String.valueOf(v)));
                }
            });
        }
        return env;
    }

    private Optional<Matcher> healthcheckUrl(String service) {
        Object test = at(services.get(service), "healthcheck", "test");
        if (test == null) {
            return Optional.empty();
        }
        Matcher url = LOCAL_URL.matcher(String.join(" ", list(test, service).stream().map(String::valueOf).toList()));
        return url.find() ? Optional.of(url) : Optional.empty();
    }

    private int listeningPort(String service, ServiceCommands command) {
        return command.httpPort(validate(service, command))
                .orElseThrow(() -> new AssertionError(service + " is probed over HTTP but " + command + " serves none"));
    }

    private TaktConfig validate(String service, ServiceCommands command) {
        return command.validate(command.configFile().map(c -> hostPathOf(service, c)).orElse(null),
                taktEnvironment(service));
    }
}
