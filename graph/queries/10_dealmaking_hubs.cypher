// Question: Which companies are the hubs of the deal graph: party to the most agreements, with how many counterparties?
// Parameters: {"top": 5}
MATCH (c:Company)-[:PARTY_TO]->(a:Agreement)
OPTIONAL MATCH (a)<-[:PARTY_TO]-(other:Company) WHERE other <> c
WITH c, count(DISTINCT a) AS agreements, count(DISTINCT other) AS counterparties
RETURN c.id AS company, c.name AS name, agreements, counterparties
ORDER BY agreements DESC, counterparties DESC, company
LIMIT toInteger($top)
