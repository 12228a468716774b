// Question: What is the shortest chain of agreements (or parent–subsidiary links) joining two companies?
// Parameters: {"from": "meta", "to": "anthropic"}
MATCH (x:Company {id: $from}), (y:Company {id: $to})
MATCH path = shortestPath((x)-[:PARTY_TO|SUBSIDIARY_OF*..12]-(y))
RETURN [n IN nodes(path) | coalesce(n.name, n.title)] AS chain,
       size([n IN nodes(path) WHERE n:Agreement]) AS agreements
