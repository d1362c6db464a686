package io.takt.acquisition.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.takt.acquisition.delivery.buffer.BufferSettings;
import io.takt.acquisition.delivery.buffer.FsyncPolicy;
import io.takt.acquisition.delivery.buffer.OverflowPolicy;
import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigException;
import io.takt.platform.config.ConfigKey;
import io.takt.platform.config.ConfigType;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;
import io.takt.platform.config.Validator;

/**
 * The settings of store-and-forward delivery, declared once: the gateway's identity and its disk
 * buffer. Kafka, registry and site come from {@link PlatformConfig}, which {@link #DEFINITION} includes.
 */
public final class DeliveryConfig {

    public static final ConfigKey<String> GATEWAY_ID = ConfigKey.of("gateway.id", ConfigType.STRING)
            .withDefault("gateway1")
            .withValidator(Validator.matches("[A-Za-z0-9]([A-Za-z0-9._-]{0,62}[A-Za-z0-9])?",
                    "of letters, digits and inner '.', '_' or '-', at most 64, e.g. gw-assembly-1"))
            .withDoc("Id of this edge gateway, unique per site: names its transactional producer"
                    + " (takt-edge-<site>-<id>) and its delivered position in takt.<site>.edge-offsets.v1.");

    public static final ConfigKey<Path> BUFFER_DIR = ConfigKey.of("buffer.dir", ConfigType.PATH)
            .withDefault(Path.of("data", "edge-buffer"))
            .withDoc("Directory of the gateway's write-ahead buffer; one gateway per directory, on a local disk.");

    public static final ConfigKey<Long> BUFFER_MAX_BYTES = ConfigKey.of("buffer.max.bytes", ConfigType.LONG)
            .withDefault(BufferSettings.DEFAULT_MAX_BYTES)
            .withValidator(Validator.atLeast(2 * BufferSettings.MIN_SEGMENT_BYTES))
            .withDoc("Most bytes the buffer's segment files may take (default 1 GiB); at least twice"
                    + " buffer.segment.bytes. What happens when full: buffer.overflow.");

    public static final ConfigKey<Duration> BUFFER_MAX_AGE = ConfigKey.of("buffer.max.age", ConfigType.DURATION)
            .withDefault(BufferSettings.DEFAULT_MAX_AGE)
            .withValidator(Validator.atLeast(Duration.ofSeconds(1)))
            .withDoc("Undelivered events older than this are dropped, counted and logged (checked per segment).");

    public static final ConfigKey<Long> BUFFER_SEGMENT_BYTES = ConfigKey.of("buffer.segment.bytes", ConfigType.LONG)
            .withDefault(BufferSettings.DEFAULT_SEGMENT_BYTES)
            .withValidator(Validator.between(BufferSettings.MIN_SEGMENT_BYTES, (long) Integer.MAX_VALUE))
            .withDoc("Size at which a buffer segment file is closed and the next begun; the unit of deletion and"
                    + " of dropping.");

    public static final ConfigKey<FsyncPolicy> BUFFER_FSYNC =
            ConfigKey.of("buffer.fsync", ConfigType.enumOf(FsyncPolicy.class))
                    .withDefault(FsyncPolicy.EVERY_BATCH)
                    .withDoc("When an appended event is forced to disk before the source is acknowledged:"
                            + " every-record, every-batch (group commit, see buffer.fsync.interval) or none (the OS"
                            + " decides: UNSAFE, a power cut loses acknowledged events).");

    public static final ConfigKey<Duration> BUFFER_FSYNC_INTERVAL =
            ConfigKey.of("buffer.fsync.interval", ConfigType.DURATION)
                    .withDefault(BufferSettings.DEFAULT_FSYNC_INTERVAL)
                    .withValidator(Validator.between(Duration.ZERO, Duration.ofSeconds(1)))
                    .withDoc("With buffer.fsync=every-batch, the least time between the starts of two fsyncs;"
                            + " appenders meanwhile share the next one. 0 (default): no delay beyond the fsync itself."
                            + " Raise (e.g. 5ms) to cap the fsync rate of wearing flash, at the cost of append latency.");

    public static final ConfigKey<OverflowPolicy> BUFFER_OVERFLOW =
            ConfigKey.of("buffer.overflow", ConfigType.enumOf(OverflowPolicy.class))
                    .withDefault(OverflowPolicy.DROP_OLDEST)
                    .withDoc("When the buffer is full: drop-oldest (delete the oldest segment, counted and logged)"
                            + " or block (hold the source until delivery frees room).");

    /** Every key of store-and-forward delivery, platform keys included. */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .include(PlatformConfig.DEFINITION)
            .define(GATEWAY_ID, BUFFER_DIR, BUFFER_MAX_BYTES, BUFFER_MAX_AGE, BUFFER_SEGMENT_BYTES, BUFFER_FSYNC,
                    BUFFER_FSYNC_INTERVAL, BUFFER_OVERFLOW)
            .build();

    private DeliveryConfig() {
    }

    /**
     * The buffer settings of a validated config.
     *
     * @throws ConfigException if buffer.max.bytes is less than twice buffer.segment.bytes
     */
    public static BufferSettings bufferSettings(TaktConfig config) {
        long maxBytes = config.get(BUFFER_MAX_BYTES);
        long segmentBytes = config.get(BUFFER_SEGMENT_BYTES);
        if (maxBytes < 2 * segmentBytes) {
            throw new ConfigException(List.of(BUFFER_MAX_BYTES.name() + " (" + maxBytes + ") must be at least twice "
                    + BUFFER_SEGMENT_BYTES.name() + " (" + segmentBytes + "): one segment is written while a full"
                    + " one waits for delivery"));
        }
        return new BufferSettings(config.get(BUFFER_DIR), maxBytes, config.get(BUFFER_MAX_AGE), segmentBytes,
                config.get(BUFFER_FSYNC), config.get(BUFFER_FSYNC_INTERVAL), config.get(BUFFER_OVERFLOW));
    }

    /** {@code takt.<site>.edge-offsets.v1}: each gateway's delivered buffer position, compacted, keyed by gateway id. */
    public static String offsetsTopic(String site) {
        return "takt." + site + ".edge-offsets.v1";
    }

    /** {@code takt-edge-<site>-<gateway id>}: stable across restarts, so a restarted gateway fences its former self. */
    public static String transactionalId(String site, String gatewayId) {
        return "takt-edge-" + site + "-" + gatewayId;
    }
}
