package io.takt.acquisition.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.takt.platform.config.Password;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.identity.X509IdentityProvider;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

/**
 * Opens one OPC UA session with the configured endpoint, security and identity: discovers the
 * server's endpoints, picks the one that matches exactly (never a weaker one), and connects. Shared
 * by the source and the browser.
 */
final class OpcUaConnector {

    static {
        // Aes256_Sha256_RsaPss signs with "SHA256withRSA/PSS" and encrypts with an OAEP-SHA256 transformation
        // name that only Bouncy Castle provides; Milo's server examples register it the same way.
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final OpcUaSourceSettings settings;
    private final ApplicationCertificate own;
    private final ServerCertificateCheck serverCheck;

    OpcUaConnector(OpcUaSourceSettings settings, OpcUaPki pki, Consumer<String> onCertificateRefused)
            throws IOException {
        this.settings = settings;
        this.own = pki.applicationCertificate(settings.applicationName(), settings.applicationUri());
        this.serverCheck = new ServerCertificateCheck(settings.sourceId(), pki, onCertificateRefused);
    }

    /** A connected client with an active session; the caller disconnects it. */
    OpcUaClient connect() throws OpcUaConnectionException {
        serverCheck.clear();
        OpcUaClient client = null;
        try {
            EndpointDescription endpoint = selectEndpoint(discover());
            client = OpcUaClient.create(clientConfig(endpoint),
                    transport -> transport.setConnectTimeout(uint(settings.requestTimeout().toMillis())));
            client.connectAsync().get(connectDeadlineMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (OpcUaConnectionException e) {
            disconnectQuietly(client);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnectQuietly(client);
            throw new OpcUaConnectionException("Interrupted while connecting to " + settings.endpointUrl(), e);
        } catch (Exception e) {
            // Milo keeps retrying in the background after a failed connect; the source owns the retry policy.
            disconnectQuietly(client);
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                cause = new OpcUaConnectionException("no session within " + connectDeadlineMillis() + " ms");
            }
            throw new OpcUaConnectionException(
                    OpcUaFailure.describe(cause, settings, serverCheck.lastRefusal(), own), cause);
        }
    }

    /** The gateway's own certificate, for logs and messages. */
    ApplicationCertificate ownCertificate() {
        return own;
    }

    static void disconnectQuietly(OpcUaClient client) {
        if (client == null) {
            return;
        }
        try {
            client.disconnectAsync().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing a half-open client: nothing left to save.
        }
    }

    private long connectDeadlineMillis() {
        // Channel, session create, activate and initial reads: a few round trips of one request each.
        return settings.requestTimeout().toMillis() * 3;
    }

    private List<EndpointDescription> discover() throws Exception {
        return DiscoveryClient.getEndpoints(settings.endpointUrl(),
                        transport -> transport.setConnectTimeout(uint(settings.requestTimeout().toMillis())))
                .get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private EndpointDescription selectEndpoint(List<EndpointDescription> endpoints) throws OpcUaConnectionException {
        UserTokenType tokenType = tokenType(settings.identity());
        EndpointDescription chosen = endpoints.stream()
                .filter(e -> settings.securityPolicy().uri().equals(e.getSecurityPolicyUri()))
                .filter(e -> e.getSecurityMode() == settings.securityMode().milo())
                .filter(e -> offers(e, tokenType))
                .findFirst()
                .orElseThrow(() -> new OpcUaConnectionException("OPC UA source '" + settings.sourceId() + "': "
                        + settings.endpointUrl() + " has no endpoint with security-policy " + settings.securityPolicy()
                        + ", security-mode " + settings.securityMode() + " and identity '"
                        + settings.identity().kind() + "'; it offers " + describe(endpoints)));
        // The server may advertise a host name the gateway cannot resolve; dial the configured one, and
        // check the server certificate's host names against what was configured.
        URI configured = URI.create(settings.endpointUrl());
        return EndpointUtil.updateUrl(chosen, configured.getHost(), configured.getPort());
    }

    private static boolean offers(EndpointDescription endpoint, UserTokenType tokenType) {
        UserTokenPolicy[] policies = endpoint.getUserIdentityTokens();
        return policies != null && Arrays.stream(policies).anyMatch(p -> p.getTokenType() == tokenType);
    }

    private static String describe(List<EndpointDescription> endpoints) {
        return endpoints.stream()
                .map(e -> e.getSecurityPolicyUri().substring(e.getSecurityPolicyUri().indexOf('#') + 1) + "/"
                        + e.getSecurityMode() + " " + tokens(e))
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private static String tokens(EndpointDescription endpoint) {
        UserTokenPolicy[] policies = Objects.requireNonNullElse(endpoint.getUserIdentityTokens(),
                new UserTokenPolicy[0]);
        return Arrays.stream(policies).map(p -> p.getTokenType().toString()).distinct()
                .collect(Collectors.joining("+", "[", "]"));
    }

    private OpcUaClientConfig clientConfig(EndpointDescription endpoint) throws IOException {
        X509Certificate certificate = own.certificate();
        return OpcUaClientConfig.builder()
                .setApplicationName(LocalizedText.english(settings.applicationName()))
                .setApplicationUri(settings.applicationUri())
                .setProductUri("urn:takt:gateway")
                .setEndpoint(endpoint)
                .setKeyPair(own.keyPair())
                .setCertificate(certificate)
                .setCertificateChain(new X509Certificate[] {certificate})
                .setCertificateValidator(serverCheck)
                .setIdentityProvider(identityProvider())
                .setSessionTimeout(uint(settings.sessionTimeout().toMillis()))
                .setRequestTimeout(uint(settings.requestTimeout().toMillis()))
                // One Publish at a time. Milo 1.1.2 hands each PublishResponse to a thread pool before
                // queueing it for processing, so two that arrive back to back can be processed in the
                // wrong order; it then republishes the "missing" earlier message and later takes the
                // original for new: whole notification messages are delivered twice, older values after
                // newer ones. A counter read backwards is a reset to the mapper, which books the whole
                // counter value as production. With one request outstanding there is nothing to reorder.
                .setMaxPendingPublishRequests(uint(1))
                .build();
    }

    private IdentityProvider identityProvider() throws IOException {
        OpcUaIdentity identity = settings.identity();
        if (identity instanceof OpcUaIdentity.Username user) {
            Password password = user.password();
            return new UsernameProvider(user.username(), () -> password.value().getBytes(StandardCharsets.UTF_8),
                    serverCheck, policies -> policies.get(0));
        }
        if (identity instanceof OpcUaIdentity.UserCertificate cert) {
            return new X509IdentityProvider(KeyFiles.readCertificate(cert.certificateFile()),
                    KeyFiles.readPrivateKey(cert.privateKeyFile()));
        }
        return AnonymousProvider.INSTANCE;
    }

    private static UserTokenType tokenType(OpcUaIdentity identity) {
        if (identity instanceof OpcUaIdentity.Username) {
            return UserTokenType.UserName;
        }
        if (identity instanceof OpcUaIdentity.UserCertificate) {
            return UserTokenType.Certificate;
        }
        return UserTokenType.Anonymous;
    }
}
