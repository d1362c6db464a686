package io.takt.erp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The ERP stand-in for the demo and the tests: an embedded PostgreSQL (binaries from Maven, no
 * install) with logical replication on, holding the stand-in ERP schema and (optionally) its seed
 * data, which are loaded when the database has no {@code erp} schema yet.
 */
public final class EmbeddedErp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedErp.class);
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedErp(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on {@code dataDir} (kept between runs) and a free port, with the seed orders. */
    public static EmbeddedErp start(Path dataDir) {
        return start(dataDir, true);
    }

    /** As {@link #start(Path)}; {@code seed} false leaves a new database with the empty stand-in schema. */
    public static EmbeddedErp start(Path dataDir, boolean seed) {
        long started = System.nanoTime();
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "4")
                    .setServerConfig("max_replication_slots", "4")
                    .start();
            EmbeddedErp erp = new EmbeddedErp(postgres);
            boolean created = erp.createIfEmpty(seed);
            LOG.info("Embedded ERP database (PostgreSQL) on port {}{} in {} ms; connect with: psql -h localhost "
                            + "-p {} -U {} {}", postgres.getPort(), created ? ", stand-in schema" + (seed ? " and seed data" : "") + " loaded" : "",
                    (System.nanoTime() - started) / 1_000_000, postgres.getPort(), USER, DATABASE);
            return erp;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot start the embedded ERP database in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    public ErpDatabase database() {
        return new ErpDatabase("localhost", postgres.getPort(), DATABASE, USER, "");
    }

    private boolean createIfEmpty(boolean seed) throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet schema = statement.executeQuery(
                    "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'erp'")) {
                if (schema.next()) {
                    return false;
                }
            }
            statement.execute(resource("erp-stand-in.sql"));
            if (seed) {
                statement.execute(resource("erp-seed.sql"));
            }
            return true;
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EmbeddedErp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
