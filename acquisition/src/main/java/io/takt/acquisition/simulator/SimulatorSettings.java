package io.takt.acquisition.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.takt.acquisition.simulator.plant.PlantSettings;
import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.Password;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.config.Validator;

/**
 * How the plant simulator runs: the plant itself, how fast simulated time goes, and its OPC UA
 * server (where it listens, its certificates, who may log in). Validated at construction; a bad
 * value fails with a message naming the setting.
 *
 * @param plant           lines, machines, seed and the rest of the plant model
 * @param speed           simulated seconds per wall-clock second: 1 real time, 60 an hour a minute
 * @param bindHost        address the OPC UA server listens on; also the host in its endpoint URL
 *                        unless it is a wildcard ({@code 0.0.0.0}), then the machine's host name
 * @param port            OPC UA TCP port; 0 picks a free one ({@link PlantSimulator#endpointUrl()})
 * @param pkiDirectory    the server's key, certificate and trust lists
 * @param users           user names and passwords accepted on the secured endpoints; when empty,
 *                        the secured endpoints take anonymous sessions instead
 * @param trustAllClients accept every client certificate: tests only, never on a real network
 * @param tick            how often the wall clock moves the plant along
 */
public record SimulatorSettings(PlantSettings plant, double speed, String bindHost, int port, Path pkiDirectory,
                                Map<String, Password> users, boolean trustAllClients, Duration tick) {

    public static final double MAX_SPEED = 100_000;

    public static final ConfigKey<Long> SEED = ConfigKey.of("simulator.seed", ConfigType.LONG)
            .withDefault(1L)
            .withDoc("Seed of the plant simulator; the same seed and settings give the same plant events.");
    public static final ConfigKey<Integer> LINES = ConfigKey.of("simulator.lines", ConfigType.INT)
            .withDefault(3)
            .withValidator(Validator.between(1, PlantSettings.MAX_MACHINES))
            .withDoc("Production lines in the simulated plant; every three form a raw → intermediate → finished flow.");
    public static final ConfigKey<Integer> MACHINES_PER_LINE = ConfigKey.of("simulator.machines.per.line",
                    ConfigType.INT)
            .withDefault(4)
            .withValidator(Validator.between(1, PlantSettings.MAX_MACHINES))
            .withDoc("Machines on each simulated line.");
    public static final ConfigKey<Double> SPEED = ConfigKey.of("simulator.speed", ConfigType.DOUBLE)
            .withDefault(1.0)
            .withValidator(Validator.of((Double s) -> s > 0 && s <= MAX_SPEED, "in (0, " + (long) MAX_SPEED + "]"))
            .withDoc("Simulated seconds per real second: 1 is real time, 60 runs an hour a minute.");
    public static final ConfigKey<String> HOST = ConfigKey.of("simulator.opcua.host", ConfigType.STRING)
            .withDefault("localhost")
            .withValidator(Validator.notBlank())
            .withDoc("Address the simulator's OPC UA server listens on; 0.0.0.0 for every interface.");
    public static final ConfigKey<Integer> PORT = ConfigKey.of("simulator.opcua.port", ConfigType.INT)
            .withDefault(4840)
            .withValidator(Validator.between(0, 65535))
            .withDoc("TCP port of the simulator's OPC UA server; 0 picks a free one.");
    public static final ConfigKey<Path> PKI_DIR = ConfigKey.of("simulator.pki.dir", ConfigType.PATH)
            .withDefault(defaultPkiDirectory())
            .withDoc("Server key and certificate, trusted/certs for client certificates, rejected/ for refused ones.");
    public static final ConfigKey<String> USER = ConfigKey.of("simulator.user", ConfigType.STRING)
            .withDefault("gateway")
            .withDoc("User name accepted on the secured OPC UA endpoints; empty allows anonymous sessions there.");
    public static final ConfigKey<Password> PASSWORD = ConfigKey.of("simulator.password", ConfigType.PASSWORD)
            .withDefault(new Password("gateway"))
            .withDoc("Password of simulator.user.");
    public static final ConfigKey<Boolean> TRUST_ALL_CLIENTS = ConfigKey.of("simulator.trust.all.clients",
                    ConfigType.BOOLEAN)
            .withDefault(false)
            .withDoc("Accept every client certificate without checking the trust list. Tests only.");

    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(SEED, LINES, MACHINES_PER_LINE, SPEED, HOST, PORT, PKI_DIR, USER, PASSWORD, TRUST_ALL_CLIENTS)
            .build();

    public SimulatorSettings {
        Objects.requireNonNull(plant, "plant");
        require(speed > 0 && speed <= MAX_SPEED, SPEED.name(), speed, "in (0, " + (long) MAX_SPEED + "]");
        require(bindHost != null && !bindHost.isBlank(), HOST.name(), bindHost, "a host name or address");
        require(port >= 0 && port <= 65535, PORT.name(), port, "0..65535 (0 = any free port)");
        require(pkiDirectory != null, PKI_DIR.name(), null, "a directory");
        users = Map.copyOf(users);
        require(users.keySet().stream().noneMatch(String::isBlank), USER.name(), "", "a non-blank user name");
        require(tick != null && !tick.isNegative() && !tick.isZero(), "tick", tick, "a positive duration");
    }

    /** Real time, the default 3 × 4 plant, localhost:4840, user {@code gateway}/{@code gateway}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings from a config validated against {@link #DEFINITION}; the plant starts now. */
    public static SimulatorSettings from(TaktConfig config) {
        Builder builder = builder()
                .seed(config.get(SEED))
                .lines(config.get(LINES))
                .machinesPerLine(config.get(MACHINES_PER_LINE))
                .speed(config.get(SPEED))
                .bindHost(config.get(HOST))
                .port(config.get(PORT))
                .pkiDirectory(config.get(PKI_DIR))
                .trustAllClients(config.get(TRUST_ALL_CLIENTS))
                .users(Map.of());
        String user = config.get(USER);
        if (!user.isBlank()) {
            builder.user(user, config.get(PASSWORD).value());
        }
        return builder.build();
    }

    private static Path defaultPkiDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "takt-simulator-pki");
    }

    private static void require(boolean ok, String key, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + key + ": expected " + allowed);
        }
    }

    @Override
    public String toString() {
        return "SimulatorSettings[machines=" + plant.lines() + "x" + plant.machinesPerLine() + ", seed="
                + plant.seed() + ", speed=" + speed + ", opc.tcp://" + bindHost + ":" + port + ", pki="
                + pkiDirectory + ", users=" + users.keySet().stream().sorted().collect(Collectors.toList())
                + ", trustAllClients=" + trustAllClients + "]";
    }

    /** Builds {@link SimulatorSettings}; plant settings go through {@link #plant} or the shortcuts. */
    public static final class Builder {
        private PlantSettings.Builder plant = PlantSettings.builder();
        private double speed = 1;
        private String bindHost = "localhost";
        private int port = 4840;
        private Path pkiDirectory = defaultPkiDirectory();
        private final Map<String, Password> users = new LinkedHashMap<>(Map.of("gateway", new Password("gateway")));
        private boolean trustAllClients;
        private Duration tick = Duration.ofMillis(100);

        private Builder() {
        }

        public Builder plant(PlantSettings settings) {
            plant = settings.toBuilder();
            return this;
        }

        public Builder seed(long seed) {
            plant.seed(seed);
            return this;
        }

        public Builder lines(int lines) {
            plant.lines(lines);
            return this;
        }

        public Builder machinesPerLine(int machines) {
            plant.machinesPerLine(machines);
            return this;
        }

        public Builder speed(double value) {
            speed = value;
            return this;
        }

        public Builder bindHost(String value) {
            bindHost = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder pkiDirectory(Path value) {
            pkiDirectory = value;
            return this;
        }

        /** Replaces the accepted users (name → password); empty allows anonymous secured sessions. */
        public Builder users(Map<String, String> namesAndPasswords) {
            users.clear();
            namesAndPasswords.forEach(this::user);
            return this;
        }

        /** Adds one accepted user. */
        public Builder user(String name, String password) {
            users.put(name, new Password(password));
            return this;
        }

        public Builder trustAllClients(boolean value) {
            trustAllClients = value;
            return this;
        }

        public Builder tick(Duration value) {
            tick = value;
            return this;
        }

        public SimulatorSettings build() {
            return new SimulatorSettings(plant.build(), speed, bindHost, port, pkiDirectory, users,
                    trustAllClients, tick);
        }
    }
}
