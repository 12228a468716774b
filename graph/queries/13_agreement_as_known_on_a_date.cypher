// Question: What did the graph say about an agreement at a given moment: its terms as then recorded, its parties (before any later merge), the amendments then known, and whether it stood retracted?
// Parameters: {"agreement": "aws-openai-compute-2025", "knownAsOf": "2099-01-01T00:00:00Z"}
// No row: the graph did not hold the agreement then (recorded later). Facts are known from firstRecordedAt; each
// version of their properties over [recordedAt, replacedAt) (the node itself is the version since its recordedAt);
// a retraction over [at, restoredAt); a relationship moved by a merge carries mergedBy, the merge's Retraction.
WITH datetime($knownAsOf) AS t
CALL () { MATCH (node:Agreement {id: $agreement}) RETURN node UNION MATCH (node:RetractedAgreement {id: $agreement}) RETURN node }
WITH node, t WHERE node.firstRecordedAt <= t
CALL (node, t) {
  WITH node, t WHERE node.recordedAt <= t
  RETURN node AS version
  UNION
  MATCH (node)-[:HAD_REVISION]->(version:Revision) WHERE version.recordedAt <= t < version.replacedAt
  RETURN version
}
RETURN node.id AS agreement,
  EXISTS { MATCH (x:Retraction {kind: 'AGREEMENT'})-[:RETRACTS]->(node) WHERE x.at <= t AND (x.restoredAt IS NULL OR t < x.restoredAt) } AS retracted,
  version.kind AS kind, version.title AS title,
  version.amount AS amount, version.amountCurrency AS currency, toString(version.announced) AS announced,
  toString(version.effectiveUntil) AS effectiveUntil, version.exclusive AS exclusive,
  toString(version.recordedAt) AS recordedAt, version.recordedFrom AS recordedFrom, version.recordedBy AS recordedBy,
  CASE WHEN version:Revision AND version.parties IS NOT NULL
    THEN COLLECT { UNWIND version.parties AS party RETURN party ORDER BY party }
    ELSE COLLECT { MATCH (c:Company)-[pt:PARTY_TO]->(node)
                   OPTIONAL MATCH (x:Retraction {id: pt.mergedBy}) WHERE x.at > t
                   RETURN coalesce(x.companyId, c.id) + ' ' + pt.role AS party ORDER BY party }
  END AS parties,
  [(m)-[r:AMENDS]->(node) WHERE (m:Agreement OR m:RetractedAgreement) AND m.firstRecordedAt <= t
      AND NOT EXISTS { MATCH (x:Retraction {kind: 'AGREEMENT'})-[:RETRACTS]->(m) WHERE x.at <= t AND (x.restoredAt IS NULL OR t < x.restoredAt) }
      | m.id + ' ' + r.kind] AS amendedBy
ORDER BY agreement
