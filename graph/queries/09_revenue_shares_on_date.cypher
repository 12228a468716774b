// Question: Which revenue shares were in force on a date, who paid whom, at what rate and up to what cap?
// Parameters: {"date": "2026-06-01"}
MATCH (payer:Company)-[:PARTY_TO {role: 'PAYER'}]->(a:Agreement {kind: 'REVENUE_SHARE'})<-[:PARTY_TO {role: 'PAYEE'}]-(payee:Company)
WHERE coalesce(a.effectiveFrom, a.announced) <= date($date)
OPTIONAL MATCH (:Agreement)-[r:AMENDS {kind: 'AMENDMENT'}]->(a) WHERE r.effective <= date($date)
WITH payer, payee, a, r ORDER BY r.effective
WITH payer, payee, a, collect(r) AS amendments
WITH payer, payee, a, reduce(terms = {rate: toString(a.ratePercent), cap: null, until: null}, r IN amendments |
       reduce(t = terms, i IN range(0, size(r.changeFields) - 1) |
         CASE r.changeFields[i] WHEN 'cap' THEN t {.*, cap: r.changeTo[i]}
                               WHEN 'effectiveUntil' THEN t {.*, until: r.changeTo[i]}
                               WHEN 'ratePercent' THEN t {.*, rate: r.changeTo[i]} ELSE t END)) AS terms
WITH payer, payee, a, terms,
     CASE WHEN terms.until IS NULL THEN null
          WHEN size(terms.until) = 4 THEN date(terms.until + '-12-31') ELSE date(terms.until) END AS lastDay
WHERE lastDay IS NULL OR lastDay >= date($date)
RETURN a.id AS agreement, payer.name AS payer, payee.name AS payee, terms.rate AS ratePercent, terms.cap AS cap, terms.until AS until
ORDER BY agreement
