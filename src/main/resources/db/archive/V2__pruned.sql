-- Whether retention deleted the object from the cluster after writing this row: the row then
-- holds the object's last state, and a late write of an earlier state (a writer that waited out
-- an outage, a former leader's queue) must not replace it.
ALTER TABLE archived_objects ADD COLUMN pruned_at timestamptz;
