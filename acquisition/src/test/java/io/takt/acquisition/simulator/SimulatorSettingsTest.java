package io.takt.acquisition.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.Password;
import org.junit.jupiter.api.Test;

class SimulatorSettingsTest {

    @Test
    void shouldBuildSettingsFromDeclaredConfigKeys() {
        // Given a config that sets every simulator key
        var config = SimulatorSettings.DEFINITION.validate(ConfigSources.builder()
                .set("simulator.seed=42").set("simulator.lines=6").set("simulator.machines.per.line=10")
                .set("simulator.speed=60").set("simulator.opcua.host=0.0.0.0").set("simulator.opcua.port=0")
                .set("simulator.pki.dir=/var/lib/takt/pki").set("simulator.user=mes")
                .set("simulator.password=secret").set("simulator.trust.all.clients=true")
                .build());

        // When it becomes settings
        SimulatorSettings settings = SimulatorSettings.from(config);

        // Then each value lands where it belongs: 6 lines × 10 machines = 60 machines
        assertThat(settings.plant().seed()).isEqualTo(42);
        assertThat(settings.plant().machineCount()).isEqualTo(60);
        assertThat(settings.speed()).isEqualTo(60.0);
        assertThat(settings.bindHost()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isZero();
        assertThat(settings.pkiDirectory()).isEqualTo(Path.of("/var/lib/takt/pki"));
        assertThat(settings.users()).containsOnlyKeys("mes").containsEntry("mes", new Password("secret"));
        assertThat(settings.trustAllClients()).isTrue();
    }

    @Test
    void shouldAllowAnonymousSecuredSessionsWhenTheUserIsEmpty() {
        // Given simulator.user set to nothing
        var config = SimulatorSettings.DEFINITION.validate(ConfigSources.builder().set("simulator.user=").build());

        // When it becomes settings
        // Then no users are configured
        assertThat(SimulatorSettings.from(config).users()).isEmpty();
    }

    @Test
    void shouldRejectASpeedOfZeroNamingTheKey() {
        // Given a speed of 0 in the config and in the builder
        // When validated
        // Then both fail naming simulator.speed
        assertThatThrownBy(() -> SimulatorSettings.DEFINITION.validate(
                ConfigSources.builder().set("simulator.speed=0").build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("simulator.speed");
        assertThatThrownBy(() -> SimulatorSettings.builder().speed(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("simulator.speed");
    }

    @Test
    void shouldRejectMoreThanOneHundredThousandMachines() {
        // Given 1,000 lines × 101 machines = 101,000 machines, over the 100,000 limit
        // When built
        // Then it fails naming the product of the two settings
        assertThatThrownBy(() -> SimulatorSettings.builder().lines(1_000).machinesPerLine(101).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lines × machinesPerLine");
    }

    @Test
    void shouldNeverShowPasswordsWhenPrinted() {
        // Given a user with a password
        SimulatorSettings settings = SimulatorSettings.builder().user("mes", "hunter2").build();

        // When printed
        // Then the user shows and the password does not
        assertThat(settings.toString()).contains("mes").doesNotContain("hunter2");
    }
}
