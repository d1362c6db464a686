package io.takt.acquisition.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takt.platform.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationCertificateTest {

    @TempDir
    Path pkiDir;

    @Test
    void shouldCreateTheCertificateOnceAndReuseIt() throws Exception {
        // Given an empty PKI directory
        try (OpcUaPki pki = OpcUaPki.open(pkiDir)) {
            // When the certificate is asked for twice
            ApplicationCertificate first = pki.applicationCertificate("Takt gateway", "urn:takt:gateway:line1");
            ApplicationCertificate second = pki.applicationCertificate("Takt gateway", "urn:takt:gateway:line1");

            // Then the second is the first, read back from own/, carrying the application URI
            assertThat(second.certificate()).isEqualTo(first.certificate());
            assertThat(second.keyPair().getPrivate().getEncoded()).isEqualTo(first.keyPair().getPrivate().getEncoded());
            assertThat(CertificateUtil.getSanUri(first.certificate())).contains("urn:takt:gateway:line1");
            assertThat(first.file()).isEqualTo(pkiDir.toAbsolutePath().resolve("own/certs/takt-gateway.der"));
        }
        // and the layout integrators expect exists
        assertThat(pkiDir.resolve("trusted/certs")).isDirectory();
        assertThat(pkiDir.resolve("issuers/certs")).isDirectory();
        assertThat(pkiDir.resolve("rejected")).isDirectory();
        assertThat(Files.readString(pkiDir.resolve("own/private/takt-gateway.pem"))).startsWith("-----BEGIN PRIVATE KEY");
    }

    @Test
    void shouldRefuseAnApplicationUriThatDiffersFromTheCertificate() throws Exception {
        // Given a certificate created for one URI
        try (OpcUaPki pki = OpcUaPki.open(pkiDir)) {
            pki.applicationCertificate("Takt gateway", "urn:takt:gateway:line1");

            // When the settings name another URI, Then start-up is refused, naming the setting and both URIs
            assertThatThrownBy(() -> pki.applicationCertificate("Takt gateway", "urn:takt:gateway:line2"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("application-uri 'urn:takt:gateway:line2' differs from the URI "
                            + "urn:takt:gateway:line1");
        }
    }
}
