package io.takt.acquisition.opcua;

import static io.takt.acquisition.opcua.PlantTestServer.STATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SampleQuality;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.Password;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Security of the OPC UA source against a real server: policies, identities, certificate trust. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpcUaSecurityIT {

    @TempDir
    Path tmp;

    private PlantTestServer server;
    private OpcUaSource source;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void startServer() throws Exception {
        server = PlantTestServer.create(tmp.resolve("server-pki")).start();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    @Test
    void shouldConnectWithBasic256Sha256SignAndEncryptAndUsernamePassword() throws Exception {
        // Given gateway and server trust each other's certificates
        trustEachOther();
        OpcUaSourceSettings settings = settings()
                .security(OpcUaSecurityPolicy.BASIC256SHA256, MessageSecurity.SIGN_AND_ENCRYPT)
                .identity(OpcUaIdentity.username(PlantTestServer.USER, new Password(PlantTestServer.PASSWORD)))
                .build();

        // When the source starts and the PLC changes a value
        source = new OpcUaSource(settings);
        source.start(listener);
        awaitConnected();
        Instant changed = Instant.parse("2025-03-02T10:00:00Z");
        server.set(STATE, 5, changed);

        // Then the value arrives over the encrypted session
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.last(stateId())
                .filter(s -> Long.valueOf(5).equals(s.value()) && s.sourceTime().equals(changed)).isPresent());
        assertThat(source.status().lastError()).isNull();
    }

    static Stream<Arguments> otherSecureEndpoints() {
        return Stream.of(
                Arguments.of(OpcUaSecurityPolicy.AES128_SHA256_RSAOAEP, MessageSecurity.SIGN_AND_ENCRYPT),
                Arguments.of(OpcUaSecurityPolicy.AES256_SHA256_RSAPSS, MessageSecurity.SIGN),
                Arguments.of(OpcUaSecurityPolicy.AES256_SHA256_RSAPSS, MessageSecurity.SIGN_AND_ENCRYPT));
    }

    @ParameterizedTest
    @MethodSource("otherSecureEndpoints")
    void shouldConnectWithEachSupportedPolicyAndMode(OpcUaSecurityPolicy policy, MessageSecurity mode)
            throws Exception {
        // Given mutual trust and a user name identity
        trustEachOther();

        // When the source connects with this policy and mode
        source = new OpcUaSource(settings().security(policy, mode)
                .identity(OpcUaIdentity.username(PlantTestServer.USER, new Password(PlantTestServer.PASSWORD)))
                .build());
        source.start(listener);

        // Then it gets the tag's value
        awaitConnected();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.last(stateId()).isPresent());
        assertThat(listener.last(stateId()).orElseThrow().quality()).isEqualTo(SampleQuality.GOOD);
    }

    @Test
    void shouldConnectWithAnX509UserCertificate() throws Exception {
        // Given mutual trust, and a user certificate the server accepts, as PEM key and DER certificate files
        trustEachOther();
        KeyPair userKeys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate userCertificate = new SelfSignedCertificateBuilder(userKeys).setCommonName("line1-gateway")
                .setApplicationUri("urn:takt:user:line1-gateway").build();
        Path certFile = tmp.resolve("user.der");
        Path keyFile = tmp.resolve("user-key.pem");
        KeyFiles.writeCertificate(userCertificate, certFile);
        KeyFiles.writePrivateKey(userKeys.getPrivate(), keyFile);
        server.acceptUserCertificate(userCertificate);

        // When the source connects with that identity
        source = new OpcUaSource(settings().identity(OpcUaIdentity.certificate(certFile, keyFile)).build());
        source.start(listener);

        // Then the server accepts it
        awaitConnected();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.last(stateId()).isPresent());
    }

    @Test
    void shouldRefuseAnUntrustedServerCertificateUntilItIsMovedToTrusted() throws Exception {
        // Given the server trusts the gateway, but the gateway has never seen the server's certificate
        TestPki.serverTrustsGateway(server, gatewayPki());
        source = new OpcUaSource(settings().build());

        // When the source starts
        source.start(listener);

        // Then the connection is refused, the certificate lands in rejected/, and the status says what to do
        Path rejected = gatewayPki().resolve("rejected");
        await().atMost(Duration.ofSeconds(15)).until(() -> rejectedFile(rejected) != null
                && source.status().lastError() != null);
        assertThat(KeyFiles.readCertificate(rejectedFile(rejected))).isEqualTo(server.certificate());
        assertThat(source.status().lastError())
                .contains("is not trusted")
                .contains(Thumbprint.of(server.certificate()))
                .contains("move the file to " + gatewayPki().toAbsolutePath().resolve("trusted/certs"));
        assertThat(source.status().state()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(listener.samples()).isEmpty();

        // When the integrator checks the thumbprint and moves the file to trusted/certs
        Path file = rejectedFile(rejected);
        Files.move(file, gatewayPki().resolve("trusted/certs").resolve(file.getFileName()),
                StandardCopyOption.ATOMIC_MOVE);

        // Then the next attempt connects, without a restart
        awaitConnected();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.last(stateId()).isPresent());
    }

    @Test
    void shouldExplainWhenTheServerDoesNotTrustTheGateway() throws Exception {
        // Given the gateway trusts the server, but the server has not trusted the gateway's certificate
        TestPki.gatewayTrustsServer(server, gatewayPki());
        source = new OpcUaSource(settings().build());

        // When the source starts
        source.start(listener);

        // Then it keeps trying, and its status points at its own certificate file
        await().atMost(Duration.ofSeconds(15)).until(() -> source.status().lastError() != null);
        assertThat(source.status().lastError())
                .contains("does not trust this gateway's certificate")
                .contains(gatewayPki().toAbsolutePath().resolve("own/certs/takt-gateway.der").toString());
        assertThat(source.status().state()).isEqualTo(ConnectionState.CONNECTING);
    }

    @Test
    void shouldRefuseUsernameOverSecurityPolicyNoneAtStartUp() {
        // Given settings that would send a password over an unencrypted channel, even with the opt-in
        OpcUaSourceSettings.Builder builder = settings().insecure()
                .identity(OpcUaIdentity.username(PlantTestServer.USER, new Password(PlantTestServer.PASSWORD)));

        // When they are built, Then start-up fails naming the settings involved, and the password stays hidden
        assertThatThrownBy(builder::build)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("identity 'username' is refused with security-policy NONE")
                .hasMessageContaining("credentials must never travel over an unencrypted channel")
                .hasMessageNotContaining(PlantTestServer.PASSWORD);
    }

    @Test
    void shouldRefuseSecurityPolicyNoneWithoutTheExplicitOptIn() {
        // Given policy NONE without allow-insecure
        OpcUaSourceSettings.Builder builder = settings().security(OpcUaSecurityPolicy.NONE, MessageSecurity.NONE);

        // When built, Then it is refused, naming allow-insecure
        assertThatThrownBy(builder::build)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("set allow-insecure=true");
    }

    @Test
    void shouldReportAWrongPasswordClearlyAndKeepRetrying() throws Exception {
        // Given mutual trust and a wrong password
        trustEachOther();
        source = new OpcUaSource(settings()
                .identity(OpcUaIdentity.username(PlantTestServer.USER, new Password("not-the-password")))
                .build());

        // When the source starts
        source.start(listener);

        // Then the server refuses the identity, the status says so, and the source retries with backoff
        await().atMost(Duration.ofSeconds(15)).until(() -> source.counters().connectAttempts() >= 2
                && source.status().lastError() != null);
        assertThat(source.status().lastError())
                .contains("the server refused identity 'username'")
                .contains("check the user name and password")
                .doesNotContain("not-the-password");
        assertThat(source.status().state()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(listener.samples()).isEmpty();
    }

    private OpcUaSourceSettings.Builder settings() {
        return TestPki.settings("opcua-secure", server, gatewayPki()).tags(List.of(TestPki.fastTag(stateId())));
    }

    private Path gatewayPki() {
        return tmp.resolve("gateway-pki");
    }

    private String stateId() {
        return server.nodeId(STATE);
    }

    private void trustEachOther() throws Exception {
        TestPki.serverTrustsGateway(server, gatewayPki());
        TestPki.gatewayTrustsServer(server, gatewayPki());
    }

    private void awaitConnected() {
        await().atMost(Duration.ofSeconds(20)).until(() -> source.status().state() == ConnectionState.CONNECTED);
    }

    private static Path rejectedFile(Path rejected) throws java.io.IOException {
        try (Stream<Path> files = Files.list(rejected)) {
            return files.filter(f -> f.toString().endsWith(".der")).findFirst().orElse(null);
        }
    }
}
