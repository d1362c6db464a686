package io.takt.acquisition.modbus;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small Modbus/TCP server (slave) in-process: MBAP framing, one unit id, function codes 1, 2, 3,
 * 4, 5, 6, 15, 16 against a {@link RegisterBank} its owner changes at any time. For the plant
 * simulator's Modbus face and for tests of the gateway's PLC4X source, including link failures:
 * {@link #stop()} closes the port and every connection, {@link #restart()} opens the same port again.
 *
 * <p>Blocking sockets, one thread per connection: a simulator serves a handful of clients.
 */
public final class ModbusTcpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusTcpServer.class);
    private static final int MBAP_LENGTH = 7;
    private static final int MAX_PDU = 253;

    private final int unitId;
    private final RegisterBank bank;
    private final ModbusPdu pdu;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private ServerSocket listener;
    private int port;

    /** A server for unit 1 with the whole 65536-address space in each table. */
    public ModbusTcpServer() {
        this(1, new RegisterBank(65536));
    }

    /**
     * @param unitId the unit (slave) id it answers as, 1..247; requests to unit 0 or 255 (the
     *               "no unit" values of Modbus/TCP) are answered too
     * @param bank   its data tables
     */
    public ModbusTcpServer(int unitId, RegisterBank bank) {
        if (unitId < 1 || unitId > 247) {
            throw new IllegalArgumentException("A Modbus unit id is 1..247, not " + unitId);
        }
        this.unitId = unitId;
        this.bank = bank;
        this.pdu = new ModbusPdu(bank);
    }

    /** Listens on 127.0.0.1:{@code port}; 0 picks a free port (see {@link #port()}). */
    public synchronized ModbusTcpServer start(int port) throws IOException {
        return start(InetAddress.getLoopbackAddress(), port);
    }

    /** Listens on {@code address}:{@code port}; 0 picks a free port. */
    public synchronized ModbusTcpServer start(InetAddress address, int port) throws IOException {
        if (listener != null) {
            throw new IllegalStateException("Modbus server already listening on port " + this.port);
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true); // restart on the same port while old connections linger in TIME_WAIT
        socket.bind(new InetSocketAddress(address, port));
        listener = socket;
        this.port = socket.getLocalPort();
        Thread acceptor = new Thread(() -> accept(socket), "modbus-server-" + this.port);
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Modbus/TCP server for unit {} listening on {}:{}", unitId, address.getHostAddress(), this.port);
        return this;
    }

    /** Opens the port it last listened on again, after {@link #stop()}. */
    public synchronized ModbusTcpServer restart() throws IOException {
        if (port == 0) {
            throw new IllegalStateException("Modbus server was never started");
        }
        stop();
        return start(port);
    }

    /** Closes the port and every open connection, as a PLC switched off would; the bank keeps its values. */
    public synchronized void stop() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
            LOG.info("Modbus/TCP server on port {} stopped", port);
        }
        dropConnections();
    }

    /** Closes every open connection but keeps listening: a link glitch. */
    public void dropConnections() {
        for (Socket client : clients) {
            closeQuietly(client);
        }
        clients.clear();
    }

    @Override
    public void close() {
        stop();
    }

    /** The port listened on (also after stop, for {@link #restart()}). */
    public synchronized int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return listener != null;
    }

    /** The data tables, to read what clients wrote or to set what they read. */
    public RegisterBank registers() {
        return bank;
    }

    /** Requests answered since creation. */
    public long requestCount() {
        return requests.get();
    }

    /** Connections accepted since creation. */
    public long connectionCount() {
        return connections.get();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                clients.add(client);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(client), "modbus-client-" + client.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("Modbus server on port {} failed to accept a connection: {}", port, e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            byte[] header = new byte[MBAP_LENGTH];
            while (true) {
                in.readFully(header);
                ByteBuffer mbap = ByteBuffer.wrap(header);
                short transaction = mbap.getShort();
                short protocol = mbap.getShort();
                int length = mbap.getShort() & 0xFFFF;
                int unit = mbap.get() & 0xFF;
                if (protocol != 0 || length < 2 || length > MAX_PDU + 1) {
                    LOG.warn("Modbus server on port {}: malformed frame header (protocol {}, length {}); closing"
                            + " the connection", port, protocol, length);
                    return;
                }
                byte[] request = new byte[length - 1];
                in.readFully(request);
                byte[] response = unit == unitId || unit == 0 || unit == 255 ? pdu.answer(request)
                        : ModbusPdu.exception(request[0] & 0xFF, ModbusPdu.GATEWAY_TARGET_FAILED);
                requests.incrementAndGet();
                out.write(ByteBuffer.allocate(MBAP_LENGTH + response.length).putShort(transaction).putShort((short) 0)
                        .putShort((short) (response.length + 1)).put((byte) unit).put(response).array());
                out.flush();
            }
        } catch (EOFException | SocketException closed) {
            // the client hung up, or stop() closed the socket
        } catch (IOException e) {
            LOG.debug("Modbus connection from {} ended: {}", client.getRemoteSocketAddress(), e.getMessage());
        } finally {
            clients.remove(client);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing on stop: nothing left to do with a failure
        }
    }
}
