package io.takt.acquisition.opcua;

import io.takt.platform.config.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one OPC UA source needs, validated once when built: a wrong combination fails here,
 * at start-up, with a message naming the setting, never later on the wire.
 *
 * <p>Setting names used in messages (and suggested for the gateway's config file): {@code source-id},
 * {@code endpoint-url}, {@code security-policy}, {@code security-mode}, {@code allow-insecure},
 * {@code identity}, {@code pki-dir}, {@code application-name}, {@code application-uri},
 * {@code session-timeout}, {@code request-timeout}, {@code reconnect-backoff-min},
 * {@code reconnect-backoff-max}, {@code publishing-interval}, {@code tags[i].node-id},
 * {@code tags[i].sampling-interval}, {@code tags[i].queue-size}, {@code tags[i].deadband}.
 *
 * @param sourceId            the source's id in the gateway, e.g. {@code opcua-line1}
 * @param endpointUrl         {@code opc.tcp://host:port/path} of the server
 * @param securityPolicy      the endpoint's security policy
 * @param securityMode        the endpoint's message security mode
 * @param allowInsecure       must be true for policy NONE: an explicit opt-in, never a default
 * @param identity            the user identity token
 * @param pkiDirectory        {@code trusted/certs}, {@code issuers/certs}, {@code rejected/}, {@code own/}
 * @param applicationName     the client's application name, shown in the server's session list
 * @param applicationUri      the client's application URI; must equal the URI in its certificate
 * @param sessionTimeout      how long the server keeps the session (and its subscription) without us
 * @param requestTimeout      how long one service call may take
 * @param reconnectBackoffMin first wait after a failed connection attempt
 * @param reconnectBackoffMax longest wait between attempts (the doubling stops here)
 * @param publishingInterval  how often the server sends notifications for the subscription
 * @param tags                the monitored variables; may be empty for browsing, not for a source
 */
public record OpcUaSourceSettings(
        String sourceId,
        String endpointUrl,
        OpcUaSecurityPolicy securityPolicy,
        MessageSecurity securityMode,
        boolean allowInsecure,
        OpcUaIdentity identity,
        Path pkiDirectory,
        String applicationName,
        String applicationUri,
        Duration sessionTimeout,
        Duration requestTimeout,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax,
        Duration publishingInterval,
        List<OpcUaTag> tags) {

    public OpcUaSourceSettings {
        tags = tags == null ? List.of() : List.copyOf(tags);
        List<String> problems = new ArrayList<>();
        String where = "OPC UA source '" + sourceId + "': ";
        requirePresent(problems, where, sourceId, endpointUrl, securityPolicy, securityMode, identity,
                pkiDirectory, applicationName, applicationUri, sessionTimeout, requestTimeout,
                reconnectBackoffMin, reconnectBackoffMax, publishingInterval);
        if (problems.isEmpty()) {
            checkEndpoint(problems, where, endpointUrl);
            checkSecurity(problems, where, securityPolicy, securityMode, allowInsecure, identity);
            checkTimes(problems, where, sessionTimeout, requestTimeout, reconnectBackoffMin, reconnectBackoffMax,
                    publishingInterval);
            checkTags(problems, where, tags);
            checkApplicationUri(problems, where, applicationUri);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** A builder with the defaults: Basic256Sha256, SignAndEncrypt, anonymous, backoff 1 s to 30 s. */
    public static Builder builder(String sourceId, String endpointUrl, Path pkiDirectory) {
        return new Builder(sourceId, endpointUrl, pkiDirectory);
    }

    /** Whether this source runs without any channel security (policy NONE). */
    public boolean insecure() {
        return securityPolicy == OpcUaSecurityPolicy.NONE;
    }

    private static void requirePresent(List<String> problems, String where, Object... values) {
        String[] names = {"source-id", "endpoint-url", "security-policy", "security-mode", "identity", "pki-dir",
            "application-name", "application-uri", "session-timeout", "request-timeout", "reconnect-backoff-min",
            "reconnect-backoff-max", "publishing-interval"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || values[i] instanceof String s && s.isBlank()) {
                problems.add(where + names[i] + " is required");
            }
        }
    }

    private static void checkEndpoint(List<String> problems, String where, String endpointUrl) {
        try {
            URI uri = new URI(endpointUrl);
            if (!"opc.tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                problems.add(where + "endpoint-url '" + endpointUrl
                        + "' must look like opc.tcp://host:port[/path]");
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(where + "endpoint-url '" + endpointUrl + "' is not a URL: " + e.getMessage());
        }
    }

    private static void checkSecurity(List<String> problems, String where, OpcUaSecurityPolicy policy,
            MessageSecurity mode, boolean allowInsecure, OpcUaIdentity identity) {
        if (policy == OpcUaSecurityPolicy.NONE) {
            if (!allowInsecure) {
                problems.add(where + "security-policy NONE sends everything in clear text and lets anyone "
                        + "impersonate the server; set allow-insecure=true to accept that explicitly, or choose "
                        + "one of BASIC256SHA256, AES128_SHA256_RSAOAEP, AES256_SHA256_RSAPSS");
            }
            if (mode != MessageSecurity.NONE) {
                problems.add(where + "security-mode " + mode + " needs a security-policy other than NONE");
            }
            if (identity.carriesCredentials()) {
                problems.add(where + "identity '" + identity.kind() + "' is refused with security-policy NONE: "
                        + "credentials must never travel over an unencrypted channel; use identity anonymous "
                        + "or a security-policy with security-mode SIGN_AND_ENCRYPT");
            }
        } else if (mode == MessageSecurity.NONE) {
            problems.add(where + "security-mode NONE is only valid with security-policy NONE; use SIGN or "
                    + "SIGN_AND_ENCRYPT with " + policy);
        }
    }

    private static void checkTimes(List<String> problems, String where, Duration sessionTimeout,
            Duration requestTimeout, Duration backoffMin, Duration backoffMax, Duration publishingInterval) {
        requirePositive(problems, where, "session-timeout", sessionTimeout);
        requirePositive(problems, where, "request-timeout", requestTimeout);
        requirePositive(problems, where, "reconnect-backoff-min", backoffMin);
        requirePositive(problems, where, "reconnect-backoff-max", backoffMax);
        requirePositive(problems, where, "publishing-interval", publishingInterval);
        if (backoffMax.compareTo(backoffMin) < 0) {
            problems.add(where + "reconnect-backoff-max " + backoffMax + " must not be shorter than "
                    + "reconnect-backoff-min " + backoffMin);
        }
    }

    private static void requirePositive(List<String> problems, String where, String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(where + name + " must be longer than zero, not " + value);
        }
    }

    private static void checkTags(List<String> problems, String where, List<OpcUaTag> tags) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            OpcUaTag tag = tags.get(i);
            String at = where + "tags[" + i + "].";
            if (!NodeAddress.isValid(tag.nodeId())) {
                problems.add(at + "node-id '" + tag.nodeId() + "' is not a node id such as ns=2;s=Line1.Press1.State "
                        + "or nsu=urn:plant;i=1001");
            } else if (!seen.add(tag.nodeId().strip())) {
                problems.add(at + "node-id '" + tag.nodeId() + "' is listed twice");
            }
            if (tag.samplingInterval().isNegative()) {
                problems.add(at + "sampling-interval must be zero or longer, not " + tag.samplingInterval());
            }
            if (tag.queueSize() < 1) {
                problems.add(at + "queue-size must be at least 1, not " + tag.queueSize());
            }
            if (tag.deadband() != null && (tag.deadband().isNaN() || tag.deadband() < 0)) {
                problems.add(at + "deadband must be zero or more, not " + tag.deadband());
            }
        }
    }

    private static void checkApplicationUri(List<String> problems, String where, String applicationUri) {
        try {
            if (new URI(applicationUri).getScheme() == null) {
                problems.add(where + "application-uri '" + applicationUri + "' needs a scheme, e.g. urn:takt:gateway");
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(where + "application-uri '" + applicationUri + "' is not a URI: " + e.getMessage());
        }
    }

    /** Fluent construction with defaults; {@link #build()} validates. */
    public static final class Builder {
        private final String sourceId;
        private final String endpointUrl;
        private final Path pkiDirectory;
        private OpcUaSecurityPolicy securityPolicy = OpcUaSecurityPolicy.BASIC256SHA256;
        private MessageSecurity securityMode = MessageSecurity.SIGN_AND_ENCRYPT;
        private boolean allowInsecure;
        private OpcUaIdentity identity = OpcUaIdentity.anonymous();
        private String applicationName = "Takt edge gateway";
        private String applicationUri = "urn:takt:gateway";
        private Duration sessionTimeout = Duration.ofSeconds(60);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration reconnectBackoffMin = Duration.ofSeconds(1);
        private Duration reconnectBackoffMax = Duration.ofSeconds(30);
        private Duration publishingInterval = Duration.ofMillis(500);
        private final List<OpcUaTag> tags = new ArrayList<>();

        private Builder(String sourceId, String endpointUrl, Path pkiDirectory) {
            this.sourceId = sourceId;
            this.endpointUrl = endpointUrl;
            this.pkiDirectory = pkiDirectory;
        }

        public Builder security(OpcUaSecurityPolicy policy, MessageSecurity mode) {
            this.securityPolicy = policy;
            this.securityMode = mode;
            return this;
        }

        /** Policy NONE and mode NONE, with the explicit opt-in. */
        public Builder insecure() {
            return security(OpcUaSecurityPolicy.NONE, MessageSecurity.NONE).allowInsecure(true);
        }

        public Builder allowInsecure(boolean allow) {
            this.allowInsecure = allow;
            return this;
        }

        public Builder identity(OpcUaIdentity identity) {
            this.identity = identity;
            return this;
        }

        public Builder application(String name, String uri) {
            this.applicationName = name;
            this.applicationUri = uri;
            return this;
        }

        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder reconnectBackoff(Duration min, Duration max) {
            this.reconnectBackoffMin = min;
            this.reconnectBackoffMax = max;
            return this;
        }

        public Builder publishingInterval(Duration interval) {
            this.publishingInterval = interval;
            return this;
        }

        public Builder tag(OpcUaTag tag) {
            tags.add(Objects.requireNonNull(tag, "tag"));
            return this;
        }

        public Builder tags(List<OpcUaTag> more) {
            more.forEach(this::tag);
            return this;
        }

        public OpcUaSourceSettings build() {
            return new OpcUaSourceSettings(sourceId, endpointUrl, securityPolicy, securityMode, allowInsecure,
                    identity, pkiDirectory, applicationName, applicationUri, sessionTimeout, requestTimeout,
                    reconnectBackoffMin, reconnectBackoffMax, publishingInterval, tags);
        }
    }
}
