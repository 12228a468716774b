// A company's name and aliases in lower case, one text: "name contains" is served by a text index, not a scan.
// The load path keeps it up to date; this fills it for companies loaded before.
MATCH (c:Company) WHERE c.nameKey IS NULL
SET c.nameKey = toLower(c.name + ' | ' + coalesce(c.aliasText, ''));
CREATE TEXT INDEX company_name_key IF NOT EXISTS FOR (c:Company) ON (c.nameKey);
