package io.takt.oee;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.takt.oee.calendar.CalendarSettings;
import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.config.Validator;
import io.takt.schemas.MinorStopPolicy;

/** The settings of streams-oee ({@code oee.*}), typed and validated once at start-up. */
public final class OeeSettings {

    public static final ConfigKey<String> APPLICATION_ID = ConfigKey.of("oee.application.id", ConfigType.STRING)
            .withDefault("takt-oee")
            .withValidator(Validator.matches("[a-zA-Z0-9._-]+", "of letters, digits, '.', '_' and '-'"))
            .withDoc("Kafka Streams application id: the consumer group, and the prefix of its internal topics. "
                    + "Every instance of one OEE app uses the same id.");
    public static final ConfigKey<Duration> GRACE = ConfigKey.of("oee.grace", ConfigType.DURATION)
            .withDefault(Duration.ofMinutes(5))
            .withValidator(Validator.between(Duration.ZERO, Duration.ofDays(7)))
            .withDoc("How late (in event time, behind the machine's newest event) an event may arrive and still "
                    + "correct its windows; a later one goes to the dead-letter topic with reason late-event.");
    public static final ConfigKey<Duration> MINOR_STOP_THRESHOLD =
            ConfigKey.of("oee.minor-stop.threshold", ConfigType.DURATION)
                    .withDefault(Duration.ofMinutes(2))
                    .withValidator(Validator.between(Duration.ZERO, Duration.ofHours(1)))
                    .withDoc("Unplanned stops (FAULT, MINOR_STOP) shorter than this are minor stops.");
    public static final ConfigKey<MinorStopPolicy> MINOR_STOP_POLICY =
            ConfigKey.of("oee.minor-stop.policy", ConfigType.enumOf(MinorStopPolicy.class))
                    .withDefault(MinorStopPolicy.IN_RUN_TIME)
                    .withValidator(Validator.oneOf(MinorStopPolicy.IN_RUN_TIME, MinorStopPolicy.IN_DELAY_TIME))
                    .withDoc("Where minor-stop time goes: in-run-time keeps it in APT so it lowers performance "
                            + "(six big losses); in-delay-time puts it in ADET so it lowers availability (strict "
                            + "ISO 22400). Either way it is reported on its own.");
    public static final ConfigKey<Duration> LIVE_INTERVAL = ConfigKey.of("oee.live.interval", ConfigType.DURATION)
            .withDefault(Duration.ofSeconds(1))
            .withValidator(Validator.between(Duration.ofMillis(100), Duration.ofMinutes(10)))
            .withDoc("How often at most the live shift-so-far record of a machine is updated (and at once on "
                    + "every state change).");
    public static final ConfigKey<Duration> DEFAULT_IDEAL_CYCLE_TIME =
            ConfigKey.of("oee.ideal-cycle-time.default", ConfigType.DURATION)
                    .withDefault(Duration.ofSeconds(1))
                    .withValidator(Validator.of((Duration d) -> !d.isNegative() && !d.isZero(), "more than 0"))
                    .withDoc("PRU, ideal time per unit, for machines and products no work order and no "
                            + "oee.ideal-cycle-times entry gives one. A performance above 1 means it is too long.");
    public static final ConfigKey<Map<String, Double>> IDEAL_CYCLE_TIMES =
            ConfigKey.of("oee.ideal-cycle-times", IdealCycleTimes.TYPE)
                    .withDefault(Map.of())
                    .withDoc("PRU per machine when no work order gives one, as equipment-id=duration pairs.");
    public static final ConfigKey<Duration> MAX_CLOCK_JUMP = ConfigKey.of("oee.max-clock-jump", ConfigType.DURATION)
            .withDefault(Duration.ofDays(31))
            .withValidator(Validator.between(Duration.ofMinutes(1), Duration.ofDays(3650)))
            .withDoc("An event this far ahead of its machine's newest event is refused (invalid-event): a PLC clock "
                    + "set to 2099 must not finalise decades of windows. Raise it for machines silent for longer.");
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.of("oee.state.dir", ConfigType.PATH)
            .withDefault(Path.of("data/oee"))
            .withDoc("Where the RocksDB state stores live; kept across restarts so recovery reads only the "
                    + "changelog's tail.");
    public static final ConfigKey<Integer> THREADS = ConfigKey.of("oee.threads", ConfigType.INT)
            .withDefault(1)
            .withValidator(Validator.between(1, 64))
            .withDoc("Stream threads of this instance; at most the topics' partitions over all instances are busy.");
    public static final ConfigKey<String> HTTP_HOST = ConfigKey.of("oee.http.host", ConfigType.STRING)
            .withDefault("0.0.0.0")
            .withDoc("Address the query API, /metrics and /health listen on.");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.of("oee.http.port", ConfigType.INT)
            .withDefault(8083)
            .withValidator(Validator.between(0, 65535))
            .withDoc("Port of the query API, /metrics and /health; 0 picks a free one.");
    public static final ConfigKey<String> ADVERTISED_HOST = ConfigKey.of("oee.advertised.host", ConfigType.STRING)
            .withDefault("localhost")
            .withValidator(Validator.notBlank())
            .withDoc("Host name other instances use to reach this one's query API (with oee.http.port); must be "
                    + "reachable from them when several instances run.");

    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(APPLICATION_ID, GRACE, MINOR_STOP_THRESHOLD, MINOR_STOP_POLICY, LIVE_INTERVAL,
                    DEFAULT_IDEAL_CYCLE_TIME, IDEAL_CYCLE_TIMES, MAX_CLOCK_JUMP, STATE_DIR, THREADS, HTTP_HOST, HTTP_PORT,
                    ADVERTISED_HOST)
            .include(CalendarSettings.DEFINITION)
            .include(PlatformConfig.DEFINITION)
            .build();

    private final TaktConfig config;

    private OeeSettings(TaktConfig config) {
        this.config = config;
    }

    /** The view of a config validated against {@link #DEFINITION}. */
    public static OeeSettings from(TaktConfig config) {
        return new OeeSettings(config);
    }

    public TaktConfig config() {
        return config;
    }

    public PlatformConfig platform() {
        return PlatformConfig.from(config);
    }

    public String applicationId() {
        return config.get(APPLICATION_ID);
    }

    public Duration grace() {
        return config.get(GRACE);
    }

    public Duration minorStopThreshold() {
        return config.get(MINOR_STOP_THRESHOLD);
    }

    public MinorStopPolicy minorStopPolicy() {
        return config.get(MINOR_STOP_POLICY);
    }

    public Duration liveInterval() {
        return config.get(LIVE_INTERVAL);
    }

    public Duration defaultIdealCycleTime() {
        return config.get(DEFAULT_IDEAL_CYCLE_TIME);
    }

    /** Configured PRU per equipment id, ms per unit. */
    public Map<String, Double> idealCycleTimes() {
        return config.get(IDEAL_CYCLE_TIMES);
    }

    public Duration maxClockJump() {
        return config.get(MAX_CLOCK_JUMP);
    }

    public Path stateDir() {
        return config.get(STATE_DIR);
    }

    public int threads() {
        return config.get(THREADS);
    }

    public String httpHost() {
        return config.get(HTTP_HOST);
    }

    public int httpPort() {
        return config.get(HTTP_PORT);
    }

    public String advertisedHost() {
        return config.get(ADVERTISED_HOST);
    }
}
