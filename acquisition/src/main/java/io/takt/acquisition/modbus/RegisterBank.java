package io.takt.acquisition.modbus;

/**
 * The four Modbus data tables of a simulated PLC: coils, discrete inputs, holding registers and
 * input registers, each addressed 0..size-1 by protocol (PDU) address. PLC4X and most HMIs count
 * from 1: PLC4X's {@code holding-register:1} is protocol address 0 here.
 *
 * <p>Thread-safe; a multi-register read or write is atomic, so a 32-bit value written as two
 * registers is never read half old, half new.
 */
public final class RegisterBank {

    private final int size;
    private final boolean[] coils;
    private final boolean[] discreteInputs;
    private final int[] holdingRegisters;
    private final int[] inputRegisters;

    public RegisterBank(int size) {
        if (size < 1 || size > 65536) {
            throw new IllegalArgumentException("A Modbus table has 1..65536 addresses, not " + size);
        }
        this.size = size;
        this.coils = new boolean[size];
        this.discreteInputs = new boolean[size];
        this.holdingRegisters = new int[size];
        this.inputRegisters = new int[size];
    }

    /** Addresses per table. */
    public int size() {
        return size;
    }

    /** Whether {@code count} addresses from {@code start} all exist. */
    public boolean contains(int start, int count) {
        return start >= 0 && count >= 0 && start + count <= size;
    }

    public synchronized void setCoil(int address, boolean value) {
        coils[check(address)] = value;
    }

    public synchronized boolean coil(int address) {
        return coils[check(address)];
    }

    public synchronized void setDiscreteInput(int address, boolean value) {
        discreteInputs[check(address)] = value;
    }

    public synchronized boolean discreteInput(int address) {
        return discreteInputs[check(address)];
    }

    /** Sets one holding register to the low 16 bits of {@code value} (so -1 and 65535 are the same). */
    public synchronized void setHoldingRegister(int address, int value) {
        holdingRegisters[check(address)] = value & 0xFFFF;
    }

    /** Sets consecutive holding registers at once, e.g. both words of a 32-bit value. */
    public synchronized void setHoldingRegisters(int address, int... values) {
        check(address + values.length - 1);
        for (int i = 0; i < values.length; i++) {
            holdingRegisters[check(address + i)] = values[i] & 0xFFFF;
        }
    }

    /** A 32-bit value in two registers, high word first (PLC4X's default big-endian DINT/UDINT). */
    public synchronized void setHoldingRegister32(int address, long value) {
        setHoldingRegisters(address, (int) (value >>> 16) & 0xFFFF, (int) value & 0xFFFF);
    }

    public synchronized int holdingRegister(int address) {
        return holdingRegisters[check(address)];
    }

    public synchronized void setInputRegister(int address, int value) {
        inputRegisters[check(address)] = value & 0xFFFF;
    }

    public synchronized int inputRegister(int address) {
        return inputRegisters[check(address)];
    }

    synchronized boolean[] readBits(boolean discrete, int start, int count) {
        boolean[] out = new boolean[count];
        System.arraycopy(discrete ? discreteInputs : coils, start, out, 0, count);
        return out;
    }

    synchronized int[] readRegisters(boolean input, int start, int count) {
        int[] out = new int[count];
        System.arraycopy(input ? inputRegisters : holdingRegisters, start, out, 0, count);
        return out;
    }

    synchronized void writeCoils(int start, boolean[] values) {
        System.arraycopy(values, 0, coils, start, values.length);
    }

    synchronized void writeRegisters(int start, int[] values) {
        System.arraycopy(values, 0, holdingRegisters, start, values.length);
    }

    private int check(int address) {
        if (address < 0 || address >= size) {
            throw new IllegalArgumentException("Modbus address " + address + " is outside 0.." + (size - 1));
        }
        return address;
    }
}
