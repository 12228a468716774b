// Search as known at a moment (search(knownAsOf:)) finds a company merged away since, as it was then: the full-text
// index of names holds merged companies too; a search of today's graph leaves them out.
DROP INDEX names IF EXISTS;
CREATE FULLTEXT INDEX names IF NOT EXISTS
FOR (n:Company|MergedCompany|Product|Person) ON EACH [n.name, n.aliasText];
