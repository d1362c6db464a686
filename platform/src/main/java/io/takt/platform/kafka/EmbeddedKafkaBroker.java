package io.takt.platform.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) running inside this JVM,
 * from Kafka's own server jars. Used by {@code takt broker}, the demo and integration tests.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;
    private final Path logDir;
    private final boolean ownsLogDir;
    private KafkaRaftServer server;

    /**
     * Where and how the broker listens.
     *
     * @param logDir         data directory; {@code null} for a temporary one deleted on close
     * @param host           host name to bind and advertise
     * @param port           client port; 0 picks a free one
     * @param controllerPort KRaft controller port; 0 picks a free one
     * @param overrides      extra broker properties, applied last
     */
    public record Settings(Path logDir, String host, int port, int controllerPort, Map<String, String> overrides) {
        public Settings {
            overrides = Map.copyOf(overrides);
        }

        /** A broker on free loopback ports with a temporary data directory: for tests. */
        public static Settings ephemeral() {
            return new Settings(null, "localhost", 0, 0, Map.of());
        }

        public Settings withOverrides(Map<String, String> more) {
            return new Settings(logDir, host, port, controllerPort, more);
        }
    }

    public EmbeddedKafkaBroker(Settings settings) {
        this.ownsLogDir = settings.logDir() == null;
        this.logDir = ownsLogDir ? createTempDir() : settings.logDir().toAbsolutePath();
        int port = settings.port() == 0 ? freePort(settings.host()) : settings.port();
        int controllerPort = settings.controllerPort() == 0 ? freePort(settings.host()) : settings.controllerPort();
        this.settings = new Settings(logDir, settings.host(), port, controllerPort, settings.overrides());
    }

    /** Formats the log directory if it is new, starts the broker and waits until it serves clients. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        Properties props = brokerProperties();
        requireFree(settings.port(), "client");
        requireFree(settings.controllerPort(), "controller");
        format();
        long started = System.nanoTime();
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
            awaitReady();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info("Kafka broker ready at {} (data in {}) after {} ms", bootstrapServers(), logDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return this;
    }

    /** The address clients use: {@code host:port}. */
    public String bootstrapServers() {
        return settings.host() + ":" + settings.port();
    }

    public Path logDir() {
        return logDir;
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Stops the broker; the data directory stays unless it was a temporary one. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka broker at {} stopped", bootstrapServers());
    }

    @Override
    public void close() {
        stop();
        if (ownsLogDir) {
            deleteRecursively(logDir);
        }
    }

    private Properties brokerProperties() {
        String host = settings.host();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + settings.controllerPort());
        p.put("listeners", "PLAINTEXT://" + host + ":" + settings.port() + ",CONTROLLER://" + host + ":"
                + settings.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + settings.port());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic must live with a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Consumer groups start at once: there is nobody else to wait for.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Takt creates its topics from the catalogue; a typo must not silently create one.
        p.put("auto.create.topics.enable", "false");
        p.putAll(settings.overrides());
        return p;
    }

    private void format() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return; // formatted on an earlier start: keep its cluster id and data
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker at " + bootstrapServers()
                                + " did not become ready within " + READY_TIMEOUT.toSeconds() + " s", notYet);
                    }
                }
                sleep(100);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        }
    }

    // Kafka reports a taken port with three stack traces from its socket server; one line is clearer.
    private void requireFree(int port, String listener) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(settings.host(), port));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Kafka broker: " + listener + " port " + port + " on "
                    + settings.host() + " is already in use (another broker or demo running? choose another port)",
                    e);
        }
    }

    static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + host, e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("takt-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
