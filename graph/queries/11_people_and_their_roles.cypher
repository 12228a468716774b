// Question: Who runs or speaks for which company, on whose word?
// Parameters: {}
MATCH (p:Person)-[:HOLDS]->(r:Role)-[:AT]->(c:Company)
RETURN p.name AS person, r.title AS title, c.name AS company,
       [(r)-[s:SOURCED_BY]->(src:Source) | src.publisher + ' (' + s.confidence + ')'] AS sources
ORDER BY company, person
