package io.takt.acquisition.modbus;

import java.nio.ByteBuffer;

/**
 * Answers one Modbus request PDU (function code and data) against a register bank, as the Modbus
 * Application Protocol v1.1b3 specifies for function codes 1, 2, 3, 4, 5, 6, 15 and 16; anything
 * else gets an exception response.
 */
final class ModbusPdu {

    static final int ILLEGAL_FUNCTION = 0x01;
    static final int ILLEGAL_DATA_ADDRESS = 0x02;
    static final int ILLEGAL_DATA_VALUE = 0x03;
    static final int GATEWAY_TARGET_FAILED = 0x0B;

    private final RegisterBank bank;

    ModbusPdu(RegisterBank bank) {
        this.bank = bank;
    }

    /** The response PDU to {@code request}. */
    byte[] answer(byte[] request) {
        if (request.length < 1) {
            return exception(0, ILLEGAL_FUNCTION);
        }
        int function = request[0] & 0xFF;
        ByteBuffer in = ByteBuffer.wrap(request, 1, request.length - 1);
        try {
            return switch (function) {
                case 1, 2 -> readBits(function, in);
                case 3, 4 -> readRegisters(function, in);
                case 5 -> writeCoil(request, in);
                case 6 -> writeRegister(request, in);
                case 15 -> writeCoils(in);
                case 16 -> writeRegisters(in);
                default -> exception(function, ILLEGAL_FUNCTION);
            };
        } catch (ModbusFault fault) {
            return exception(function, fault.code);
        } catch (java.nio.BufferUnderflowException shortRequest) {
            return exception(function, ILLEGAL_DATA_VALUE);
        }
    }

    static byte[] exception(int function, int code) {
        return new byte[] {(byte) (function | 0x80), (byte) code};
    }

    private byte[] readBits(int function, ByteBuffer in) {
        int start = in.getShort() & 0xFFFF;
        int count = in.getShort() & 0xFFFF;
        requireCount(count, 2000);
        requireAddresses(start, count);
        boolean[] bits = bank.readBits(function == 2, start, count);
        byte[] packed = new byte[(count + 7) / 8];
        for (int i = 0; i < count; i++) {
            if (bits[i]) {
                packed[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return ByteBuffer.allocate(2 + packed.length).put((byte) function).put((byte) packed.length).put(packed)
                .array();
    }

    private byte[] readRegisters(int function, ByteBuffer in) {
        int start = in.getShort() & 0xFFFF;
        int count = in.getShort() & 0xFFFF;
        requireCount(count, 125);
        requireAddresses(start, count);
        int[] values = bank.readRegisters(function == 4, start, count);
        ByteBuffer out = ByteBuffer.allocate(2 + 2 * count).put((byte) function).put((byte) (2 * count));
        for (int v : values) {
            out.putShort((short) v);
        }
        return out.array();
    }

    private byte[] writeCoil(byte[] request, ByteBuffer in) {
        int address = in.getShort() & 0xFFFF;
        int value = in.getShort() & 0xFFFF;
        if (value != 0xFF00 && value != 0x0000) {
            throw new ModbusFault(ILLEGAL_DATA_VALUE);
        }
        requireAddresses(address, 1);
        bank.writeCoils(address, new boolean[] {value == 0xFF00});
        return request.clone();
    }

    private byte[] writeRegister(byte[] request, ByteBuffer in) {
        int address = in.getShort() & 0xFFFF;
        int value = in.getShort() & 0xFFFF;
        requireAddresses(address, 1);
        bank.writeRegisters(address, new int[] {value});
        return request.clone();
    }

    private byte[] writeCoils(ByteBuffer in) {
        int start = in.getShort() & 0xFFFF;
        int count = in.getShort() & 0xFFFF;
        int byteCount = in.get() & 0xFF;
        requireCount(count, 1968);
        if (byteCount != (count + 7) / 8 || in.remaining() < byteCount) {
            throw new ModbusFault(ILLEGAL_DATA_VALUE);
        }
        requireAddresses(start, count);
        boolean[] values = new boolean[count];
        byte[] packed = new byte[byteCount];
        in.get(packed);
        for (int i = 0; i < count; i++) {
            values[i] = (packed[i / 8] >> (i % 8) & 1) == 1;
        }
        bank.writeCoils(start, values);
        return ByteBuffer.allocate(5).put((byte) 15).putShort((short) start).putShort((short) count).array();
    }

    private byte[] writeRegisters(ByteBuffer in) {
        int start = in.getShort() & 0xFFFF;
        int count = in.getShort() & 0xFFFF;
        int byteCount = in.get() & 0xFF;
        requireCount(count, 123);
        if (byteCount != 2 * count || in.remaining() < byteCount) {
            throw new ModbusFault(ILLEGAL_DATA_VALUE);
        }
        requireAddresses(start, count);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.getShort() & 0xFFFF;
        }
        bank.writeRegisters(start, values);
        return ByteBuffer.allocate(5).put((byte) 16).putShort((short) start).putShort((short) count).array();
    }

    private static void requireCount(int count, int max) {
        if (count < 1 || count > max) {
            throw new ModbusFault(ILLEGAL_DATA_VALUE);
        }
    }

    private void requireAddresses(int start, int count) {
        if (!bank.contains(start, count)) {
            throw new ModbusFault(ILLEGAL_DATA_ADDRESS);
        }
    }

    /** A request the spec answers with an exception code. */
    private static final class ModbusFault extends RuntimeException {
        private final int code;

        ModbusFault(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }
}
