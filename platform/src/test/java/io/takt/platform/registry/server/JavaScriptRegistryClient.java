package io.takt.platform.registry.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The third-party JavaScript client {@code @kafkajs/confluent-schema-registry}, installed with
 * {@code npm ci} from the committed lock file in {@code src/test/js/confluent-client} into
 * {@code target/confluent-client}, and driven one Node process per {@link #run} through
 * {@code registry-client.js} (JSON request on stdin, JSON answers on stdout).
 */
final class JavaScriptRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(JavaScriptRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final String SCRIPT = "registry-client.js";

    private final Path folder;
    private int runs;

    private JavaScriptRegistryClient(Path folder) {
        this.folder = folder;
    }

    /** Why this machine cannot run the client ({@code node} or {@code npm} not on PATH), or empty when it can. */
    static Optional<String> missingTools() {
        List<String> missing = Stream.of("node", "npm").filter(command -> onPath(command).isEmpty()).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", missing)
                + " not on PATH, needed to run the JavaScript Confluent client; PATH=" + System.getenv("PATH"));
    }

    /**
     * Copies the committed client folder into {@code target/} and installs its locked packages; call only
     * when {@link #missingTools()} is empty. Fails with npm's output when {@code npm ci} fails.
     */
    static JavaScriptRegistryClient installed() {
        Path basedir = Path.of(System.getProperty("basedir", "."));
        Path folder = basedir.resolve(Path.of("target", "confluent-client"));
        copyFiles(basedir.resolve(Path.of("src", "test", "js", "confluent-client")), folder);
        long start = System.nanoTime();
        Finished npm = execute(folder, List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), null,
                NPM_CI_TIMEOUT, "npm-ci");
        if (npm.exitCode() != 0) {
            throw new AssertionError("npm ci failed in " + folder + " (" + npm.describeExit() + "):\n"
                    + npm.stdout() + npm.stderr());
        }
        LOG.info("npm ci in {} took {} ms", folder, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return new JavaScriptRegistryClient(folder);
    }

    /** A step for {@link #run}: {@code {"op": op, ...}}. */
    static ObjectNode step(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    /** Runs the steps in order on one {@code SchemaRegistry} for {@code host}; one answer per step. */
    List<JsonNode> run(String host, ObjectNode... steps) {
        ObjectNode request = JSON.createObjectNode().put("host", host);
        request.putArray("steps").addAll(List.of(steps));
        String name = "run-" + (++runs);
        Path input = folder.resolve(name + "-request.json");
        try {
            Files.write(input, JSON.writeValueAsBytes(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Finished node = execute(folder, List.of("node", SCRIPT), input.toFile(), SCRIPT_TIMEOUT, name);
        if (node.exitCode() != 0) {
            throw new AssertionError("node " + SCRIPT + " failed (" + node.describeExit() + "):\n" + node.stderr()
                    + "\nrequest: " + request);
        }
        try {
            List<JsonNode> answers = new ArrayList<>();
            JSON.readTree(node.stdout()).forEach(answers::add);
            if (answers.size() != steps.length) {
                throw new AssertionError("node " + SCRIPT + " answered " + answers.size() + " of " + steps.length
                        + " steps: " + node.stdout() + node.stderr());
            }
            return answers;
        } catch (IOException e) {
            throw new AssertionError("node " + SCRIPT + " printed no JSON answer: " + node.stdout() + node.stderr(), e);
        }
    }

    private record Finished(int exitCode, boolean timedOut, Duration timeout, String stdout, String stderr) {

        String describeExit() {
            return timedOut ? "killed after " + timeout.toSeconds() + " s" : "exit code " + exitCode;
        }
    }

    /** Runs a command with its output in files (no pipe can fill up), killing it and its children on timeout. */
    private static Finished execute(Path dir, List<String> command, File stdin, Duration timeout, String name) {
        Path out = dir.resolve(name + "-stdout.log");
        Path err = dir.resolve(name + "-stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("npm_config_update_notifier", "false");
        if (stdin != null) {
            builder.redirectInput(stdin);
        }
        try {
            Process process = builder.start();
            if (stdin == null) {
                process.getOutputStream().close();
            }
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new Finished(finished ? process.exitValue() : -1, !finished, timeout,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command + " in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    private static void copyFiles(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
        }
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }
}
