package io.takt.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.takt.acquisition.gateway.EdgeGateway;
import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.dashboard.DashboardSettings;
import io.takt.erp.ErpSettings;
import io.takt.genealogy.GenealogySettings;
import io.takt.oee.OeeSettings;
import io.takt.platform.config.ConfigDefinition;
import io.takt.platform.config.ConfigSources;
import io.takt.platform.config.PlatformConfig;
import io.takt.platform.config.TaktConfig;

/**
 * The config of each service of the demo, as an operator would write it: the same keys the
 * services read from their files in production, here pointed at the embedded broker and registry
 * and at the simulated plant. Each is also written to {@code <data dir>/config/} so that
 * {@code takt oee reconcile -c} and friends can be run against the demo with the same rules.
 */
final class DemoConfig {

    private final LocalBackbone.Settings settings;
    private final DemoShifts shifts;
    private final String bootstrapServers;
    private final String registryUrl;

    DemoConfig(LocalBackbone.Settings settings, DemoShifts shifts, String bootstrapServers, String registryUrl) {
        this.settings = settings;
        this.shifts = shifts;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    TaktConfig gateway(Path tagMap) {
        Path dir = dir("gateway");
        Map<String, String> given = cluster();
        given.put(EdgeGateway.TAG_MAP.name(), tagMap.toString());
        given.put(EdgeGateway.STATE_DIR.name(), dir.toString());
        given.put("buffer.dir", dir.resolve("buffer").toString());
        return validated("gateway", EdgeGateway.DEFINITION, given);
    }

    // The simulated plant's own shifts and breaks, and ideal cycle times a little under each machine's rated
    // cycle (the simulated cycles spread ±5 % around it), so the demo's OEE figures mean something.
    TaktConfig oee(PlantSimulator simulator) {
        Map<String, String> given = cluster();
        given.put(OeeSettings.STATE_DIR.name(), dir("oee").toString());
        given.put(OeeSettings.HTTP_HOST.name(), "localhost");
        given.put(OeeSettings.HTTP_PORT.name(), Integer.toString(settings.ports().oee()));
        given.put("oee.calendar.shifts", shifts.oeeShifts());
        given.put("oee.calendar.breaks", shifts.oeeBreaks());
        given.put(OeeSettings.IDEAL_CYCLE_TIMES.name(), idealCycleTimes(simulator));
        return validated("oee", OeeSettings.DEFINITION, given);
    }

    TaktConfig genealogy(URI oeeUrl) {
        Map<String, String> given = cluster();
        given.put(GenealogySettings.STATE_DIR.name(), dir("genealogy").toString());
        given.put(GenealogySettings.HTTP_HOST.name(), "localhost");
        given.put(GenealogySettings.HTTP_PORT.name(), Integer.toString(settings.ports().genealogy()));
        given.put(GenealogySettings.OEE_URL.name(), oeeUrl.toString());
        return validated("genealogy", GenealogySettings.DEFINITION, given);
    }

    // The stand-in starts empty: the simulated lines' own orders are booked into it (PlantErp), and
    // confirmations go out every 2 s so that the ERP's rows visibly follow the plant.
    TaktConfig erp(Path mapping) {
        Map<String, String> given = cluster();
        given.put(ErpSettings.STATE_DIR.name(), dir("erp").toString());
        given.put(ErpSettings.STAND_IN_SEED.name(), "false");
        given.put(ErpSettings.MAPPING_FILE.name(), mapping.toString());
        given.put(ErpSettings.CONFIRMATION_INTERVAL.name(), "2s");
        given.put(ErpSettings.HTTP_HOST.name(), "localhost");
        given.put(ErpSettings.HTTP_PORT.name(), Integer.toString(settings.ports().erp()));
        return validated("erp", ErpSettings.DEFINITION, given);
    }

    TaktConfig dashboard(URI genealogyUrl) {
        Map<String, String> given = cluster();
        given.put(DashboardSettings.HTTP_HOST.name(), "localhost");
        given.put(DashboardSettings.HTTP_PORT.name(), Integer.toString(settings.ports().dashboard()));
        given.put(DashboardSettings.GENEALOGY_URL.name(), genealogyUrl.toString());
        return validated("dashboard", DashboardSettings.DEFINITION, given);
    }

    /** The ERP identity mapping the demo writes for its plant. */
    Path erpMapping() {
        return dir("config").resolve("erp-mapping.properties");
    }

    /** Where a service's config file is written. */
    Path file(String service) {
        return dir("config").resolve(service + ".properties");
    }

    private Map<String, String> cluster() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put(PlatformConfig.KAFKA_BOOTSTRAP_SERVERS.name(), bootstrapServers);
        given.put(PlatformConfig.SCHEMA_REGISTRY_URL.name(), registryUrl);
        given.put(PlatformConfig.SITE.name(), settings.site());
        return given;
    }

    private TaktConfig validated(String service, ConfigDefinition definition, Map<String, String> given) {
        TaktConfig config = definition.validate(ConfigSources.builder().overrides(given).build());
        write(service, given);
        return config;
    }

    private void write(String service, Map<String, String> given) {
        StringBuilder text = new StringBuilder("# The demo's " + service + " config, written by takt demo\n");
        given.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(file(service).getParent());
            Files.writeString(file(service), text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(service), e);
        }
    }

    private Path dir(String name) {
        return settings.dataDir().resolve(name);
    }

    private String idealCycleTimes(PlantSimulator simulator) {
        Map<String, Long> cycles = simulator.plant().nominalCycleMillis();
        List<String> pairs = new ArrayList<>();
        for (var machine : simulator.plant().machines()) {
            long rated = cycles.get(machine.id());
            pairs.add(SimulatorTagMap.equipmentId(settings.site(), machine) + "=" + Math.round(rated * 0.95) + "ms");
        }
        return String.join(",", pairs);
    }
}
