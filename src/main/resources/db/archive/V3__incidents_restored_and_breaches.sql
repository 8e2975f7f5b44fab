-- The incidents view, as V1 made it, with two changes: sla_breaches counts a breach recorded before
-- rounds were counted (breached, no breaches: one, as the operator reads it), and restored_from
-- names the archived incident a row is a read-only copy of (kubectl klaxon restore; reports leave
-- copies out). Columns keep their order; the new one comes last.
CREATE OR REPLACE VIEW incidents AS
SELECT uid, namespace, name, created_at, archived_at,
       record -> 'spec' ->> 'title'                          AS title,
       coalesce(record -> 'status' ->> 'severity', record -> 'spec' ->> 'severity') AS severity,
       record -> 'spec' ->> 'category'                       AS category,
       record -> 'status' ->> 'phase'                        AS phase,
       (record -> 'status' ->> 'detectedAt')::timestamptz     AS detected_at,
       (record -> 'status' ->> 'acknowledgedAt')::timestamptz AS acknowledged_at,
       (record -> 'status' ->> 'resolvedAt')::timestamptz     AS resolved_at,
       (record -> 'status' ->> 'closedAt')::timestamptz       AS closed_at,
       (record -> 'status' ->> 'mttaSeconds')::bigint         AS mtta_seconds,
       (record -> 'status' ->> 'mttrSeconds')::bigint         AS mttr_seconds,
       coalesce((record -> 'status' -> 'sla' ->> 'breaches')::int,
                CASE WHEN (record -> 'status' -> 'sla' ->> 'breached')::boolean THEN 1 ELSE 0 END) AS sla_breaches,
       record,
       record -> 'metadata' -> 'annotations' ->> 'klaxon.dev/restored-from' AS restored_from
FROM archived_objects WHERE kind = 'Incident';
