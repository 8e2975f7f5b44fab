-- The incident report over the archive (kubectl klaxon report --archive runs this file): the
-- incidents of one namespace detected in [from, to), counted as the live report counts them
-- (restored read-only copies left out).
-- One row per measure. psql runs it as it is:
--   psql -v namespace=shop -v from=2026-01-01T00:00:00Z -v to=2027-01-01T00:00:00Z -f archive-report.sql
WITH period AS (
    SELECT severity, lower(category) AS category, mtta_seconds, mttr_seconds, sla_breaches
    FROM incidents
    WHERE namespace = :'namespace' AND restored_from IS NULL
      AND detected_at >= CAST(:'from' AS timestamptz) AND detected_at < CAST(:'to' AS timestamptz)
)
SELECT 'total' AS measure, '' AS key, count(*)::numeric AS value FROM period
UNION ALL SELECT 'severity', severity, count(*) FROM period GROUP BY severity
UNION ALL SELECT 'category', category, count(*) FROM period WHERE category IS NOT NULL GROUP BY category
UNION ALL SELECT 'mtta', 'count', count(mtta_seconds) FROM period
UNION ALL SELECT 'mtta', 'average', div(sum(mtta_seconds), nullif(count(mtta_seconds), 0)) FROM period
UNION ALL SELECT 'mtta', 'p90', percentile_disc(0.9) WITHIN GROUP (ORDER BY mtta_seconds) FROM period
UNION ALL SELECT 'mttr', 'count', count(mttr_seconds) FROM period
UNION ALL SELECT 'mttr', 'average', div(sum(mttr_seconds), nullif(count(mttr_seconds), 0)) FROM period
UNION ALL SELECT 'mttr', 'p90', percentile_disc(0.9) WITHIN GROUP (ORDER BY mttr_seconds) FROM period
UNION ALL SELECT 'sla', 'breaches', coalesce(sum(sla_breaches), 0) FROM period;
