// Question: How much equity has each investor committed, in USD, leaving out "up to" ceilings and conditional tranches?
// Parameters: {}
MATCH (investor:Company)-[:PARTY_TO {role: 'INVESTOR'}]->(a:Agreement)
WHERE a.kind IN ['EQUITY_INVESTMENT', 'RECAPITALIZATION'] AND a.amountCurrency = 'USD' AND coalesce(a.binding, true)
  AND NOT EXISTS { (:Agreement)-[:AMENDS {kind: 'SUPERSESSION'}]->(a) }
OPTIONAL MATCH (a)-[:HAS_TRANCHE]->(t:Tranche)
WITH investor, a, collect(t) AS tranches
WITH investor, CASE
       WHEN size(tranches) > 0 THEN reduce(s = 0.0, t IN tranches | s + CASE WHEN t.conditional OR coalesce(t.amountCeiling, false) THEN 0.0 ELSE t.amountValue END)
       WHEN a.amountCeiling THEN 0.0
       ELSE a.amountValue END AS committed
RETURN investor.id AS investor, investor.name AS name, sum(committed) AS committedUsd
ORDER BY committedUsd DESC, investor
