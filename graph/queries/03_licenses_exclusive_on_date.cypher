// Question: Which IP licenses were in force on a date, and were they exclusive then, after the amendments effective by that date?
// Parameters: {"date": "2026-04-26"}
MATCH (a:Agreement {kind: 'IP_LICENSE'})
WHERE coalesce(a.effectiveFrom, a.announced) <= date($date)
OPTIONAL MATCH (:Agreement)-[r:AMENDS {kind: 'AMENDMENT'}]->(a)
WHERE r.effective <= date($date) AND 'exclusive' IN r.changeFields
WITH a, r ORDER BY r.effective DESC
WITH a, collect(r)[0] AS latest
RETURN a.id AS license,
       CASE WHEN latest IS NULL THEN a.exclusive
            ELSE latest.changeTo[[i IN range(0, size(latest.changeFields) - 1) WHERE latest.changeFields[i] = 'exclusive'][0]] = 'true'
       END AS exclusive,
       [(licensee:Company)-[:PARTY_TO {role: 'LICENSEE'}]->(a) | licensee.name] AS licensees
ORDER BY license
