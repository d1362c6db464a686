package io.takt.acquisition.opcua;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.takt.acquisition.tagmap.ConnectionEntry;
import io.takt.acquisition.tagmap.SourceDefinition;
import io.takt.acquisition.tagmap.TagDefinition;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.Password;
import io.takt.platform.config.Validator;

/**
 * Reads an {@code opcua} source of the tag map into {@link OpcUaSourceSettings}: the
 * {@code connection:} keys below, and per tag the optional {@code source-options}
 * {@code sampling-interval}, {@code queue-size} and {@code deadband} (a server-side absolute deadband).
 */
public final class OpcUaConnection {

    /** How the gateway identifies its user to the server. */
    public enum IdentityKind { ANONYMOUS, USERNAME, CERTIFICATE }

    static final ConfigKey<String> ENDPOINT_URL = ConfigKey.of("endpoint-url", ConfigType.STRING).required()
            .withValidator(Validator.matches("opc\\.tcp://.+", "of the form opc.tcp://host:port/path"))
            .withDoc("The server's endpoint.");
    static final ConfigKey<OpcUaSecurityPolicy> SECURITY_POLICY =
            ConfigKey.of("security-policy", ConfigType.enumOf(OpcUaSecurityPolicy.class))
                    .withDefault(OpcUaSecurityPolicy.BASIC256SHA256).withDoc("Security policy of the endpoint.");
    static final ConfigKey<MessageSecurity> SECURITY_MODE =
            ConfigKey.of("security-mode", ConfigType.enumOf(MessageSecurity.class))
                    .withDefault(MessageSecurity.SIGN_AND_ENCRYPT).withDoc("Message security mode.");
    static final ConfigKey<Boolean> ALLOW_INSECURE = ConfigKey.of("allow-insecure", ConfigType.BOOLEAN)
            .withDefault(false).withDoc("Must be true to use security-policy none: an explicit opt-in.");
    static final ConfigKey<IdentityKind> IDENTITY = ConfigKey.of("identity", ConfigType.enumOf(IdentityKind.class))
            .withDefault(IdentityKind.ANONYMOUS).withDoc("User identity token: anonymous, username or certificate.");
    static final ConfigKey<String> USERNAME = ConfigKey.of("username", ConfigType.STRING).optional()
            .withDoc("With identity username.");
    static final ConfigKey<Password> PASSWORD = ConfigKey.of("password", ConfigType.PASSWORD).optional()
            .withDoc("With identity username.");
    static final ConfigKey<Path> USER_CERTIFICATE = ConfigKey.of("user-certificate", ConfigType.PATH).optional()
            .withDoc("With identity certificate: the user's X.509 certificate (DER or PEM).");
    static final ConfigKey<Path> USER_PRIVATE_KEY = ConfigKey.of("user-private-key", ConfigType.PATH).optional()
            .withDoc("With identity certificate: its private key (PEM).");
    static final ConfigKey<Path> PKI_DIR = ConfigKey.of("pki-dir", ConfigType.PATH).optional()
            .withDoc("trusted/, issuers/, rejected/ and the gateway's own certificate; default <state dir>/pki.");
    static final ConfigKey<String> APPLICATION_URI = ConfigKey.of("application-uri", ConfigType.STRING).optional()
            .withDoc("The gateway's application URI, as in its certificate.");
    static final ConfigKey<Duration> SESSION_TIMEOUT = duration("session-timeout");
    static final ConfigKey<Duration> REQUEST_TIMEOUT = duration("request-timeout");
    static final ConfigKey<Duration> RECONNECT_MIN = duration("reconnect-backoff-min");
    static final ConfigKey<Duration> RECONNECT_MAX = duration("reconnect-backoff-max");
    static final ConfigKey<Duration> PUBLISHING_INTERVAL = duration("publishing-interval");

    private static final List<ConfigKey<?>> KEYS = List.of(ENDPOINT_URL, SECURITY_POLICY, SECURITY_MODE,
            ALLOW_INSECURE, IDENTITY, USERNAME, PASSWORD, USER_CERTIFICATE, USER_PRIVATE_KEY, PKI_DIR,
            APPLICATION_URI, SESSION_TIMEOUT, REQUEST_TIMEOUT, RECONNECT_MIN, RECONNECT_MAX, PUBLISHING_INTERVAL);

