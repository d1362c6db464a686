package io.takt.acquisition.gateway;

import java.util.List;

import io.takt.acquisition.delivery.DeliveryStatus;
import io.takt.acquisition.source.SourceStatus;
import io.takt.acquisition.tagmap.Gateway;

/**
 * The gateway at one moment, for {@code takt acquire}'s status lines.
 *
 * @param gateway  which gateway
 * @param sources  each source's link and counters
 * @param tags     sample counts and ages per source
 * @param delivery the disk buffer and Kafka side
 */
public record GatewayStatus(Gateway gateway, List<SourceStatus> sources, List<SourceStatistics.Snapshot> tags,
        DeliveryStatus delivery) {
}
