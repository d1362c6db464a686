package io.takt.acquisition.delivery;

import java.util.Objects;

import io.takt.acquisition.delivery.buffer.BufferSettings;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;

/**
 * Everything store-and-forward needs, read from a validated config.
 *
 * @param gatewayId this gateway's id, unique per site
 * @param site      the plant site, part of every topic name
 * @param buffer    the disk buffer's settings
 * @param platform  Kafka and topic settings (bootstrap servers, client pass-through, partitions)
 */
public record DeliverySettings(String gatewayId, String site, BufferSettings buffer, PlatformConfig platform) {

    public DeliverySettings {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(platform, "platform");
    }

    /** Reads a config validated against {@link DeliveryConfig#DEFINITION} (or a definition including it). */
    public static DeliverySettings from(TaktConfig config) {
        PlatformConfig platform = PlatformConfig.from(config);
        return new DeliverySettings(config.get(DeliveryConfig.GATEWAY_ID), platform.site(),
                DeliveryConfig.bufferSettings(config), platform);
    }

    public String offsetsTopic() {
        return DeliveryConfig.offsetsTopic(site);
    }

    public String transactionalId() {
        return DeliveryConfig.transactionalId(site, gatewayId);
    }
}
