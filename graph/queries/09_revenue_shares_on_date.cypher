// Question: Which revenue shares were in force on a date, who paid whom, at what rate and up to what cap?
// Parameters: {"date": "2026-06-01"}
// Each amendment in force by the date changes some fields (changeFields[i] to changeTo[i]); the last change of a
// field wins. (Written without reduce() over maps: /cypher refuses accumulators that can grow, see the README.)
MATCH (payer:Company)-[:PARTY_TO {role: 'PAYER'}]->(a:Agreement {kind: 'REVENUE_SHARE'})<-[:PARTY_TO {role: 'PAYEE'}]-(payee:Company)
WHERE coalesce(a.effectiveFrom, a.announced) <= date($date)
OPTIONAL MATCH (:Agreement)-[r:AMENDS {kind: 'AMENDMENT'}]->(a) WHERE r.effective <= date($date)
UNWIND CASE WHEN r IS NULL OR size(coalesce(r.changeFields, [])) = 0 THEN [null] ELSE range(0, size(r.changeFields) - 1) END AS i
WITH payer, payee, a, r.effective AS effective, r.changeFields[i] AS field, r.changeTo[i] AS value
ORDER BY effective
WITH payer, payee, a, collect(CASE WHEN field IS NOT NULL THEN [field, value] END) AS changes
WITH payer, payee, a,
     coalesce(last([c IN changes WHERE c[0] = 'ratePercent' | c[1]]), toString(a.ratePercent)) AS rate,
     last([c IN changes WHERE c[0] = 'cap' | c[1]]) AS cap,
     last([c IN changes WHERE c[0] = 'effectiveUntil' | c[1]]) AS until
WITH payer, payee, a, rate, cap, until,
     CASE WHEN until IS NULL THEN null WHEN size(until) = 4 THEN date(until + '-12-31') ELSE date(until) END AS lastDay
WHERE lastDay IS NULL OR lastDay >= date($date)
RETURN a.id AS agreement, payer.name AS payer, payee.name AS payee, rate AS ratePercent, cap, until
ORDER BY agreement
