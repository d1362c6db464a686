package io.takt.acquisition.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.takt.acquisition.modbus.ModbusTcpServer;
import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.Plant;
import io.takt.acquisition.simulator.plant.PlantListener;
import io.takt.acquisition.simulator.plant.TagDefinition;

/**
 * The simulator's Modbus/TCP face, as a legacy PLC on the same machines: each mirrored machine gets a
 * block of {@link #BLOCK} holding registers (protocol addresses, 0-based), kept in step with the plant.
 *
 * <pre>
 * block + 0  State (PackML number)      block + 3  GoodCount, 32 bits (high word first)
 * block + 1  Mode                        block + 5  RejectCount, 32 bits (high word first)
 * block + 2  ReasonCode
 * </pre>
 * In PLC4X notation (1-based) machine k's state is {@code holding-register:(k*16+1):UINT} and its good
 * count {@code holding-register:(k*16+4):UDINT}.
 */
public final class ModbusFace implements PlantListener, AutoCloseable {

    /** Registers per machine. */
    public static final int BLOCK = 16;
    static final int STATE = 0;
    static final int MODE = 1;
    static final int REASON = 2;
    static final int GOOD = 3;
    static final int REJECT = 5;

    private final ModbusTcpServer server = new ModbusTcpServer();
    private final Map<String, Integer> blocks = new LinkedHashMap<>();

    /** Mirrors {@code machines} (in this order: block k for the k-th) of {@code plant}. */
    public ModbusFace(Plant plant, List<MachineDescription> machines) {
        for (MachineDescription machine : machines) {
            int block = blocks.size() * BLOCK;
            blocks.put(machine.id(), block);
            plant.tagValues(machine.id()).forEach((tag, value) -> write(block, tag, value));
        }
        plant.addListener(this);
    }

    /** Serves the registers on {@code port} (0 picks a free one). */
    public ModbusFace start(int port) {
        try {
            server.start(port);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the simulator's Modbus/TCP face on port " + port, e);
        }
    }

    public int port() {
        return server.port();
    }

    /** The first register of a machine's block (0-based), or -1 if it is not mirrored. */
    public int block(String machineId) {
        return blocks.getOrDefault(machineId, -1);
    }

    @Override
    public void onTagChanged(String machineId, String tag, Object value, Instant time) {
        Integer block = blocks.get(machineId);
        if (block != null) {
            write(block, tag, value);
        }
    }

    private void write(int block, String tag, Object value) {
        switch (tag) {
            case TagDefinition.STATE -> server.registers().setHoldingRegister(block + STATE, number(value));
            case TagDefinition.MODE -> server.registers().setHoldingRegister(block + MODE, number(value));
            case TagDefinition.REASON_CODE -> server.registers().setHoldingRegister(block + REASON, number(value));
            case TagDefinition.GOOD_COUNT -> server.registers().setHoldingRegister32(block + GOOD, longValue(value));
            case TagDefinition.REJECT_COUNT -> server.registers().setHoldingRegister32(block + REJECT, longValue(value));
            default -> {
                // strings, lots and quality stay on the OPC UA face: registers hold numbers
            }
        }
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    private static long longValue(Object value) {
        return ((Number) value).longValue();
    }

    @Override
    public void close() {
        server.close();
    }
}
