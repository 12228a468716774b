// Question: What changed in the graph between two moments: facts first recorded, facts changed (with what they were), facts retracted, merged or restored, in order?
// Parameters: {"from": "2000-01-01T00:00:00Z", "to": "2099-01-01T00:00:00Z"}
// Moments are the transaction times the graph keeps (graph/MODEL.md, "What the graph knew, and when"): a fact's
// firstRecordedAt, a revision's replacedAt, a retraction's at and restoredAt.
WITH datetime($from) AS t0, datetime($to) AS t1
CALL (t0, t1) {
  MATCH (n) WHERE t0 < n.firstRecordedAt <= t1 AND NOT n:Revision
  RETURN n.firstRecordedAt AS at, 'RECORDED' AS change, labels(n)[0] AS label, n.id AS fact,
         coalesce(head(COLLECT { MATCH (n)-[:HAD_REVISION]->(r:Revision) RETURN r.recordedFrom ORDER BY r.recordedAt LIMIT 1 }), n.recordedFrom) AS file,
         null AS by, null AS detail
  UNION ALL
  MATCH (n)-[:HAD_REVISION]->(r:Revision) WHERE t0 < r.replacedAt <= t1
  RETURN r.replacedAt AS at, 'CHANGED' AS change, labels(n)[0] AS label, n.id AS fact, r.replacedBy AS file,
         r.replacedByCurator AS by, r.properties AS detail
  UNION ALL
  MATCH (x:Retraction)-[:RETRACTS]->(n) WHERE t0 < x.at <= t1
  RETURN x.at AS at, 'RETRACTED ' + x.kind AS change, labels(n)[0] AS label, n.id AS fact, x.file AS file, x.by AS by, x.reason AS detail
  UNION ALL
  MATCH (x:Retraction)-[:RETRACTS]->(n) WHERE t0 < x.restoredAt <= t1
  RETURN x.restoredAt AS at, 'RESTORED ' + x.kind AS change, labels(n)[0] AS label, n.id AS fact, x.restoredFrom AS file,
         x.restoredBy AS by, x.restoreReason AS detail
}
RETURN toString(at) AS at, change, label, fact, file, by, detail
ORDER BY at, change, fact
