// What the graph knew, and when (graph/MODEL.md): every fact node carries firstRecordedAt, when the graph first held
// it; writes set it once. Facts recorded before this migration take the earliest time the graph kept of them: their
// oldest revision's recordedAt, or their own.
MATCH (n) WHERE n.recordedAt IS NOT NULL AND n.firstRecordedAt IS NULL AND NOT n:Revision
CALL (n) {
    WITH n, reduce(m = n.recordedAt, r IN [(n)-[:HAD_REVISION]->(rev:Revision) | rev.recordedAt] | CASE WHEN r IS NOT NULL AND r < m THEN r ELSE m END) AS first
    SET n.firstRecordedAt = first
} IN TRANSACTIONS OF 10000 ROWS;
CREATE INDEX agreement_first_recorded IF NOT EXISTS FOR (a:Agreement) ON (a.firstRecordedAt);
CREATE INDEX agreement_recorded IF NOT EXISTS FOR (a:Agreement) ON (a.recordedAt);
CREATE INDEX retraction_restored_at IF NOT EXISTS FOR (x:Retraction) ON (x.restoredAt);
// Each revision's moment, to pin a read to it (agreement(knownAt:)): written by every write from now on; the load
// log's last 1,000 entries give those of the revisions before.
CREATE INDEX revision_moment IF NOT EXISTS FOR (r:_Revision) ON (r.number);
MATCH (e:_LoadEvent) WHERE NOT EXISTS { MATCH (r:_Revision {epoch: e.epoch, number: e.revision}) }
CREATE (:_Revision {epoch: e.epoch, number: e.revision, at: e.at});
