package io.takt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigSources;

class DashboardSettingsTest {

    @Test
    void shouldListenOnPort8080WithNoTraceByDefault() {
        DashboardSettings settings = DashboardSettings.from(DashboardSettings.DEFINITION.validate(ConfigSources.none()));
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
        assertThat(settings.genealogyUrl()).isEmpty();
    }

    @Test
    void shouldTakeTheGenealogyUrl() {
        DashboardSettings settings = DashboardSettings.from(validate(Map.of("dashboard.genealogy.url",
                "http://genealogy:8084")));
        assertThat(settings.genealogyUrl()).contains(URI.create("http://genealogy:8084"));
    }

    @Test
    void shouldRefuseBadValuesNamingEachKey() {
        // Given a port out of range and a genealogy URL that is no URL
        assertThatThrownBy(() -> validate(Map.of("dashboard.http.port", "99999", "dashboard.genealogy.url", "genealogy")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p -> assertThat(p)
                        .contains("dashboard.http.port")).anySatisfy(p -> assertThat(p)
                        .contains("dashboard.genealogy.url")));
    }

    private static io.takt.platform.config.TaktConfig validate(Map<String, String> overrides) {
        return DashboardSettings.DEFINITION.validate(ConfigSources.builder().overrides(overrides).build());
    }
}
