package io.takt.acquisition.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The test's handle on an {@link AppendingGateway} running in a child JVM on this test's class path. */
final class GatewayProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayProcess.class);
    private static final String APPENDED = "appended ";

    private final Process process;
    private final String name;
    private final AtomicLong lastAppended = new AtomicLong(-1);

    private GatewayProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        Thread output = new Thread(this::readOutput, name + "-output");
        output.setDaemon(true);
        output.start();
    }

    /** Starts {@code java -cp <this class path> AppendingGateway <args>}. */
    static GatewayProcess start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"),
                AppendingGateway.class.getName()));
        command.addAll(List.of(args));
        return new GatewayProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), name);
    }

    /** The number of the last event the gateway reported as appended (acknowledged); -1 before the first. */
    long lastAppended() {
        return lastAppended.get();
    }

    /** {@code kill -9}: no shutdown hook, no flush, no close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.matches(APPENDED + "\\d+")) {
                    lastAppended.set(Long.parseLong(line.substring(APPENDED.length())));
                } else {
                    LOG.info("[{}] {}", name, line);
                }
            }
        } catch (IOException e) {
            // the process is gone: its output with it
        }
    }

    /** Stops it politely (SIGTERM: shutdown hook closes the outbox), forcibly if it does not go. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
