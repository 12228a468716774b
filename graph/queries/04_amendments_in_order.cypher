// Question: What amended, expanded or superseded an agreement, in the order it took effect, and what did each change?
// Parameters: {"agreement": "msft-openai-ip-license"}
MATCH (m:Agreement)-[r:AMENDS]->(a:Agreement {id: $agreement})
RETURN r.effective AS effective, m.id AS by, r.kind AS kind, r.summary AS summary,
       [i IN range(0, size(coalesce(r.changeFields, [])) - 1) | r.changeFields[i] + ' -> ' + r.changeTo[i]] AS changes
ORDER BY effective, by
