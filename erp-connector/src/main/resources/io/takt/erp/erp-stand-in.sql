-- The ERP stand-in: the tables of a production ERP that Takt reads (orders with their status
-- history and routing operations, materials with units of measure, work centers) and the one it
-- writes (confirmations). Shaped like a real ERP's, not like Takt's records: the erp-connector's
-- identity mapping turns ERP codes into Takt ids. Every captured table has REPLICA IDENTITY FULL
-- so updates and deletes carry the whole old row.
CREATE SCHEMA IF NOT EXISTS erp;

CREATE TABLE erp.work_center (
    work_center_id text PRIMARY KEY,           -- e.g. 'WC-L1-PRESS'
    description    text NOT NULL,
    plant          text NOT NULL
);

CREATE TABLE erp.material (
    material_code text PRIMARY KEY,            -- e.g. 'MAT-100'
    description   text NOT NULL,
    base_uom      text NOT NULL                -- the ERP's own unit: 'ST' (piece), 'KG', ...
);

CREATE TABLE erp.material_uom (
    material_code text NOT NULL REFERENCES erp.material,
    alt_uom       text NOT NULL,               -- e.g. 'KAR' (carton)
    base_per_alt  numeric NOT NULL CHECK (base_per_alt > 0),
    PRIMARY KEY (material_code, alt_uom)
);

CREATE TABLE erp.production_order (
    order_no       text PRIMARY KEY,           -- e.g. '1000001'
    material_code  text NOT NULL REFERENCES erp.material,
    description    text,
    planned_qty    numeric NOT NULL CHECK (planned_qty > 0),
    uom            text NOT NULL,
    work_center_id text NOT NULL REFERENCES erp.work_center,
    status         text NOT NULL,              -- CRTD, REL, PCNF, CNF, TECO, CLSD, DLFL
    planned_start  timestamptz,
    planned_end    timestamptz,
    version        integer NOT NULL DEFAULT 1, -- raised by every change
    changed_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE erp.production_order_status (
    order_no   text NOT NULL REFERENCES erp.production_order,
    changed_at timestamptz NOT NULL,
    status     text NOT NULL,
    changed_by text NOT NULL,
    PRIMARY KEY (order_no, changed_at, status)
);

CREATE TABLE erp.order_operation (
    order_no       text NOT NULL REFERENCES erp.production_order,
    operation_no   integer NOT NULL,           -- 10, 20, ...
    work_center_id text NOT NULL REFERENCES erp.work_center,
    base_qty       numeric NOT NULL CHECK (base_qty > 0),
    machine_time_s numeric NOT NULL CHECK (machine_time_s >= 0), -- standard machine time per base_qty
    PRIMARY KEY (order_no, operation_no)
);

-- Written by Takt's confirmation sink: one row per order and machine, its running totals upserted
-- by confirmation_id, so a replay rewrites the same figures and never books twice.
CREATE TABLE erp.confirmation (
    confirmation_id text PRIMARY KEY,          -- Takt's id: '<order_no>/<equipment id>'
    order_no        text NOT NULL,
    operation_no    integer,
    good_qty        numeric NOT NULL,
    scrap_qty       numeric NOT NULL,
    rework_qty      numeric NOT NULL DEFAULT 0,
    uom             text NOT NULL,
    actual_start    timestamptz,
    actual_end      timestamptz,
    machine_time_ms bigint,                    -- running time of the machine on the order
    posted_at       timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE erp.work_center REPLICA IDENTITY FULL;
ALTER TABLE erp.material REPLICA IDENTITY FULL;
ALTER TABLE erp.material_uom REPLICA IDENTITY FULL;
ALTER TABLE erp.production_order REPLICA IDENTITY FULL;
ALTER TABLE erp.production_order_status REPLICA IDENTITY FULL;
ALTER TABLE erp.order_operation REPLICA IDENTITY FULL;