    private static final ConfigKey<Duration> SAMPLING_INTERVAL = duration("sampling-interval");
    private static final ConfigKey<Integer> QUEUE_SIZE = ConfigKey.of("queue-size", ConfigType.INT).optional()
            .withValidator(Validator.between(1, 10_000));
    private static final ConfigKey<Double> DEADBAND = ConfigKey.of("deadband", ConfigType.DOUBLE).optional();
    private static final List<ConfigKey<?>> TAG_KEYS = List.of(SAMPLING_INTERVAL, QUEUE_SIZE, DEADBAND);

    private OpcUaConnection() {
    }

    /**
     * The settings of {@code source} with its {@code tags}.
     *
     * @param defaultPki    PKI directory when the source names none
     * @param applicationId gateway id, for the default application URI {@code urn:takt:gateway:<id>}
     * @throws ConfigException naming every bad, missing or unknown key
     */
    public static OpcUaSourceSettings settings(SourceDefinition source, List<TagDefinition> tags, Path defaultPki,
            String applicationId) {
        ConnectionEntry entry = ConnectionEntry.read(source.id(), source.connection(), KEYS, Set.of());
        List<OpcUaTag> opcUaTags = new ArrayList<>();
        for (TagDefinition tag : tags) {
            ConnectionEntry options = ConnectionEntry.read(source.id() + "' tag '" + tag.address(),
                    tag.sourceOptions(), TAG_KEYS, Set.of());
            options.problems().forEach(entry::problem);
            opcUaTags.add(new OpcUaTag(tag.address(),
                    options.find(SAMPLING_INTERVAL).orElse(OpcUaTag.DEFAULT_SAMPLING_INTERVAL),
                    options.find(QUEUE_SIZE).orElse(OpcUaTag.DEFAULT_QUEUE_SIZE), options.find(DEADBAND).orElse(null)));
        }
        OpcUaIdentity identity = identity(entry);
        entry.throwIfInvalid();
        var builder = OpcUaSourceSettings.builder(source.id(), entry.get(ENDPOINT_URL),
                        entry.find(PKI_DIR).orElse(defaultPki))
                .security(entry.get(SECURITY_POLICY), entry.get(SECURITY_MODE))
                .allowInsecure(entry.get(ALLOW_INSECURE))
                .identity(identity)
                .application("Takt edge gateway " + applicationId,
                        entry.find(APPLICATION_URI).orElse("urn:takt:gateway:" + applicationId))
                .tags(opcUaTags);
        entry.find(SESSION_TIMEOUT).ifPresent(builder::sessionTimeout);
        entry.find(REQUEST_TIMEOUT).ifPresent(builder::requestTimeout);
        entry.find(PUBLISHING_INTERVAL).ifPresent(builder::publishingInterval);
        if (entry.find(RECONNECT_MIN).isPresent() || entry.find(RECONNECT_MAX).isPresent()) {
            builder.reconnectBackoff(entry.find(RECONNECT_MIN).orElse(Duration.ofSeconds(1)),
                    entry.find(RECONNECT_MAX).orElse(Duration.ofSeconds(30)));
        }
        return builder.build();
    }

    private static OpcUaIdentity identity(ConnectionEntry entry) {
        IdentityKind kind = entry.find(IDENTITY).orElse(IdentityKind.ANONYMOUS);
        switch (kind) {
            case USERNAME -> {
                if (entry.find(USERNAME).isEmpty() || entry.find(PASSWORD).isEmpty()) {
                    entry.problem("identity username needs 'username' and 'password'");
                    return OpcUaIdentity.anonymous();
                }
                return OpcUaIdentity.username(entry.get(USERNAME), entry.get(PASSWORD));
            }
            case CERTIFICATE -> {
                if (entry.find(USER_CERTIFICATE).isEmpty() || entry.find(USER_PRIVATE_KEY).isEmpty()) {
                    entry.problem("identity certificate needs 'user-certificate' and 'user-private-key'");
                    return OpcUaIdentity.anonymous();
                }
                return OpcUaIdentity.certificate(entry.get(USER_CERTIFICATE), entry.get(USER_PRIVATE_KEY));
            }
            default -> {
                return OpcUaIdentity.anonymous();
            }
        }
    }

    private static ConfigKey<Duration> duration(String name) {
        return ConfigKey.of(name, ConfigType.DURATION).optional();
    }
}
