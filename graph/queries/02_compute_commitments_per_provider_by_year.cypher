// Question: How much compute did customers commit to each cloud provider, by year announced (USD, headline amounts)?
// Parameters: {}
MATCH (provider:Company)-[:PARTY_TO {role: 'PROVIDER'}]->(a:Agreement {kind: 'COMPUTE_COMMITMENT'})
WHERE a.amountCurrency = 'USD'
RETURN provider.name AS provider, a.announced.year AS year, count(a) AS agreements,
       sum(a.amountValue) AS headlineUsd, sum(CASE WHEN a.amountCeiling THEN 0 ELSE a.amountValue END) AS firmUsd
ORDER BY provider, year
