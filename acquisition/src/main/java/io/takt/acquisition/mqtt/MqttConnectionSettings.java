package io.takt.acquisition.mqtt;

import io.takt.acquisition.tagmap.ConnectionEntry;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.Password;
import io.takt.platform.config.Validator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach an MQTT 3.1.1 broker: address, client id, optional credentials and TLS, keep-alive
 * and reconnect backoff. Read from a source's {@code connection:} map with {@link #from}, or built in
 * code with {@link #of} and the {@code with...} methods.
 *
 * @param host                  broker host name or address
 * @param port                  broker TCP port
 * @param clientId              MQTT client identifier, unique on the broker
 * @param username              user name for the broker, or null for none
 * @param password              password, or null for none
 * @param tls                   connect with TLS, trusting the JVM's default trust store
 * @param keepAlive             MQTT keep-alive interval, whole seconds
 * @param reconnectInitialDelay wait before the first reconnect; doubles on each failed attempt
 * @param reconnectMaxDelay     longest wait between reconnect attempts
 */
public record MqttConnectionSettings(String host, int port, String clientId, String username, Password password,
        boolean tls, Duration keepAlive, Duration reconnectInitialDelay, Duration reconnectMaxDelay) {

    public static final ConfigKey<String> HOST = ConfigKey.of("host", ConfigType.STRING)
            .withDefault("localhost")
            .withValidator(Validator.notBlank())
            .withDoc("MQTT broker host name or address.");
    public static final ConfigKey<Integer> PORT = ConfigKey.of("port", ConfigType.INT)
            .withDefault(1883)
            .withValidator(Validator.between(1, 65535))
            .withDoc("MQTT broker TCP port (1883 plain, usually 8883 with TLS).");
    public static final ConfigKey<String> CLIENT_ID = ConfigKey.of("client-id", ConfigType.STRING)
            .optional()
            .withValidator(Validator.matches("[A-Za-z0-9._-]{1,64}",
                    "of 1 to 64 letters, digits, '.', '_' or '-'"))
            .withDoc("MQTT client identifier, unique on the broker; default takt-<source id>.");
    public static final ConfigKey<String> USERNAME = ConfigKey.of("username", ConfigType.STRING)
            .optional()
            .withDoc("User name for the broker; leave out for anonymous access.");
    public static final ConfigKey<Password> PASSWORD = ConfigKey.of("password", ConfigType.PASSWORD)
            .optional()
            .withDoc("Password for the broker; needs username.");
    public static final ConfigKey<Boolean> TLS = ConfigKey.of("tls", ConfigType.BOOLEAN)
            .withDefault(false)
            .withDoc("Connect with TLS, trusting the certificates of the JVM's default trust store.");
    public static final ConfigKey<Duration> KEEP_ALIVE = ConfigKey.of("keep-alive", ConfigType.DURATION)
            .withDefault(Duration.ofSeconds(30))
            .withValidator(Validator.between(Duration.ofSeconds(1), Duration.ofSeconds(65535)))
            .withDoc("MQTT keep-alive: how soon a silent broker connection is found dead.");
    public static final ConfigKey<Duration> RECONNECT_INITIAL_DELAY =
            ConfigKey.of("reconnect-initial-delay", ConfigType.DURATION)
                    .withDefault(Duration.ofSeconds(1))
                    .withValidator(Validator.between(Duration.ofMillis(10), Duration.ofMinutes(10)))
                    .withDoc("Wait before the first reconnect attempt; doubles after each failed one.");
    public static final ConfigKey<Duration> RECONNECT_MAX_DELAY =
            ConfigKey.of("reconnect-max-delay", ConfigType.DURATION)
                    .withDefault(Duration.ofSeconds(30))
                    .withValidator(Validator.between(Duration.ofMillis(10), Duration.ofHours(1)))
                    .withDoc("Longest wait between reconnect attempts.");

    /** The connection keys every MQTT source accepts. */
    public static final List<ConfigKey<?>> KEYS = List.of(HOST, PORT, CLIENT_ID, USERNAME, PASSWORD, TLS, KEEP_ALIVE,
            RECONNECT_INITIAL_DELAY, RECONNECT_MAX_DELAY);

    public MqttConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(reconnectInitialDelay, "reconnectInitialDelay");
        Objects.requireNonNull(reconnectMaxDelay, "reconnectMaxDelay");
        if (password != null && username == null) {
            throw new IllegalArgumentException("A broker password needs a username");
        }
        if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw new IllegalArgumentException("reconnect-max-delay " + reconnectMaxDelay
                    + " is below reconnect-initial-delay " + reconnectInitialDelay);
        }
    }

    /** Plain TCP, no credentials, 30 s keep-alive, reconnect after 1 s doubling up to 30 s. */
    public static MqttConnectionSettings of(String host, int port, String clientId) {
        return new MqttConnectionSettings(host, port, clientId, null, null, false, Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** The connection keys of {@code entry}; cross-key problems are added to the entry. */
    public static MqttConnectionSettings from(ConnectionEntry entry) {
        String username = entry.find(USERNAME).orElse(null);
        Password password = entry.find(PASSWORD).orElse(null);
        if (password != null && username == null) {
            entry.problem("connection key 'password' needs 'username'");
            password = null;
        }
        Duration initial = entry.find(RECONNECT_INITIAL_DELAY).orElse(Duration.ofSeconds(1));
        Duration max = entry.find(RECONNECT_MAX_DELAY).orElse(Duration.ofSeconds(30));
        if (max.compareTo(initial) < 0) {
            entry.problem("connection key 'reconnect-max-delay' must not be below 'reconnect-initial-delay'");
            max = initial;
        }
        return new MqttConnectionSettings(entry.find(HOST).orElse("localhost"), entry.find(PORT).orElse(1883),
                entry.find(CLIENT_ID).orElse("takt-" + entry.sourceId()), username, password,
                entry.find(TLS).orElse(false), entry.find(KEEP_ALIVE).orElse(Duration.ofSeconds(30)), initial, max);
    }

    /** The same with another client id. */
    public MqttConnectionSettings withClientId(String id) {
        return new MqttConnectionSettings(host, port, id, username, password, tls, keepAlive, reconnectInitialDelay,
                reconnectMaxDelay);
    }

    /** The same with credentials. */
    public MqttConnectionSettings withCredentials(String user, Password secret) {
        return new MqttConnectionSettings(host, port, clientId, user, secret, tls, keepAlive, reconnectInitialDelay,
                reconnectMaxDelay);
    }

    /** The same with TLS on or off. */
    public MqttConnectionSettings withTls(boolean on) {
        return new MqttConnectionSettings(host, port, clientId, username, password, on, keepAlive,
                reconnectInitialDelay, reconnectMaxDelay);
    }

    /** The same with other reconnect delays. */
    public MqttConnectionSettings withReconnectDelays(Duration initial, Duration max) {
        return new MqttConnectionSettings(host, port, clientId, username, password, tls, keepAlive, initial, max);
    }

    @Override
    public String toString() {
        return (tls ? "mqtts://" : "mqtt://") + (username == null ? "" : username + "@") + host + ":" + port
                + " as " + clientId;
    }
}
