package io.takt.erp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** An ERP database the connector cannot capture from is refused at start-up, saying what to change. */
@Tag("integration")
class ErpStartupIT {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseADatabaseWithoutLogicalReplicationNamingTheSetting() throws Exception {
        // Given a PostgreSQL at its default wal_level (replica)
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start()) {
            ErpDatabase db = new ErpDatabase("localhost", postgres.getPort(), "postgres", "postgres", "");

            // Then the connector's table reader refuses it at once
            assertThatThrownBy(() -> new ErpTables(db))
                    .hasMessageContaining("has wal_level=replica; change data capture needs wal_level=logical");
        }
    }

    @Test
    void shouldNameTheSettingsWhenTheDatabaseCannotBeReached() {
        ErpDatabase nowhere = new ErpDatabase("localhost", 1, "erp", "takt_cdc", "secret");

        assertThatThrownBy(() -> new ErpTables(nowhere))
                .hasMessageContaining("Cannot connect to the ERP database jdbc:postgresql://localhost:1/erp as takt_cdc "
                        + "(erp.jdbc.url, erp.user, erp.password)");
    }
}
