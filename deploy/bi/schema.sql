-- BI tables for Takt's KPI topics, written by the Kafka Connect JDBC sinks in deploy/connect/bi-*.json
-- (Debezium JDBC sink, upsert by key, schema.evolution=none: these tables are the contract) and read
-- by the Grafana dashboard deploy/grafana/takt-oee.json. Runs on plain PostgreSQL; where TimescaleDB
-- is installed the time-series tables become hypertables. Idempotent: safe to run again.
--
-- Column names are what the sinks' Flatten + ReplaceField transforms make of the Avro records;
-- DeploymentBiPathTest converts real OeeKpi / DowntimeEvent records through them and compares.

CREATE SCHEMA IF NOT EXISTS bi;

-- takt.<site>.oee.v1: one row per machine/line/area/site window (minute, hour, shift, day);
-- a window is rewritten while SO_FAR and last when FINAL.
CREATE TABLE IF NOT EXISTS bi.oee (
    equipment_id              text        NOT NULL,
    level                     text        NOT NULL,   -- MACHINE, LINE, AREA, SITE
    area                      text,
    line                      text,
    machine                   text,
    window_kind               text        NOT NULL,   -- MINUTE, HOUR, SHIFT, DAY
    window_start              timestamptz NOT NULL,
    window_end                timestamptz NOT NULL,
    status                    text        NOT NULL,   -- SO_FAR, FINAL
    work_order_id             text,
    shift_id                  text,
    planned_busy_time_ms      bigint      NOT NULL,
    actual_production_time_ms bigint      NOT NULL,
    actual_setup_time_ms      bigint      NOT NULL,
    actual_unit_down_time_ms  bigint      NOT NULL,
    minor_stop_time_ms        bigint      NOT NULL,
    minor_stop_count          bigint      NOT NULL,
    produced_qty              bigint      NOT NULL,
    good_qty                  bigint      NOT NULL,
    scrap_qty                 bigint      NOT NULL,
    rework_qty                bigint      NOT NULL,
    failure_events            bigint      NOT NULL,
    availability              double precision,
    performance               double precision,
    quality                   double precision,
    oee                       double precision,
    mtbf_ms                   double precision,
    mttr_ms                   double precision,
    data_gap                  boolean     NOT NULL,
    current_state             text,
    current_state_since       timestamptz,
    members                   integer     NOT NULL,
    computed_at               timestamptz NOT NULL,
    PRIMARY KEY (equipment_id, window_kind, window_start)
);

-- takt.<site>.oee-live.v1: the current shift so far, one row per machine/line/area/site.
CREATE TABLE IF NOT EXISTS bi.oee_live (LIKE bi.oee INCLUDING DEFAULTS);
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'oee_live_pkey') THEN
        ALTER TABLE bi.oee_live ADD CONSTRAINT oee_live_pkey PRIMARY KEY (equipment_id);
    END IF;
END $$;

-- takt.<site>.downtime.v1: each stop with its reason; rewritten when it ends (end_time, duration_ms).
CREATE TABLE IF NOT EXISTS bi.downtime (
    equipment_id  text        NOT NULL,
    area          text        NOT NULL,
    line          text        NOT NULL,
    machine       text        NOT NULL,
    state         text        NOT NULL,             -- FAULT, MINOR_STOP, SETUP, STARVED, ...
    raw_state     text        NOT NULL,
    reason_code   text,
    start_time    timestamptz NOT NULL,
    end_time      timestamptz,                      -- null while the stop lasts
    duration_ms   bigint      NOT NULL,
    minor_stop    boolean     NOT NULL,
    work_order_id text,
    product_id    text,
    PRIMARY KEY (equipment_id, start_time)
);

CREATE INDEX IF NOT EXISTS oee_line_kind_start ON bi.oee (line, window_kind, window_start);
CREATE INDEX IF NOT EXISTS downtime_line_start ON bi.downtime (line, start_time);

-- TimescaleDB where available: chunks by time for the two growing tables. Plain PostgreSQL skips
-- this block (EXECUTE keeps the function calls from being resolved where they do not exist).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        EXECUTE $sql$SELECT create_hypertable('bi.oee', 'window_start',
                     chunk_time_interval => INTERVAL '7 days', if_not_exists => TRUE, migrate_data => TRUE)$sql$;
        EXECUTE $sql$SELECT create_hypertable('bi.downtime', 'start_time',
                     chunk_time_interval => INTERVAL '7 days', if_not_exists => TRUE, migrate_data => TRUE)$sql$;
    END IF;
END $$;
