package io.takt.acquisition.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.takt.acquisition.simulator.opcua.PlantNamespace;
import io.takt.acquisition.simulator.plant.ReasonCode;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.SignedIdentityToken;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.AnonymousIdentityToken;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.SignatureData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The simulator's OPC UA server, seen through a real Milo client over TCP. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PlantSimulatorIT {

    @TempDir
    static Path pki;
    private static PlantSimulator simulator;
    private static SimulatorClients trustedClient;

    @BeforeAll
    static void startSimulator() throws Exception {
        // The default 3 × 4 plant at 60× real time, on a free port, with one user; the client's
        // certificate is in the trusted folder before the server starts
        trustedClient = SimulatorClients.withNewCertificate();
        trustedClient.trustIn(pki.resolve("trusted").resolve("certs"));
        simulator = new PlantSimulator(SimulatorSettings.builder()
                .seed(5).speed(60).port(0).pkiDirectory(pki)
                .users(Map.of("gateway", "s3cret"))
                .build());
        simulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void shouldBrowseLinesAndMachinesBelowObjectsPlant() throws Exception {
        // Given an anonymous client on the None endpoint
        OpcUaClient client = trustedClient.connectInsecure(simulator.endpointUrl());
        try {
            // When it browses Objects, then Objects/Plant, then Objects/Plant/Line1
            List<String> objects = browseNames(client, NodeIds.ObjectsFolder);
            NodeId plantFolder = new NodeId(namespace(client), "Plant");
            List<String> lines = browseNames(client, plantFolder);
            List<String> line1 = browseNames(client, new NodeId(namespace(client), "Line1"));
            List<String> press = browseNames(client, new NodeId(namespace(client), "Line1.Press1"));

            // Then it finds the plant, its three lines, Line1's four machines and Press1's tags
            assertThat(objects).contains("Plant");
            assertThat(lines).containsExactly("Line1", "Line2", "Line3");
            assertThat(line1).containsExactly("Press1", "Trim1", "Weld1", "Gauge1");
            assertThat(press).containsExactly("State", "Mode", "ReasonCode", "GoodCount", "RejectCount",
                    "ProductId", "WorkOrder", "LotIn", "LotOut", "LotSource");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void shouldReadAndSubscribeToMachineStatesAndSeeThemChangeAtSpeedSixty() throws Exception {
        // Given an anonymous client subscribed to the State of Line1's machines
        OpcUaClient client = trustedClient.connectInsecure(simulator.endpointUrl());
        try {
            UShort ns = namespace(client);
            DataValue read = client.readValue(0, TimestampsToReturn.Both, new NodeId(ns, "Line1.Trim1.State"));
            assertThat(read.getValue().getValue()).isInstanceOf(Integer.class);

            List<Integer> trimStates = new CopyOnWriteArrayList<>();
            List<Instant> sourceTimes = new CopyOnWriteArrayList<>();
            OpcUaSubscription subscription = new OpcUaSubscription(client, 50.0);
            subscription.create();
            for (String machine : List.of("Press1", "Trim1", "Weld1", "Gauge1")) {
                OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(new NodeId(ns, "Line1." + machine + ".State"));
                item.setQueueSize(uint(100));
                if (machine.equals("Trim1")) {
                    item.setDataValueListener((i, value) -> {
                        trimStates.add((Integer) value.getValue().getValue());
                        sourceTimes.add(value.getSourceTime().getJavaInstant());
                    });
                }
                subscription.addMonitoredItem(item);
            }
            subscription.synchronizeMonitoredItems();
            await().atMost(Duration.ofSeconds(10)).until(() -> !trimStates.isEmpty());

            // When Trim1 faults with a motor overload, repaired in 2 simulated minutes (2 s here)
            simulator.plant().injectFault("Line1.Trim1", ReasonCode.MOTOR_OVERLOAD, Duration.ofMinutes(2));

            // Then the subscriber sees Holding 10, Held 11, Unholding 12 and Execute 6 again
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(trimStates).containsSubsequence(10, 11, 12, 6));
            // And the source timestamps are simulated time, which at 60× runs ahead of the wall
            // clock: after ≥ 2 s of wall time the plant is ≥ 2 minutes past its start
            Instant lastSourceTime = sourceTimes.get(sourceTimes.size() - 1);
            assertThat(lastSourceTime).isAfter(Instant.now().plusSeconds(60));
            subscription.delete();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void shouldServeASignedAndEncryptedBasic256Sha256SessionWithUserAndPassword() throws Exception {
        // Given a client whose certificate is trusted, trusting the simulator's certificate
        // When it connects with Basic256Sha256 / SignAndEncrypt as gateway / s3cret
        OpcUaClient client = trustedClient.connect(simulator.endpointUrl(), SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, new UsernameProvider("gateway", "s3cret"),
                simulator.certificate());
        try {
            // Then it reads the machine's tags with their OPC UA types
            UShort ns = namespace(client);
            List<DataValue> values = client.readValues(0, TimestampsToReturn.Both, List.of(
                    new NodeId(ns, "Line1.Trim1.GoodCount"), new NodeId(ns, "Line1.Press1.GoodCount"),
                    new NodeId(ns, "Line1.Gauge1.Quality.Thickness"), new NodeId(ns, "Line1.Gauge1.LotOut")));
            assertThat(values.get(0).getValue().getValue()).isInstanceOf(UInteger.class);
            assertThat(values.get(1).getValue().getValue()).isInstanceOf(UShort.class);
            assertThat(values.get(2).getValue().getValue()).isInstanceOf(Double.class);
            // LotOut: the INT lot being filled, or "" before the line's first part reached the gauge
            assertThat((String) values.get(3).getValue().getValue()).matches("|INT-\\d{6}");
        } finally {
            client.disconnect();
        }
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("securedEndpoints")
    void shouldServeEverySecuredEndpoint(SecurityPolicy policy, MessageSecurityMode mode) throws Exception {
        // Given the trusted client
        // When it connects with the policy and mode as gateway / s3cret
        OpcUaClient client = trustedClient.connect(simulator.endpointUrl(), policy, mode,
                new UsernameProvider("gateway", "s3cret"), simulator.certificate());
        try {
            // Then it can read a machine's state
            DataValue state = client.readValue(0, TimestampsToReturn.Both,
                    new NodeId(namespace(client), "Line2.Washer1.State"));
            assertThat(state.getStatusCode().isGood()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    static Stream<Arguments> securedEndpoints() {
        return Stream.of(SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep,
                        SecurityPolicy.Aes256_Sha256_RsaPss)
                .flatMap(p -> Stream.of(Arguments.of(p, MessageSecurityMode.Sign),
                        Arguments.of(p, MessageSecurityMode.SignAndEncrypt)));
    }

    @Test
    void shouldRefuseAWrongPassword() {
        // Given the trusted client
        // When it connects securely with a wrong password
        // Then the session is refused
        assertThatThrownBy(() -> trustedClient.connect(simulator.endpointUrl(), SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, new UsernameProvider("gateway", "wrong"),
                simulator.certificate())).hasMessageContaining("Bad_UserAccessDenied");
    }

    @Test
    void shouldRefuseAnonymousSessionsOnSecuredEndpoints() {
        // Given the trusted client and users configured, so secured endpoints offer only user-name
        // login; Milo's own client would not even try, so the token is forged by hand
        IdentityProvider forgedAnonymous = (endpoint, nonce) -> new SignedIdentityToken(
                new AnonymousIdentityToken("anonymous"), new SignatureData(null, null));

        // When it sends an anonymous token on the Basic256Sha256 endpoint
        // Then the server refuses the session
        assertThatThrownBy(() -> trustedClient.connect(simulator.endpointUrl(), SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, forgedAnonymous, simulator.certificate()))
                .hasMessageContaining("Bad_");
    }

    @Test
    void shouldRefuseAnUntrustedClientUntilItsCertificateIsMovedToTrusted() throws Exception {
        // Given a client whose certificate is not in the trusted folder
        SimulatorClients stranger = SimulatorClients.withNewCertificate();

        // When it connects with security
        // Then it is refused, and its certificate lands in the rejected folder for an operator
        assertThatThrownBy(() -> stranger.connect(simulator.endpointUrl(), SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, new UsernameProvider("gateway", "s3cret"),
                simulator.certificate())).hasMessageContaining("Bad_SecurityChecksFailed");
        Path rejected;
        try (var files = Files.list(simulator.rejectedCertificates())) {
            rejected = files.findFirst().orElseThrow();
        }

        // When an operator moves its certificate into the trusted folder of the running server
        Files.move(rejected, simulator.trustedCertificates().resolve("stranger.der"));

        // Then it may connect (the server reads the folder again when it changes)
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    stranger.connect(simulator.endpointUrl(), SecurityPolicy.Basic256Sha256,
                            MessageSecurityMode.SignAndEncrypt, new UsernameProvider("gateway", "s3cret"),
                            simulator.certificate()).disconnect();
                    return true;
                });
    }

    @Test
    void shouldFailToStartWhenItsPortIsTaken() throws Exception {
        // Given a port something else already listens on
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("localhost"))) {
            PlantSimulator second = new PlantSimulator(SimulatorSettings.builder()
                    .port(taken.getLocalPort()).pkiDirectory(pki).build());

            // When a simulator starts on it
            // Then start fails and says which port
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
            second.close();
        }
    }

    private static UShort namespace(OpcUaClient client) throws Exception {
        return client.readNamespaceTable().getIndex(PlantNamespace.NAMESPACE_URI);
    }

    private static List<String> browseNames(OpcUaClient client, NodeId node) throws Exception {
        ReferenceDescription[] references = client.browse(new BrowseDescription(node, BrowseDirection.Forward,
                NodeIds.HierarchicalReferences, true, uint(0), uint(0x3F))).getReferences();
        return Arrays.stream(references).map(r -> r.getBrowseName().getName()).toList();
    }
}
