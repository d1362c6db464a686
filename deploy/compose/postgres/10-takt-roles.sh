#!/usr/bin/env bash
# First start of the compose PostgreSQL (docker-entrypoint-initdb.d): the roles Takt uses, then the
# ERP stand-in's schema and seed orders owned by the CDC user (owning its tables lets it create the
# publication Debezium reads), then the BI tables the Kafka Connect sinks write and Grafana reads.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v cdc_password="$TAKT_ERP_PASSWORD" -v bi_password="$TAKT_BI_PASSWORD" \
     -v grafana_password="$TAKT_GRAFANA_DB_PASSWORD" <<'SQL'
CREATE ROLE takt_cdc WITH LOGIN REPLICATION PASSWORD :'cdc_password';
GRANT CREATE ON DATABASE takt TO takt_cdc;
CREATE ROLE takt_bi WITH LOGIN PASSWORD :'bi_password';
CREATE ROLE grafana_reader WITH LOGIN PASSWORD :'grafana_password';
SQL

# The stand-in's own SQL, mounted read-only from erp-connector's resources (one copy in the repo).
psql -v ON_ERROR_STOP=1 --username takt_cdc --dbname "$POSTGRES_DB" -f /takt/erp/erp-stand-in.sql
psql -v ON_ERROR_STOP=1 --username takt_cdc --dbname "$POSTGRES_DB" -f /takt/erp/erp-seed.sql

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f /takt/bi/schema.sql
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
GRANT USAGE ON SCHEMA bi TO takt_bi, grafana_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA bi TO takt_bi;
GRANT SELECT ON ALL TABLES IN SCHEMA bi TO grafana_reader;
SQL
