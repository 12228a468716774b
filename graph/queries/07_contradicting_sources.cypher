// Question: Where do sources contradict the recorded facts, and what do they claim instead?
// Parameters: {}
MATCH (n)-[r:SOURCED_BY]->(s:Source)
WHERE r.claim IS NOT NULL
RETURN n.id AS fact, labels(n)[0] AS kind, s.publisher AS source, r.claim AS claims
ORDER BY fact, source
