package io.takt.acquisition.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The test's handle on a {@link ChildGateway} in a JVM of its own, on this test's class path. */
final class ChildGatewayProcess implements AutoCloseable {

    /** One {@code status} line of the child. */
    record Status(String source, long samples, long undelivered, boolean kafkaReachable, long delivered,
            long dropped) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChildGatewayProcess.class);
    private static final String ACKED = "acked ";
    private static final Pattern STATUS = Pattern.compile("status source=(\\w+) samples=(\\d+) undelivered=(\\d+)"
            + " kafka=(\\w+) delivered=(\\d+) dropped=(\\d+)");

    private final Process process;
    private final String name;
    private final Thread output;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Status> status = new AtomicReference<>();

    private ChildGatewayProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        this.output = new Thread(this::readOutput, name + "-output");
        output.setDaemon(true);
        output.start();
    }

    /** Starts {@code java -cp <class path> ChildGateway <tag map> <state dir> <buffer dir> <bootstrap> <registry>}. */
    static ChildGatewayProcess start(String name, Path tagMap, Path stateDir, Path bufferDir, String bootstrapServers,
            String registryUrl) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"), ChildGateway.class.getName(),
                tagMap.toString(), stateDir.toString(), bufferDir.toString(), bootstrapServers, registryUrl));
        return new ChildGatewayProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), name);
    }

    /** Events the child reported written ahead (acknowledged) so far. */
    long acked() {
        return acked.get();
    }

    /** The child's last status line; null before the first. */
    Status status() {
        return status.get();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no flush, no close. Returns once every line it printed is read. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
        output.join(TimeUnit.SECONDS.toMillis(10));
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                read(line);
            }
        } catch (IOException e) {
            // the process is gone, and its output with it
        }
    }

    private void read(String line) {
        if (line.startsWith(ACKED)) {
            acked.set(Long.parseLong(line.substring(ACKED.length()).trim()));
            return;
        }
        Matcher m = STATUS.matcher(line);
        if (m.matches()) {
            status.set(new Status(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Boolean.parseBoolean(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6))));
        } else {
            LOG.info("[{}] {}", name, line);
        }
    }

    /** Stops it politely (SIGTERM: the shutdown hook closes the gateway), forcibly if it does not go. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        output.join(TimeUnit.SECONDS.toMillis(5));
    }
}
