package io.takt.acquisition.opcua;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_X509;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.X509IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateStore;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * A small in-process OPC UA server for the source's integration tests: one press with a handful of
 * variables the test sets, endpoints None plus Basic256Sha256, Aes128_Sha256_RsaOaep and
 * Aes256_Sha256_RsaPss (Sign and SignAndEncrypt), a user name check, its own PKI directory, and
 * stop/start on the same port with the same certificate and values (a server restart).
 */
final class PlantTestServer implements AutoCloseable {

    static final String NAMESPACE_URI = "urn:takt:test:plant";
    static final String APPLICATION_URI = "urn:takt:test:plant-server";
    static final String USER = "operator";
    static final String PASSWORD = "s3cret-Pa55";

    static final String STATE = "Line1.Press1.State";
    static final String COUNT = "Line1.Press1.Count";
    static final String TEMPERATURE = "Line1.Press1.Temperature";
    static final String RUNNING = "Line1.Press1.Running";
    static final String RECIPE = "Line1.Press1.Recipe";
    static final String ALARM = "Line1.Press1.Alarm";
    static final String ENERGY = "Line1.Press1.Energy";

    private static final String HOST = "127.0.0.1";

    private final int port;
    private final X509Certificate certificate;
    private final KeyPair keyPair;
    private final FileBasedTrustListManager trustList;
    private final FileBasedCertificateQuarantine quarantine;
    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private final Set<X509Certificate> userCertificates = ConcurrentHashMap.newKeySet();

    private OpcUaServer server;
    private PlantNamespace namespace;

    private record Variable(NodeId dataType, DataValue value) {
    }

    private PlantTestServer(Path pkiDir) throws Exception {
        this.port = freePort();
        this.keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        this.certificate = new SelfSignedCertificateBuilder(keyPair)
                .setCommonName("Takt test plant")
                .setOrganization("Takt tests")
                .setApplicationUri(APPLICATION_URI)
                .addDnsName("localhost")
                .addIpAddress(HOST)
                .setValidityPeriod(Period.ofDays(30))
                .build();
        Files.createDirectories(pkiDir.resolve("rejected"));
        this.trustList = FileBasedTrustListManager.createAndInitialize(pkiDir);
        this.quarantine = new FileBasedCertificateQuarantine(pkiDir.resolve("rejected").toFile());
        Instant start = Instant.parse("2025-01-01T06:00:00Z");
        define(STATE, NodeIds.Int32, new Variant(0), start);
        define(COUNT, NodeIds.UInt32, new Variant(uint(0)), start);
        define(TEMPERATURE, NodeIds.Float, new Variant(21.5f), start);
        define(RUNNING, NodeIds.Boolean, new Variant(false), start);
        define(RECIPE, NodeIds.String, new Variant("R-100"), start);
        define(ALARM, NodeIds.LocalizedText, new Variant(LocalizedText.english("none")), start);
        define(ENERGY, NodeIds.UInt64, new Variant(ulong(0L)), start);
    }

    /** A stopped server with its PKI in {@code pkiDir}; {@link #start()} it. */
    static PlantTestServer create(Path pkiDir) throws Exception {
        return new PlantTestServer(pkiDir);
    }

    /** Binds the port and serves; again after {@link #stop()} for a restart. */
    synchronized PlantTestServer start() throws Exception {
        server = new OpcUaServer(config(), profile -> new OpcTcpServerTransport(
                OpcTcpServerTransportConfig.newBuilder().build()));
        namespace = new PlantNamespace(server);
        namespace.startup();
        server.startup().get(10, TimeUnit.SECONDS);
        return this;
    }

