package io.takt.acquisition.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server against hand-made MBAP frames over real TCP, byte by byte as the Modbus spec gives them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModbusTcpServerIT {

    final ModbusTcpServer server = new ModbusTcpServer(1, new RegisterBank(100));

    @BeforeEach
    void start() throws IOException {
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldReadHoldingRegistersTheOwnerSet() throws IOException {
        // Given registers 0 and 1 set to 0x1234 and 65535 (set as -1)
        server.registers().setHoldingRegister(0, 0x1234);
        server.registers().setHoldingRegister(1, -1);

        // When a client reads 2 registers from address 0 (FC 3)
        int[] response = exchange(1, 0x03, 0x00, 0x00, 0x00, 0x02);

        // Then: function 3, 4 bytes, 0x1234, 0xFFFF
        assertThat(response).containsExactly(0x03, 0x04, 0x12, 0x34, 0xFF, 0xFF);
    }

    @Test
    void shouldWriteAndReadBackCoilsAndRegisters() throws IOException {
        // When a client writes coil 3 on (FC 5), coils 8..17 (FC 15) and registers 10..11 (FC 16)
        assertThat(exchange(1, 0x05, 0x00, 0x03, 0xFF, 0x00)).containsExactly(0x05, 0x00, 0x03, 0xFF, 0x00);
        // 10 coils from 8: bits 1,0,1,1,0,0,1,1 then 1,0 → bytes 0xCD (1100 1101 read LSB first) and 0x01
        assertThat(exchange(1, 0x0F, 0x00, 0x08, 0x00, 0x0A, 0x02, 0xCD, 0x01))
                .containsExactly(0x0F, 0x00, 0x08, 0x00, 0x0A);
        assertThat(exchange(1, 0x10, 0x00, 0x0A, 0x00, 0x02, 0x04, 0x00, 0x07, 0x01, 0x00))
                .containsExactly(0x10, 0x00, 0x0A, 0x00, 0x02);
        // and FC 6 sets register 12 to 0xABCD
        exchange(1, 0x06, 0x00, 0x0C, 0xAB, 0xCD);

        // Then the bank holds them: coil 3, coils 8, 10, 11, 14, 15, 16; registers 7, 256, 0xABCD
        assertThat(server.registers().coil(3)).isTrue();
        assertThat(server.registers().coil(8)).isTrue();
        assertThat(server.registers().coil(9)).isFalse();
        assertThat(server.registers().coil(16)).isTrue();
        assertThat(server.registers().coil(17)).isFalse();
        assertThat(server.registers().holdingRegister(10)).isEqualTo(7);
        assertThat(server.registers().holdingRegister(11)).isEqualTo(256);
        assertThat(server.registers().holdingRegister(12)).isEqualTo(0xABCD);
        // and reading coils 0..15 (FC 1) gives coil 3 → 0x08, coils 8, 10, 11, 14, 15 → 0xCD
        assertThat(exchange(1, 0x01, 0x00, 0x00, 0x00, 0x10)).containsExactly(0x01, 0x02, 0x08, 0xCD);
    }

    @Test
    void shouldReadInputRegistersAndDiscreteInputs() throws IOException {
        // Given input register 5 = 500 (0x01F4) and discrete input 2 on
        server.registers().setInputRegister(5, 500);
        server.registers().setDiscreteInput(2, true);

        // Then FC 4 and FC 2 read them
        assertThat(exchange(1, 0x04, 0x00, 0x05, 0x00, 0x01)).containsExactly(0x04, 0x02, 0x01, 0xF4);
        assertThat(exchange(1, 0x02, 0x00, 0x00, 0x00, 0x03)).containsExactly(0x02, 0x01, 0x04);
    }

    @Test
    void shouldAnswerExceptionsForUnknownFunctionsBadAddressesAndBadValues() throws IOException {
        // FC 7 (read exception status, serial line only) is not supported: 0x87, code 1
        assertThat(exchange(1, 0x07)).containsExactly(0x87, 0x01);
        // 2 registers from 99 run past the 100-address bank: 0x83, code 2
        assertThat(exchange(1, 0x03, 0x00, 0x63, 0x00, 0x02)).containsExactly(0x83, 0x02);
        // 126 registers exceed the 125 one read may ask: 0x83, code 3
        assertThat(exchange(1, 0x03, 0x00, 0x00, 0x00, 0x7E)).containsExactly(0x83, 0x03);
        // a coil value other than 0xFF00 / 0x0000: 0x85, code 3
        assertThat(exchange(1, 0x05, 0x00, 0x00, 0x12, 0x34)).containsExactly(0x85, 0x03);
        // unit 9 is not this server: 0x83, code 0x0B (gateway target failed to respond)
        assertThat(exchange(9, 0x03, 0x00, 0x00, 0x00, 0x01)).containsExactly(0x83, 0x0B);
    }

    @Test
    void shouldRefuseConnectionsWhileStoppedAndServeAgainAfterRestartOnTheSamePort() throws IOException {
        // Given a value and the port in use
        server.registers().setHoldingRegister(0, 42);
        int port = server.port();

        // When stopped, connecting fails
        server.stop();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);

        // When restarted, the same port serves the same bank
        server.restart();
        assertThat(server.port()).isEqualTo(port);
        assertThat(exchange(1, 0x03, 0x00, 0x00, 0x00, 0x01)).containsExactly(0x03, 0x02, 0x00, 0x2A);
    }

    /** Sends one request PDU with transaction id 0x0101 and returns the response PDU as unsigned ints. */
    private int[] exchange(int unit, int... pdu) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            ByteBuffer frame = ByteBuffer.allocate(7 + pdu.length).putShort((short) 0x0101).putShort((short) 0)
                    .putShort((short) (pdu.length + 1)).put((byte) unit);
            for (int b : pdu) {
                frame.put((byte) b);
            }
            socket.getOutputStream().write(frame.array());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[7];
            in.readFully(header);
            ByteBuffer mbap = ByteBuffer.wrap(header);
            assertThat(mbap.getShort()).as("transaction id echoed").isEqualTo((short) 0x0101);
            assertThat(mbap.getShort()).as("protocol id").isZero();
            int length = mbap.getShort();
            assertThat(mbap.get()).as("unit id echoed").isEqualTo((byte) unit);
            byte[] response = new byte[length - 1];
            in.readFully(response);
            int[] unsigned = new int[response.length];
            for (int i = 0; i < response.length; i++) {
                unsigned[i] = response[i] & 0xFF;
            }
            return unsigned;
        }
    }
}
