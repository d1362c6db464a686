package io.takt.erp;

/** Where the ERP's PostgreSQL database is and how to log in; the user needs the REPLICATION attribute. */
public record ErpDatabase(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
