// Question: Which agreements rest only on press reports or inference, with no source stated by the parties?
// Parameters: {}
MATCH (a:Agreement)
WHERE NOT EXISTS { (a)-[:SOURCED_BY {confidence: 'STATED'}]->(:Source) }
RETURN a.id AS agreement, a.title AS title,
       [(a)-[r:SOURCED_BY]->(s:Source) | s.publisher + ' (' + r.confidence + ')'] AS sources
ORDER BY agreement
