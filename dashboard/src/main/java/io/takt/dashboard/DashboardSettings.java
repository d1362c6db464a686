package io.takt.dashboard;

import java.net.URI;
import java.util.Optional;

import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.config.Validator;

/** The settings of the dashboard ({@code dashboard.*}), typed and validated once at start-up. */
public final class DashboardSettings {

    public static final ConfigKey<String> HTTP_HOST = ConfigKey.of("dashboard.http.host", ConfigType.STRING)
            .withDefault("0.0.0.0")
            .withValidator(Validator.notBlank())
            .withDoc("Address the dashboard, its API, /metrics and /health listen on.");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.of("dashboard.http.port", ConfigType.INT)
            .withDefault(8080)
            .withValidator(Validator.between(0, 65535))
            .withDoc("Port of the dashboard, its API, /metrics and /health; 0 picks a free one.");
    public static final ConfigKey<URI> GENEALOGY_URL = ConfigKey.of("dashboard.genealogy.url", ConfigType.URL)
            .optional()
            .withDoc("Base URL of streams-genealogy's trace API (e.g. http://localhost:8084), which the dashboard's "
                    + "lot trace search asks on the browser's behalf; without it the trace panel says it is not "
                    + "configured.");

    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(HTTP_HOST, HTTP_PORT, GENEALOGY_URL)
            .include(PlatformConfig.DEFINITION)
            .build();

    private final TaktConfig config;

    private DashboardSettings(TaktConfig config) {
        this.config = config;
    }

    /** The view of a config validated against {@link #DEFINITION}. */
    public static DashboardSettings from(TaktConfig config) {
        return new DashboardSettings(config);
    }

    public PlatformConfig platform() {
        return PlatformConfig.from(config);
    }

    public String httpHost() {
        return config.get(HTTP_HOST);
    }

    public int httpPort() {
        return config.get(HTTP_PORT);
    }

    public Optional<URI> genealogyUrl() {
        return config.find(GENEALOGY_URL);
    }
}
