package io.takt.acquisition.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takt.platform.config.ConfigException;
import io.takt.platform.config.Password;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpcUaSourceSettingsTest {

    private static final Path PKI = Path.of("pki");

    private static OpcUaSourceSettings.Builder valid() {
        return OpcUaSourceSettings.builder("opcua-line1", "opc.tcp://plc1.plant:4840/", PKI)
                .tag(OpcUaTag.of("ns=2;s=Line1.Press1.State"));
    }

    @Test
    void shouldDefaultToBasic256Sha256SignAndEncryptAnonymous() {
        // Given only the required settings, When built, Then security is on by default
        OpcUaSourceSettings settings = valid().build();
        assertThat(settings.securityPolicy()).isEqualTo(OpcUaSecurityPolicy.BASIC256SHA256);
        assertThat(settings.securityMode()).isEqualTo(MessageSecurity.SIGN_AND_ENCRYPT);
        assertThat(settings.identity().kind()).isEqualTo("anonymous");
        assertThat(settings.insecure()).isFalse();
    }

    @Test
    void shouldAcceptPolicyNoneOnlyWithTheOptInAndAnonymous() {
        // Given policy None with allow-insecure and anonymous, When built, Then it is accepted
        assertThat(valid().insecure().build().insecure()).isTrue();
    }

    @Test
    void shouldRefuseCertificateIdentityOverPolicyNone() {
        // Given an X.509 user token over policy None, When built, Then refused naming identity and policy
        assertThatThrownBy(() -> valid().insecure()
                .identity(OpcUaIdentity.certificate(Path.of("user.der"), Path.of("user.pem"))).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("identity 'certificate' is refused with security-policy NONE");
    }

    @Test
    void shouldRefuseModeNoneWithASecurePolicyAndSignWithPolicyNone() {
        // Given mismatched policy and mode, When built, Then both problems are named in one message
        assertThatThrownBy(() -> valid().security(OpcUaSecurityPolicy.AES256_SHA256_RSAPSS, MessageSecurity.NONE)
                .build())
                .hasMessageContaining("security-mode NONE is only valid with security-policy NONE");
        assertThatThrownBy(() -> valid().security(OpcUaSecurityPolicy.NONE, MessageSecurity.SIGN)
                .allowInsecure(true).build())
                .hasMessageContaining("security-mode SIGN needs a security-policy other than NONE");
    }

    @Test
    void shouldListEveryProblemOfTheTagsAtOnce() {
        // Given three broken tags and a duplicate
        OpcUaSourceSettings.Builder builder = OpcUaSourceSettings.builder("opcua-line1", "opc.tcp://plc1:4840", PKI)
                .tag(new OpcUaTag("Line1.Press1.State", Duration.ofMillis(100), 10, null))
                .tag(new OpcUaTag("ns=2;s=A", Duration.ofMillis(-1), 0, -0.5))
                .tag(OpcUaTag.of("ns=2;s=B"))
                .tag(OpcUaTag.of("ns=2;s=B"));

        // When built, Then each problem is named with its tag index
        assertThatThrownBy(builder::build)
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(5))
                .hasMessageContaining("tags[0].node-id 'Line1.Press1.State' is not a node id")
                .hasMessageContaining("tags[1].sampling-interval must be zero or longer")
                .hasMessageContaining("tags[1].queue-size must be at least 1")
                .hasMessageContaining("tags[1].deadband must be zero or more")
                .hasMessageContaining("tags[3].node-id 'ns=2;s=B' is listed twice");
    }

    @Test
    void shouldRefuseABadEndpointAndBackoff() {
        // Given an http URL and a max backoff shorter than the min
        assertThatThrownBy(() -> OpcUaSourceSettings.builder("opcua-line1", "http://plc1:4840", PKI)
                .reconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
                .hasMessageContaining("endpoint-url 'http://plc1:4840' must look like opc.tcp://host:port")
                .hasMessageContaining("reconnect-backoff-max PT1S must not be shorter than reconnect-backoff-min PT5S");
    }

    @Test
    void shouldAcceptTheNamespaceUriFormOfANodeId() {
        // Given a node id by namespace URI, which survives a server reordering its namespaces
        OpcUaSourceSettings settings = OpcUaSourceSettings.builder("opcua-line1", "opc.tcp://plc1:4840", PKI)
                .tag(OpcUaTag.of("nsu=urn:plant:line1;s=Press1.State")).build();

        // Then it is accepted
        assertThat(settings.tags()).extracting(OpcUaTag::nodeId).containsExactly("nsu=urn:plant:line1;s=Press1.State");
    }

    @Test
    void shouldNeverPrintThePassword() {
        // Given a user name identity, When the settings are printed, Then the password is masked
        OpcUaSourceSettings settings = valid()
                .identity(OpcUaIdentity.username("operator", new Password("s3cret"))).build();
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldRequireTagsForASourceButNotForBrowsing() {
        // Given settings without tags, When used for a source, Then refused; the browser accepts them
        OpcUaSourceSettings noTags = OpcUaSourceSettings.builder("opcua-line1", "opc.tcp://plc1:4840", PKI).build();
        assertThatThrownBy(() -> new OpcUaSource(noTags)).hasMessageContaining("tags must name at least one node id");
        assertThat(new OpcUaBrowser(noTags)).isNotNull();
        assertThat(noTags.tags()).isEmpty();
    }
}
