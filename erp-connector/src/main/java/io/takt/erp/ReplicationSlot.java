package io.takt.erp;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The state of the connector's replication slot in the ERP database: whether a connector reads it,
 * how far it has confirmed, and how much of the ERP's log it holds back (what {@code takt erp
 * status} shows; a large and growing lag means the connector is behind or stopped).
 */
public record ReplicationSlot(String name, boolean active, String confirmedLsn, String currentLsn, long lagBytes) {

    /** The slot {@code name}, empty when it does not exist (the connector never ran, or it was dropped). */
    public static Optional<ReplicationSlot> read(ErpDatabase database, String name) throws SQLException {
        try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement query = sql.prepareStatement("SELECT active, confirmed_flush_lsn::text, "
                     + "pg_current_wal_lsn()::text, pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn) "
                     + "FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ReplicationSlot(name, row.getBoolean(1), row.getString(2), row.getString(3),
                        row.getLong(4)));
            }
        }
    }
}
