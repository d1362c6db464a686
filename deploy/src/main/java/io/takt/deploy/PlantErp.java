package io.takt.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.takt.acquisition.simulator.PlantSimulator;
import io.takt.acquisition.simulator.SimulatorTagMap;
import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.PlantListener;
import io.takt.acquisition.simulator.plant.WorkOrder;
import io.takt.erp.ErpDatabase;

/**
 * The demo's ERP side of the simulated plant. In a real plant the ERP releases orders and the line
 * works them; the simulator's lines pick their own orders, so the demo books each order a line starts
 * into the ERP stand-in as a released production order (routing: one operation per machine of the
 * line, standard time from the machine's rated cycle) and the order before it as confirmed. The
 * erp-connector then captures them like any ERP change, and the confirmations flow back by order.
 */
final class PlantErp implements PlantListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlantErp.class);
    private static final String PLANT = "1000";
    private static final String PIECES = "ST";
    private static final int BASE_QTY = 100;

    private final PlantSimulator simulator;
    private final ErpDatabase database;
    // JDBC off the plant's thread: listener callbacks run under the plant's lock and must be quick.
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "takt-demo-erp"));
    private final Map<String, String> running = new HashMap<>();

    private PlantErp(PlantSimulator simulator, ErpDatabase database) {
        this.simulator = simulator;
        this.database = database;
    }

    /** The identity mapping of the simulated plant: ERP work center per machine, material per product. */
    static Path writeMapping(PlantSimulator simulator, String site, Path file) {
        StringBuilder text = new StringBuilder("# Identity mapping of the demo's ERP, written by takt demo\n");
        for (MachineDescription machine : simulator.plant().machines()) {
            text.append("work-center.").append(workCenter(machine.id())).append(" = ")
                    .append(SimulatorTagMap.equipmentId(site, machine)).append('\n');
        }
        simulator.plant().products().forEach(product -> text.append("material.").append(product).append(" = ")
                .append(product).append('\n'));
        text.append("uom.").append(PIECES).append(" = H87\n");
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo's ERP mapping " + file, e);
        }
    }

    /**
     * Puts the plant's work centers and materials into the ERP (when missing), releases the orders the
     * lines are on now, then every order a line starts.
     */
    static PlantErp start(PlantSimulator simulator, ErpDatabase database) {
        PlantErp erp = new PlantErp(simulator, database);
        erp.writer.execute(erp::bookMasterData);
        simulator.plant().workOrders().forEach(erp::onWorkOrderStarted);
        simulator.plant().addListener(erp);
        return erp;
    }

    @Override
    public void onTagChanged(String machineId, String tag, Object value, Instant time) {
        // Only orders matter here.
    }

    @Override
    public void onWorkOrderStarted(String lineId, WorkOrder order) {
        Instant now = simulator.plant().now();
        writer.execute(() -> release(lineId, order, now));
    }

    private void bookMasterData() {
        try (Connection connection = connect()) {
            try (PreparedStatement center = connection.prepareStatement("INSERT INTO erp.work_center "
                    + "(work_center_id, description, plant) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (MachineDescription machine : simulator.plant().machines()) {
                    center.setString(1, workCenter(machine.id()));
                    center.setString(2, machine.line() + " " + machine.name());
                    center.setString(3, PLANT);
                    center.addBatch();
                }
                center.executeBatch();
            }
            try (PreparedStatement material = connection.prepareStatement("INSERT INTO erp.material "
                    + "(material_code, description, base_uom) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (String product : simulator.plant().products()) {
                    material.setString(1, product);
                    material.setString(2, "Simulated product " + product);
                    material.setString(3, PIECES);
                    material.addBatch();
                }
                material.executeBatch();
            }
        } catch (SQLException e) {
            LOG.warn("Could not book the simulated plant's work centers and materials in the ERP: {}", e.getMessage());
        }
    }

    private void release(String lineId, WorkOrder order, Instant now) {
        List<MachineDescription> machines = simulator.plant().machines().stream()
                .filter(machine -> machine.line().equals(lineId)).toList();
        Map<String, Long> cycles = simulator.plant().nominalCycleMillis();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            String previous = running.put(lineId, order.id());
            if (previous != null) {
                setStatus(connection, previous, "CNF", now);
            }
            if (insertOrder(connection, order, workCenter(machines.get(0).id()), now)) {
                for (int k = 0; k < machines.size(); k++) {
                    MachineDescription machine = machines.get(k);
                    insertOperation(connection, order.id(), 10 * (k + 1), workCenter(machine.id()),
                            cycles.get(machine.id()) * BASE_QTY / 1000.0);
                }
                status(connection, order.id(), "REL", now);
            }
            connection.commit();
            LOG.info("ERP: released order {} ({} x {}) on {}{}", order.id(), order.quantity(), order.productId(),
                    lineId, previous == null ? "" : ", confirmed " + previous);
        } catch (SQLException e) {
            LOG.warn("Could not book order {} of {} in the ERP: {}", order.id(), lineId, e.getMessage());
        }
    }

    // A second run of the demo finds its orders already there: the first booking stands.
    private static boolean insertOrder(Connection connection, WorkOrder order, String workCenter, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO erp.production_order (order_no, "
                + "material_code, description, planned_qty, uom, work_center_id, status, planned_start, planned_end, "
                + "changed_at) VALUES (?, ?, ?, ?, ?, ?, 'REL', ?, NULL, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, order.id());
            insert.setString(2, order.productId());
            insert.setString(3, "Order " + order.id());
            insert.setInt(4, order.quantity());
            insert.setString(5, PIECES);
            insert.setString(6, workCenter);
            insert.setTimestamp(7, Timestamp.from(now));
            insert.setTimestamp(8, Timestamp.from(Instant.now()));
            return insert.executeUpdate() == 1;
        }
    }

    private static void insertOperation(Connection connection, String order, int operation, String workCenter,
                                        double machineSeconds) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO erp.order_operation (order_no, "
                + "operation_no, work_center_id, base_qty, machine_time_s) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, order);
            insert.setInt(2, operation);
            insert.setString(3, workCenter);
            insert.setInt(4, BASE_QTY);
            insert.setDouble(5, machineSeconds);
            insert.executeUpdate();
        }
    }

    private static void setStatus(Connection connection, String order, String status, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE erp.production_order SET status = ?, "
                + "planned_end = ?, version = version + 1, changed_at = ? WHERE order_no = ? AND status <> ?")) {
            update.setString(1, status);
            update.setTimestamp(2, Timestamp.from(now));
            update.setTimestamp(3, Timestamp.from(Instant.now()));
            update.setString(4, order);
            update.setString(5, status);
            if (update.executeUpdate() == 1) {
                status(connection, order, status, now);
            }
        }
    }

    private static void status(Connection connection, String order, String status, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO erp.production_order_status "
                + "(order_no, changed_at, status, changed_by) VALUES (?, ?, ?, 'TAKT-DEMO') ON CONFLICT DO NOTHING")) {
            insert.setString(1, order);
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setString(3, status);
            insert.executeUpdate();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    static String workCenter(String machineId) {
        return "WC-" + machineId.replace('.', '-').toUpperCase(Locale.ROOT);
    }

    @Override
    public void close() throws InterruptedException {
        simulator.plant().removeListener(this);
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
