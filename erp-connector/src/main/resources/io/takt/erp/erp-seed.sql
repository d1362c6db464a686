-- Seed data of the ERP stand-in: plant 1000 with three lines of three work centers, six products
-- (one sold by the carton as well as by the piece), and 300 production orders spread over the
-- lines and the week, each with a routing of three operations, in every status an order goes through.
INSERT INTO erp.work_center (work_center_id, description, plant)
SELECT 'WC-L' || l || '-' || step, 'Line ' || l || ' ' || lower(step), '1000'
FROM generate_series(1, 3) AS l, unnest(ARRAY['PRESS', 'WELD', 'PACK']) AS step;

INSERT INTO erp.material (material_code, description, base_uom) VALUES
    ('MAT-100', 'Bracket, steel, 2 mm', 'ST'),
    ('MAT-110', 'Bracket, steel, 3 mm', 'ST'),
    ('MAT-200', 'Hinge assembly', 'ST'),
    ('MAT-210', 'Hinge assembly, long', 'ST'),
    ('MAT-300', 'Mounting plate', 'ST'),
    ('MAT-310', 'Mounting plate, coated', 'ST');

INSERT INTO erp.material_uom (material_code, alt_uom, base_per_alt) VALUES ('MAT-300', 'KAR', 24);

INSERT INTO erp.production_order (order_no, material_code, description, planned_qty, uom, work_center_id,
                                  status, planned_start, planned_end, version, changed_at)
SELECT (1000000 + n)::text,
       (ARRAY['MAT-100', 'MAT-110', 'MAT-200', 'MAT-210', 'MAT-300', 'MAT-310'])[1 + n % 6],
       'Order ' || (1000000 + n),
       CASE WHEN n % 6 = 4 AND n % 4 = 0 THEN 20 ELSE 200 + 50 * (n % 9) END,
       CASE WHEN n % 6 = 4 AND n % 4 = 0 THEN 'KAR' ELSE 'ST' END,
       'WC-L' || (1 + n % 3) || '-PRESS',
       (ARRAY['CRTD', 'REL', 'REL', 'PCNF', 'CNF', 'TECO', 'CLSD'])[1 + n % 7],
       TIMESTAMPTZ '2026-11-23 06:00:00+00' + (n / 3) * INTERVAL '2 hours',
       TIMESTAMPTZ '2026-11-23 08:00:00+00' + (n / 3) * INTERVAL '2 hours',
       1,
       TIMESTAMPTZ '2026-11-20 12:00:00+00' + n * INTERVAL '1 minute'
FROM generate_series(1, 300) AS n;

INSERT INTO erp.production_order_status (order_no, changed_at, status, changed_by)
SELECT order_no, changed_at, status, 'SEED' FROM erp.production_order;

INSERT INTO erp.order_operation (order_no, operation_no, work_center_id, base_qty, machine_time_s)
SELECT o.order_no, 10 * step.no, replace(o.work_center_id, 'PRESS', step.name), 100,
       -- standard seconds per 100 pieces: 240-600 s, by product and step
       (200 + 40 * step.no + 20 * (right(o.material_code, 3)::int / 100))
FROM erp.production_order o,
     (VALUES (1, 'PRESS'), (2, 'WELD'), (3, 'PACK')) AS step(no, name);
