package io.takt.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.takt.acquisition.simulator.ModbusFace;
import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorSettings;
import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.platform.config.TaktConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takt simulate}: a plant of PackML machines behind a real OPC UA server. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Run the plant simulator: lines of PackML machines (cycle times, micro-stops, faults with reasons, "
                + "changeovers, starved/blocked, breaks, counters, lots, quality) served by an OPC UA server.",
            "Deterministic with --seed; --speed 60 runs an hour a minute. Runs until Ctrl-C."
        })
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--lines", paramLabel = "N", description = "Lines (config simulator.lines, default 3).")
    Integer lines;

    @Option(names = "--machines-per-line", paramLabel = "N",
            description = "Machines per line (config simulator.machines.per.line, default 4).")
    Integer machinesPerLine;

    @Option(names = "--speed", paramLabel = "X", description = "Simulated seconds per second (default 1).")
    Double speed;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 1).")
    Long seed;

    @Option(names = "--port", paramLabel = "PORT", description = "OPC UA port (config simulator.opcua.port, "
            + "default 4840).")
    Integer port;

    @Option(names = "--modbus-port", paramLabel = "PORT",
            description = "Also serve Line1's machines as a Modbus/TCP PLC on this port (registers: see ModbusFace).")
    Integer modbusPort;

    @Option(names = "--tag-map", paramLabel = "FILE",
            description = "Also write a gateway tag map for this plant here (for 'takt acquire run -t FILE').")
    Path tagMap;

    @Option(names = "--site", defaultValue = "site1", paramLabel = "SITE",
            description = "Site named in the written tag map (default: ${DEFAULT-VALUE}).")
    String site;

    @Override
    public Integer call() throws Exception {
        TaktConfig cfg = config.load(SimulatorSettings.DEFINITION, ConfigOptions.given(
                SimulatorSettings.LINES.name(), lines, SimulatorSettings.MACHINES_PER_LINE.name(), machinesPerLine,
                SimulatorSettings.SPEED.name(), speed, SimulatorSettings.SEED.name(), seed,
                SimulatorSettings.PORT.name(), port));
        RunUntilStopped run = new RunUntilStopped();
        PlantSimulator simulator = run.closeOnExit(new PlantSimulator(SimulatorSettings.from(cfg)));
        simulator.start();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Plant simulator ready: " + simulator.plant().machines().size() + " machines at "
                + simulator.endpointUrl());
        out.println("  namespace urn:takt:simulator, node ids like nsu=urn:takt:simulator;s=Line1.Press1.State");
        if (modbusPort != null) {
            var line1 = simulator.plant().machines().stream().filter(m -> m.line().equals("Line1")).toList();
            ModbusFace face = run.closeOnExit(new ModbusFace(simulator.plant(), line1)).start(modbusPort);
            out.println("  Modbus/TCP: " + line1.size() + " machines of Line1 on port " + face.port() + ", "
                    + ModbusFace.BLOCK + " holding registers each (state at 1, mode 2, reason 3, good count 4-5 "
                    + "UDINT, reject count 6-7 UDINT; 1-based)");
        }
        if (tagMap != null) {
            SimulatorTagMap.write(simulator, "gw-" + site, site, tagMap);
            out.println("  tag map for the gateway: " + tagMap.toAbsolutePath());
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        run.await();
        return 0;
    }
}
