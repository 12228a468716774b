// Question: What is each agreement worth with the expansions that add to it (e.g. AWS: $38B + $100B)?
// Parameters: {}
MATCH (a:Agreement)
WHERE EXISTS { (:Agreement)-[:AMENDS {kind: 'EXPANSION'}]->(a) }
OPTIONAL MATCH (e:Agreement)-[:AMENDS {kind: 'EXPANSION'}]->(a)
WITH a, collect(e) AS expansions
RETURN a.id AS agreement, a.amountValue AS base, [e IN expansions | e.id] AS expandedBy,
       a.amountValue + reduce(s = 0.0, e IN expansions | s + e.amountValue) AS totalValue, a.amountCurrency AS currency
ORDER BY totalValue DESC
