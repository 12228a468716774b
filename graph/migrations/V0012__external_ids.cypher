// Identifiers other data sets give companies and people (deal files' ids: wikidata, lei, crunchbase), one property
// per scheme, each with its index: company(externalId:) looks one up.
CREATE INDEX company_wikidata IF NOT EXISTS FOR (c:Company) ON (c.wikidata);
CREATE INDEX company_lei IF NOT EXISTS FOR (c:Company) ON (c.lei);
CREATE INDEX company_crunchbase IF NOT EXISTS FOR (c:Company) ON (c.crunchbase);
CREATE INDEX person_wikidata IF NOT EXISTS FOR (p:Person) ON (p.wikidata);
CREATE INDEX person_crunchbase IF NOT EXISTS FOR (p:Person) ON (p.crunchbase);
