package io.takt.acquisition.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.takt.acquisition.simulator.opcua.PlantNamespace;
import io.takt.acquisition.simulator.opcua.ServerPki;
import io.takt.acquisition.simulator.plant.Plant;
import io.takt.platform.config.Password;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plant simulator served by a real Eclipse Milo OPC UA server, for the demo, the tests and the
 * benchmarks. {@link #start()} opens the server and sets simulated time running; {@link #close()}
 * stops both. See {@code simulator/README.md} for the address space.
 *
 * <pre>{@code
 * try (PlantSimulator simulator = new PlantSimulator(SimulatorSettings.builder().speed(60).port(0).build())) {
 *     simulator.start();
 *     String url = simulator.endpointUrl();   // opc.tcp://localhost:<port>/plant
 *     ...
 * }
 * }</pre>
 *
 * <p>Endpoints: SecurityPolicy None with anonymous sessions only; Basic256Sha256,
 * Aes128_Sha256_RsaOaep and Aes256_Sha256_RsaPss, each with Sign and SignAndEncrypt, with user name
 * and password (or anonymous when no users are configured). Clients using security must have their
 * certificate in the PKI directory's {@code trusted/certs}.
 */
public final class PlantSimulator implements AutoCloseable {

    public static final String APPLICATION_URI = "urn:takt:simulator:server";
    public static final String PRODUCT_URI = "urn:takt:simulator";
    public static final String PATH = "/plant";

    private static final Logger LOG = LoggerFactory.getLogger(PlantSimulator.class);
    private static final List<SecurityPolicy> SECURE_POLICIES = List.of(SecurityPolicy.Basic256Sha256,
            SecurityPolicy.Aes128_Sha256_RsaOaep, SecurityPolicy.Aes256_Sha256_RsaPss);

    private final SimulatorSettings settings;
    private final Plant plant;
    private ServerPki pki;
    private OpcUaServer server;
    private PlantNamespace namespace;
    private PlantDriver driver;
    private String endpointUrl;

    /** Builds the plant; nothing listens until {@link #start()}. */
    public PlantSimulator(SimulatorSettings settings) {
        this.settings = settings;
        this.plant = new Plant(settings.plant());
    }

    /**
     * Creates or opens the PKI directory, starts the OPC UA server with the plant's address space
     * and starts simulated time. Returns when clients can connect.
     *
     * @throws IllegalStateException if the server cannot start (port taken, unreadable key store)
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("Plant simulator already started");
        }
        long began = System.nanoTime();
        try {
            int port = settings.port() == 0 ? freePort(settings.bindHost()) : settings.port();
            String host = advertisedHost(settings.bindHost());
            pki = ServerPki.open(settings.pkiDirectory(), APPLICATION_URI, host, settings.trustAllClients());
            server = new OpcUaServer(serverConfig(host, port), profile -> new OpcTcpServerTransport(
                    OpcTcpServerTransportConfig.newBuilder().build()));
            namespace = new PlantNamespace(server, plant);
            long building = System.nanoTime();
            namespace.startup();
            LOG.debug("Address space of {} variables built in {} ms", namespace.variableCount(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - building));
            server.startup().get(60, TimeUnit.SECONDS);
            // Milo logs an endpoint it cannot bind and starts anyway; a simulator without all its
            // endpoints would fail its clients in confusing ways, so it refuses to run.
            int configured = server.getConfig().getEndpoints().size();
            if (server.getBoundEndpoints().size() < configured) {
                throw new IllegalStateException("bound only " + server.getBoundEndpoints().size() + " of "
                        + configured + " endpoints (port in use?)");
            }
            endpointUrl = "opc.tcp://" + host + ":" + port + PATH;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Plant simulator OPC UA server did not start on " + settings.bindHost()
                    + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        driver = new PlantDriver(plant, settings.speed());
        driver.start(settings.tick());
        LOG.info("Plant simulator serving {} machines ({} variables) at {} in {} ms, {}x real time",
                plant.machines().size(), namespace.variableCount(), endpointUrl,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), settings.speed());
    }

    /** {@code opc.tcp://host:port/plant}; known once started. */
    public synchronized String endpointUrl() {
        if (endpointUrl == null) {
            throw new IllegalStateException("Plant simulator not started");
        }
        return endpointUrl;
    }

    /** The simulated plant: read its tags, listen to it, inject faults. */
    public Plant plant() {
        return plant;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** The server's certificate, for a client's trust list. */
    public synchronized X509Certificate certificate() {
        return started().certificate();
    }

    /** Where client certificates go to be trusted (DER files). */
    public synchronized Path trustedCertificates() {
        return started().trustedCertificates();
    }

    /** Where the certificates of refused clients land. */
    public synchronized Path rejectedCertificates() {
        return started().rejectedCertificates();
    }

    @Override
    public synchronized void close() {
        if (driver != null) {
            driver.close();
            driver = null;
        }
        if (namespace != null) {
            namespace.shutdown();
            namespace = null;
        }
        if (server != null) {
            try {
                server.shutdown().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("OPC UA server did not shut down cleanly", e);
            }
            server = null;
        }
        if (pki != null) {
            try {
                pki.close();
            } catch (IOException e) {
                LOG.warn("Could not close the simulator's PKI directory", e);
            }
            pki = null;
        }
        endpointUrl = null;
    }

    private ServerPki started() {
        if (pki == null) {
            throw new IllegalStateException("Plant simulator not started");
        }
        return pki;
    }

    private OpcUaServerConfig serverConfig(String host, int port) {
        return OpcUaServerConfig.builder()
                .setApplicationUri(APPLICATION_URI)
                .setApplicationName(LocalizedText.english("Takt Plant Simulator"))
                .setProductUri(PRODUCT_URI)
                .setBuildInfo(new BuildInfo(PRODUCT_URI, "Takt", "Takt Plant Simulator", OpcUaServer.SDK_VERSION,
                        "", DateTime.now()))
                .setEndpoints(endpoints(host, port))
                .setCertificateManager(pki.certificateManager())
                .setIdentityValidator(identityValidator())
                .build();
    }

    private Set<EndpointConfig> endpoints(String host, int port) {
        EndpointConfig.Builder base = EndpointConfig.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress(settings.bindHost())
                .setBindPort(port)
                .setHostname(host)
                .setPath(PATH)
                .setCertificate(pki.certificate());
        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        endpoints.add(base.copy()
                .setSecurityPolicy(SecurityPolicy.None)
                .setSecurityMode(MessageSecurityMode.None)
                .addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS)
                .build());
        UserTokenPolicy securedLogin = settings.users().isEmpty()
                ? OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS : OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;
        for (SecurityPolicy policy : SECURE_POLICIES) {
            for (MessageSecurityMode mode : List.of(MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt)) {
                endpoints.add(base.copy().setSecurityPolicy(policy).setSecurityMode(mode)
                        .addTokenPolicy(securedLogin).build());
            }
        }
        return endpoints;
    }

    private IdentityValidator identityValidator() {
        UsernameIdentityValidator passwords = new UsernameIdentityValidator(challenge -> {
            Password expected = settings.users().get(challenge.getUsername());
            return expected != null && MessageDigest.isEqual(expected.value().getBytes(StandardCharsets.UTF_8),
                    String.valueOf(challenge.getPassword()).getBytes(StandardCharsets.UTF_8));
        });
        return new CompositeValidator(AnonymousIdentityValidator.INSTANCE, passwords);
    }

    private static String advertisedHost(String bindHost) throws IOException {
        InetAddress address = InetAddress.getByName(bindHost);
        return address.isAnyLocalAddress() ? HostnameUtil.getHostname() : bindHost;
    }

    /** Milo would advertise port 0 in its endpoints, so a free port is chosen up front. */
    private static int freePort(String bindHost) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(bindHost, 0));
            return socket.getLocalPort();
        }
    }
}
