package io.takt.acquisition.opcua;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Test set-up for certificates and settings, so that each IT states only what it is about. */
final class TestPki {

    static final String APP_NAME = "Takt gateway under test";
    static final String APP_URI = "urn:takt:gateway:test";

    private TestPki() {
    }

    /** Settings with fast timings for tests; the caller adds security, identity and tags. */
    static OpcUaSourceSettings.Builder settings(String sourceId, PlantTestServer server, Path clientPki) {
        return OpcUaSourceSettings.builder(sourceId, server.endpointUrl(), clientPki)
                .application(APP_NAME, APP_URI)
                .requestTimeout(Duration.ofSeconds(5))
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(800))
                .publishingInterval(Duration.ofMillis(50));
    }

    /** A tag sampled every 50 ms. */
    static OpcUaTag fastTag(String nodeId) {
        return new OpcUaTag(nodeId, Duration.ofMillis(50), 10, null);
    }

    /** The gateway's certificate (created now if new) is trusted by the server. */
    static ApplicationCertificate serverTrustsGateway(PlantTestServer server, Path clientPki) throws Exception {
        try (OpcUaPki pki = OpcUaPki.open(clientPki)) {
            ApplicationCertificate own = pki.applicationCertificate(APP_NAME, APP_URI);
            server.trustClient(own.certificate());
            return own;
        }
    }

    /** The server's certificate is in the gateway's {@code trusted/certs}, as an integrator would put it. */
    static void gatewayTrustsServer(PlantTestServer server, Path clientPki) throws Exception {
        try (OpcUaPki pki = OpcUaPki.open(clientPki)) {
            // Written beside, then moved in whole: the trust list watcher must never see half a file.
            Path staged = pki.trustedCerts().getParent().resolve("plant.der.tmp");
            KeyFiles.writeCertificate(server.certificate(), staged);
            Files.move(staged, pki.trustedCerts().resolve("plant.der"), StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
