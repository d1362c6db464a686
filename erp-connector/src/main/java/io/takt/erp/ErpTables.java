package io.takt.erp;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a change event of one table does not carry: an order's routing, its material's base
 * unit and conversion, and (for a routing change) the order itself. One connection, used by the
 * capture's thread only.
 */
final class ErpTables implements AutoCloseable {

    /** A material's base unit and how many base units one order unit holds. */
    record UnitConversion(String baseUnit, double basePerUnit) {
    }

    private final Connection connection;
    // Prepared once: the routing and the conversion are read for every change captured.
    private static final String ORDER_COLUMNS = "SELECT order_no, material_code, description, planned_qty, uom, "
            + "work_center_id, status, planned_start, planned_end, version FROM erp.production_order ";

    private PreparedStatement routingQuery;
    private PreparedStatement conversionQuery;
    private PreparedStatement orderQuery;
    private PreparedStatement ordersInUnitQuery;

    ErpTables(ErpDatabase database) {
        try {
            this.connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the ERP database " + database.jdbcUrl() + " as "
                    + database.user() + " (erp.jdbc.url, erp.user, erp.password): " + e.getMessage(), e);
        }
        try {
            connection.setReadOnly(true);
            checkLogicalReplication(database);
            prepareQueries();
        } catch (SQLException | RuntimeException e) {
            closeQuietly();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot read the ERP database " + database.jdbcUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the failure being reported matters more
        }
    }

    // Said at start-up, in the integrator's words, rather than by the engine after it started.
    private void checkLogicalReplication(ErpDatabase database) throws SQLException {
        try (var statement = connection.createStatement(); ResultSet row = statement.executeQuery("SHOW wal_level")) {
            String level = row.next() ? row.getString(1) : "unknown";
            if (!"logical".equals(level)) {
                throw new IllegalStateException("The ERP database " + database.jdbcUrl() + " has wal_level=" + level
                        + "; change data capture needs wal_level=logical in postgresql.conf (then restart "
                        + "PostgreSQL): see erp-connector/README.md");
            }
        }
    }

    private void prepareQueries() throws SQLException {
        routingQuery = connection.prepareStatement("SELECT operation_no, work_center_id, base_qty, machine_time_s "
                + "FROM erp.order_operation WHERE order_no = ? ORDER BY operation_no");
        conversionQuery = connection.prepareStatement("SELECT m.base_uom, CASE WHEN m.base_uom = ? THEN 1 "
                + "ELSE u.base_per_alt END FROM erp.material m LEFT JOIN erp.material_uom u "
                + "ON u.material_code = m.material_code AND u.alt_uom = ? WHERE m.material_code = ?");
        orderQuery = connection.prepareStatement(ORDER_COLUMNS + "WHERE order_no = ?");
        ordersInUnitQuery = connection.prepareStatement(ORDER_COLUMNS + "WHERE material_code = ? AND uom = ? "
                + "ORDER BY order_no");
    }

    List<ErpOperation> routing(String orderNo) throws SQLException {
        routingQuery.setString(1, orderNo);
        List<ErpOperation> operations = new ArrayList<>();
        try (ResultSet rows = routingQuery.executeQuery()) {
            while (rows.next()) {
                operations.add(new ErpOperation(rows.getInt(1), rows.getString(2), rows.getDouble(3),
                        rows.getDouble(4)));
            }
        }
        return operations;
    }

    /** The material's base unit, and the factor from {@code unit} to it (1 for the base unit itself). */
    Optional<UnitConversion> conversion(String materialCode, String unit) throws SQLException {
        conversionQuery.setString(1, unit);
        conversionQuery.setString(2, unit);
        conversionQuery.setString(3, materialCode);
        try (ResultSet rows = conversionQuery.executeQuery()) {
            if (!rows.next() || rows.getObject(2) == null) {
                return Optional.empty();
            }
            return Optional.of(new UnitConversion(rows.getString(1), rows.getDouble(2)));
        }
    }

    /** The order as it stands now, for a change of its routing; {@code changedAt} is the routing's commit. */
    Optional<ErpOrder> order(String orderNo, Instant changedAt) throws SQLException {
        orderQuery.setString(1, orderNo);
        return orders(orderQuery, changedAt).stream().findFirst();
    }

    /** The orders of a material planned in {@code unit}, for a change of that unit's conversion. */
    List<ErpOrder> ordersIn(String materialCode, String unit, Instant changedAt) throws SQLException {
        ordersInUnitQuery.setString(1, materialCode);
        ordersInUnitQuery.setString(2, unit);
        return orders(ordersInUnitQuery, changedAt);
    }

    private static List<ErpOrder> orders(PreparedStatement query, Instant changedAt) throws SQLException {
        List<ErpOrder> orders = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                orders.add(new ErpOrder(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getDouble(4), rows.getString(5), rows.getString(6), rows.getString(7),
                        instant(rows.getTimestamp(8)), instant(rows.getTimestamp(9)), rows.getInt(10), changedAt));
            }
        }
        return orders;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public void close() throws SQLException {
        connection.close(); // closes its statements too
    }
}
