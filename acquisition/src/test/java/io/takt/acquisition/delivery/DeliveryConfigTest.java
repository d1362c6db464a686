package io.takt.acquisition.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.takt.acquisition.delivery.buffer.BufferSettings;
import io.takt.acquisition.delivery.buffer.FsyncPolicy;
import io.takt.acquisition.delivery.buffer.OverflowPolicy;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;

class DeliveryConfigTest {

    @Test
    void shouldDefaultToAGibibyteAWeekAndGroupCommit() {
        // Given no settings at all
        DeliverySettings settings = DeliverySettings.from(validate());

        // Then the documented defaults apply
        BufferSettings buffer = settings.buffer();
        assertThat(buffer.dir()).isEqualTo(Path.of("data", "edge-buffer"));
        assertThat(buffer.maxBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(buffer.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(buffer.segmentBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(buffer.fsync()).isEqualTo(FsyncPolicy.EVERY_BATCH);
        assertThat(buffer.fsyncInterval()).isEqualTo(Duration.ZERO);
        assertThat(buffer.overflow()).isEqualTo(OverflowPolicy.DROP_OLDEST);
        assertThat(settings.gatewayId()).isEqualTo("gateway1");
    }

    @Test
    void shouldReadEveryKeyInItsOwnNotation() {
        // When each key is set the way an integrator writes it
        DeliverySettings settings = DeliverySettings.from(validate("site=plant-7", "gateway.id=gw-assembly-1",
                "buffer.dir=/var/lib/takt/buffer", "buffer.max.bytes=268435456", "buffer.max.age=2d",
                "buffer.segment.bytes=16777216", "buffer.fsync=every-record", "buffer.fsync.interval=20ms",
                "buffer.overflow=block"));

        // Then they are typed, and the names derived from site and id follow
        assertThat(settings.buffer()).isEqualTo(new BufferSettings(Path.of("/var/lib/takt/buffer"), 268_435_456,
                Duration.ofDays(2), 16_777_216, FsyncPolicy.EVERY_RECORD, Duration.ofMillis(20), OverflowPolicy.BLOCK));
        assertThat(settings.offsetsTopic()).isEqualTo("takt.plant-7.edge-offsets.v1");
        assertThat(settings.transactionalId()).isEqualTo("takt-edge-plant-7-gw-assembly-1");
    }

    @Test
    void shouldRefuseALimitBelowTwoSegmentsNamingBothKeys() {
        // Given 100 MiB segments in a 150 MiB buffer: one full segment and the one being written need 200
        TaktConfig config = validate("buffer.max.bytes=157286400", "buffer.segment.bytes=104857600");

        // Then start-up fails with a message naming both keys
        assertThatThrownBy(() -> DeliverySettings.from(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("buffer.max.bytes").hasMessageContaining("buffer.segment.bytes");
    }

    @Test
    void shouldRefuseAnUnknownFsyncPolicyListingTheAllowedOnes() {
        assertThatThrownBy(() -> validate("buffer.fsync=sometimes")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("buffer.fsync").hasMessageContaining("every-batch");
    }

    @Test
    void shouldRefuseAGatewayIdThatCannotNameATransactionalProducer() {
        assertThatThrownBy(() -> validate("gateway.id=gw 1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.id");
    }

    private static TaktConfig validate(String... settings) {
        ConfigSources.Builder sources = ConfigSources.builder();
        for (String setting : settings) {
            sources.set(setting);
        }
        return StoreAndForward.DEFINITION.validate(sources.build());
    }
}
