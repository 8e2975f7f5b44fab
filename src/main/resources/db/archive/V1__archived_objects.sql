-- Klaxon's incident archive: every object that became final (incidents, playbook runs, reviews),
-- whole, keyed by its UID. A changed object updates its row; a re-created object with the same
-- name is another UID, another row. The views give each kind's fields as columns (docs/archive.md).
CREATE TABLE archived_objects (
    uid              text        PRIMARY KEY,
    kind             text        NOT NULL,
    namespace        text        NOT NULL,
    name             text        NOT NULL,
    created_at       timestamptz NOT NULL,
    resource_version text        NOT NULL,
    archived_at      timestamptz NOT NULL DEFAULT now(),
    record           jsonb       NOT NULL
);
CREATE INDEX archived_objects_by_kind_and_time ON archived_objects (kind, created_at);
CREATE INDEX archived_objects_by_name ON archived_objects (namespace, kind, name);

CREATE VIEW incidents AS
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
       coalesce((record -> 'status' -> 'sla' ->> 'breaches')::int, 0)  AS sla_breaches,
       record
FROM archived_objects WHERE kind = 'Incident';

CREATE VIEW playbook_runs AS
SELECT uid, namespace, name, created_at, archived_at,
       record -> 'spec' ->> 'playbookRef'   AS playbook,
       record -> 'spec' ->> 'incidentRef'   AS incident,
       record -> 'status' ->> 'phase'       AS phase,
       record -> 'status' -> 'steps'        AS steps,
       record -> 'spec' -> 'approvals'      AS approvals,
       record
FROM archived_objects WHERE kind = 'PlaybookRun';

CREATE VIEW reviews AS
SELECT uid, namespace, name, created_at, archived_at,
       record -> 'spec' ->> 'incidentRef'   AS incident,
       record -> 'spec' ->> 'phase'         AS phase,
       record -> 'spec' -> 'actionItems'    AS action_items,
       record
FROM archived_objects WHERE kind = 'PostIncidentReview';
