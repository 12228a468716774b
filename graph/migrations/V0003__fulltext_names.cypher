// Full-text search over what people call things: names and aliases of companies, products and people.
CREATE FULLTEXT INDEX names IF NOT EXISTS
FOR (n:Company|Product|Person) ON EACH [n.name, n.aliasText];