    /** Unbinds and closes every connection, as a crashing or restarting server would. */
    synchronized void stop() throws IOException {
        if (server != null) {
            namespace.shutdown();
            try {
                server.shutdown().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while stopping the test server", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("The test server did not stop", e);
            }
            server = null;
            namespace = null;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        trustList.close();
    }

    String endpointUrl() {
        return "opc.tcp://" + HOST + ":" + port + "/plant";
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The node id of a variable as an integrator would configure it: {@code ns=2;s=Line1.Press1.State}. */
    String nodeId(String name) {
        return "ns=2;s=" + name;
    }

    /** Trusts a client application certificate (the gateway's). */
    void trustClient(X509Certificate clientCertificate) {
        trustList.addTrustedCertificate(clientCertificate);
    }

    /** Accepts this user certificate as an X.509 identity token. */
    void acceptUserCertificate(X509Certificate userCertificate) {
        userCertificates.add(userCertificate);
    }

    /** Sets a variable's value, stamped by the "PLC" at {@code sourceTime}. */
    synchronized void set(String name, Object value, Instant sourceTime) {
        write(name, new DataValue(new Variant(value), StatusCode.GOOD, new DateTime(sourceTime), DateTime.now()));
    }

    /** Sets a variable's status without a value, e.g. Bad_NoCommunication from a PLC driver. */
    synchronized void setStatus(String name, long statusCode, Instant sourceTime) {
        write(name, new DataValue(Variant.NULL_VALUE, new StatusCode(statusCode), new DateTime(sourceTime),
                DateTime.now()));
    }

    private void write(String name, DataValue value) {
        Variable variable = variables.get(name);
        variables.put(name, new Variable(variable.dataType(), value));
        if (namespace != null) {
            namespace.node(name).setValue(value);
        }
    }

    private void define(String name, NodeId dataType, Variant value, Instant sourceTime) {
        variables.put(name, new Variable(dataType, new DataValue(value, StatusCode.GOOD, new DateTime(sourceTime),
                new DateTime(sourceTime))));
    }

    private OpcUaServerConfig config() throws Exception {
        var store = new MemoryCertificateStore();
        store.set(NodeIds.RsaSha256ApplicationCertificateType,
                new CertificateStore.Entry(keyPair.getPrivate(), new X509Certificate[] {certificate}));
        var factory = new RsaSha256CertificateFactory() {
            @Override
            protected X509Certificate[] createRsaSha256CertificateChain(KeyPair pair) {
                return new X509Certificate[] {certificate};
            }
        };
        var group = DefaultApplicationGroup.createAndInitialize(trustList, store, factory,
                new DefaultServerCertificateValidator(trustList, quarantine));
        var users = new UsernameIdentityValidator(
                challenge -> USER.equals(challenge.getUsername()) && PASSWORD.equals(challenge.getPassword()));
        return OpcUaServerConfig.builder()
                .setApplicationUri(APPLICATION_URI)
                .setApplicationName(LocalizedText.english("Takt test plant"))
                .setProductUri("urn:takt:test")
                .setCertificateManager(new DefaultCertificateManager(quarantine, group))
                .setIdentityValidator(new CompositeValidator(AnonymousIdentityValidator.INSTANCE, users,
                        new X509IdentityValidator(userCertificates::contains)))
                .setEndpoints(endpoints())
                .build();
    }

    private Set<EndpointConfig> endpoints() {
        EndpointConfig.Builder base = EndpointConfig.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress(HOST)
                .setBindPort(port)
                .setHostname(HOST)
                .setPath("/plant")
                .setCertificate(certificate)
                .addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS, USER_TOKEN_POLICY_USERNAME, USER_TOKEN_POLICY_X509);
        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                .build());
        for (SecurityPolicy policy : List.of(SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep,
                SecurityPolicy.Aes256_Sha256_RsaPss)) {
            for (MessageSecurityMode mode : List.of(MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt)) {
                endpoints.add(base.copy().setSecurityPolicy(policy).setSecurityMode(mode).build());
            }
        }
        return endpoints;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Objects / Line1 / Press1 / variables, sampled by Milo's subscription model. */
    private final class PlantNamespace extends ManagedNamespaceWithLifecycle {

        private final SubscriptionModel subscriptionModel;
        private final Map<String, UaVariableNode> nodes = new ConcurrentHashMap<>();

        PlantNamespace(OpcUaServer server) {
            super(server, NAMESPACE_URI);
            subscriptionModel = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptionModel);
            getLifecycleManager().addStartupTask(this::addNodes);
        }

        UaVariableNode node(String name) {
            return nodes.get(name);
        }

        private void addNodes() {
            UaFolderNode line = folder("Line1", NodeIds.ObjectsFolder);
            UaFolderNode press = folder("Line1.Press1", line.getNodeId());
            variables.forEach((name, variable) -> {
                UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                        .setNodeId(newNodeId(name))
                        .setBrowseName(newQualifiedName(name.substring(name.lastIndexOf('.') + 1)))
                        .setDisplayName(LocalizedText.english(name))
                        .setDataType(variable.dataType())
                        .setTypeDefinition(NodeIds.BaseDataVariableType)
                        .setAccessLevel(AccessLevel.READ_ONLY)
                        .setUserAccessLevel(AccessLevel.READ_ONLY)
                        .setValue(variable.value())
                        .build();
                getNodeManager().addNode(node);
                press.addOrganizes(node);
                nodes.put(name, node);
            });
        }

        private UaFolderNode folder(String id, NodeId parent) {
            String browseName = id.substring(id.lastIndexOf('.') + 1);
            UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(id), newQualifiedName(browseName),
                    LocalizedText.english(browseName));
            getNodeManager().addNode(folder);
            folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes, parent.expanded(),
                    Reference.Direction.INVERSE));
            return folder;
        }

        @Override
        public void onDataItemsCreated(List<DataItem> dataItems) {
            subscriptionModel.onDataItemsCreated(dataItems);
        }

        @Override
        public void onDataItemsModified(List<DataItem> dataItems) {
            subscriptionModel.onDataItemsModified(dataItems);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> dataItems) {
            subscriptionModel.onDataItemsDeleted(dataItems);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
            subscriptionModel.onMonitoringModeChanged(monitoredItems);
        }
    }
}
