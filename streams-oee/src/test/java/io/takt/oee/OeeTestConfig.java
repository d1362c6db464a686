package io.takt.oee;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.TaktConfig;

/** The config of an OeeService (and of the reconciliation checking it) on a test broker and registry. */
final class OeeTestConfig {

    private OeeTestConfig() {
    }

    /**
     * @param more further entries, e.g. "oee.grace" -> "2m"; they win over the ones set here
     */
    static TaktConfig of(String bootstrapServers, String registryUrl, String site, String applicationId,
            Path stateDir, Map<String, String> more) {
        Map<String, String> entries = new HashMap<>();
        entries.put("kafka.bootstrap.servers", bootstrapServers);
        entries.put("schema.registry.url", registryUrl);
        entries.put("site", site);
        // KafkaBackbone.provisionSite makes one partition per topic; the service must not ask for other sizes.
        entries.put("topics.partitions", "1");
        entries.put(OeeSettings.APPLICATION_ID.name(), applicationId);
        entries.put(OeeSettings.STATE_DIR.name(), stateDir.toString());
        entries.put(OeeSettings.HTTP_HOST.name(), "localhost");
        entries.put(OeeSettings.HTTP_PORT.name(), "0");
        // Streams' own commit every 100 ms under exactly-once; a short session lets a restart rejoin fast.
        entries.put("kafka.streams.consumer.session.timeout.ms", "10000");
        entries.putAll(more);
        return OeeSettings.DEFINITION.validate(ConfigSources.builder().overrides(entries).build());
    }
}
