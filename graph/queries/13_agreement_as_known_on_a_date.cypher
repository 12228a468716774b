// Question: What did the graph say about an agreement at a given moment: its terms as then recorded, its parties (before any later merge), the products, tranches and source claims of then, the amendments then known, and whether it stood retracted?
// Parameters: {"agreement": "aws-openai-compute-2025", "knownAsOf": "2099-01-01T00:00:00Z"}
// No row: the graph did not hold the agreement then (recorded later). Facts are known from firstRecordedAt; each
// version of their properties over [recordedAt, replacedAt) (the node itself is the version since its recordedAt);
// a retraction over [at, restoredAt); a relationship moved by a merge carries mergedBy, the merge's Retraction. A
// revision with linksKept holds its own links (CONCERNED, HAD_TRANCHE, AMENDED, WAS_SOURCED_BY); older ones did not
// keep them, and their links are read from today's. A claim is held unless it stood retracted then (retractedAt, or
// one of the intervals retractedFrom[i] to retractedUntil[i] of retractions restored since).
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
WITH node, t, version, CASE WHEN version:Revision AND version.linksKept THEN version ELSE node END AS links
CALL (t, version, links) {
  OPTIONAL MATCH (links)-[l:CONCERNS|CONCERNED|HAS_TRANCHE|HAD_TRANCHE|SOURCED_BY|RETRACTED_SOURCED_BY|WAS_SOURCED_BY]->(x)
  WITH l, x, CASE WHEN type(l) IN ['CONCERNS', 'CONCERNED'] THEN 'product' WHEN type(l) IN ['HAS_TRANCHE', 'HAD_TRANCHE'] THEN 'tranche' ELSE 'source' END AS kind
  WHERE l IS NULL OR kind <> 'source' OR ((l.recordedAt IS NULL OR l.recordedAt <= t) AND NOT coalesce(l.retractedAt <= t, false)
      AND none(i IN range(0, size(coalesce(l.retractedFrom, [])) - 1) WHERE l.retractedFrom[i] <= t < l.retractedUntil[i])
      AND (links:Revision OR NOT version:Revision OR version.sourceIds IS NULL OR x.id IN version.sourceIds))
  WITH kind, CASE kind WHEN 'product' THEN x.id WHEN 'tranche' THEN x.label + ' ' + x.amountCurrency + ' ' + toString(x.amountValue)
                       ELSE x.id + ' ' + l.confidence + coalesce(': ' + l.claim, '') END AS text
  ORDER BY text
  WITH collect({kind: kind, text: text}) AS all
  RETURN [i IN all WHERE i.kind = 'product' | i.text] AS products, [i IN all WHERE i.kind = 'tranche' | i.text] AS tranches,
         [i IN all WHERE i.kind = 'source' AND i.text IS NOT NULL | i.text] AS sources
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
  products, tranches, sources,
  COLLECT {
    MATCH (node)<-[r:AMENDS|AMENDED]-(holder)
    WITH r, holder, CASE WHEN holder:Revision THEN head([(m)-[:HAD_REVISION]->(holder) | m]) ELSE holder END AS m
    WHERE m.firstRecordedAt <= t
      AND NOT EXISTS { MATCH (x:Retraction {kind: 'AGREEMENT'})-[:RETRACTS]->(m) WHERE x.at <= t AND (x.restoredAt IS NULL OR t < x.restoredAt) }
      AND CASE WHEN holder:Revision THEN holder.recordedAt <= t < holder.replacedAt
               ELSE m.recordedAt <= t OR NOT EXISTS { MATCH (m)-[:HAD_REVISION]->(mv:Revision) WHERE mv.linksKept AND mv.recordedAt <= t < mv.replacedAt } END
    RETURN m.id + ' ' + r.kind + coalesce(' from ' + toString(r.effective), '') AS link ORDER BY link
  } AS amendedBy
ORDER BY agreement
