// Question: What happened to a company's agreements in a period: announcements and amendments, by date?
// Parameters: {"company": "microsoft", "from": "2026-01-01", "to": "2026-12-31"}
MATCH (:Company {id: $company})-[:PARTY_TO]->(a:Agreement)
CALL (a) {
  RETURN a.announced AS date, 'ANNOUNCED' AS event, a.id AS agreement
  UNION
  MATCH (m:Agreement)-[r:AMENDS]->(a)
  RETURN r.effective AS date, r.kind + ' by ' + m.id AS event, a.id AS agreement
}
WITH DISTINCT date, event, agreement
WHERE date($from) <= date <= date($to)
RETURN date, event, agreement
ORDER BY date, agreement, event
