package io.takt.oee;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.platform.http.ServiceMetrics;

/**
 * An {@link OeeService} in a child JVM on the test's class path, so that a test can kill it the
 * way {@code kill -9} does: no shutdown hook, no close, no last commit.
 */
final class OeeServiceProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OeeServiceProcess.class);
    private static final String RUNNING = "OEE-SERVICE-RUNNING";

    private final Process process;
    private final String name;
    private final CountDownLatch running = new CountDownLatch(1);

    private OeeServiceProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        Thread output = new Thread(this::readOutput, name + "-output");
        output.setDaemon(true);
        output.start();
    }

    /** Starts {@code java -cp <the test class path> OeeServiceProcess <bootstrap> <registry> <site> <app id> <state dir>}. */
    static OeeServiceProcess start(String name, String bootstrapServers, String registryUrl, String site,
            String applicationId, Path stateDir) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                OeeServiceProcess.class.getName(), bootstrapServers, registryUrl, site, applicationId,
                stateDir.toString()));
        return new OeeServiceProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), name);
    }

    /** Waits until the child's stream threads run. */
    boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code kill -9}: SIGKILL, nothing in the child runs any more. */
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
                if (line.equals(RUNNING)) {
                    running.countDown();
                } else {
                    LOG.info("[{}] {}", name, line);
                }
            }
        } catch (IOException e) {
            // the process is gone, and its output with it
        }
    }

    /** Stops it politely (SIGTERM: the shutdown hook closes the service), forcibly if it does not go. */
    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The child: runs the service until it is killed (or, on SIGTERM, closes it). */
    public static void main(String[] args) throws Exception {
        ServiceMetrics metrics = ServiceMetrics.create("takt-oee");
        OeeService service = OeeService.create(OeeTestConfig.of(args[0], args[1], args[2], args[3], Path.of(args[4]),
                Map.of(OeeSettings.LIVE_INTERVAL.name(), "10m")), metrics);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            metrics.close();
        }));
        service.start();
        if (service.awaitRunning(Duration.ofSeconds(60))) {
            System.out.println(RUNNING);
            System.out.flush();
        }
        Thread.currentThread().join();
    }
}
