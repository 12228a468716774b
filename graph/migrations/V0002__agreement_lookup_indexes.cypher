// Filters and sorts of the read API: by kind, by date, by amount.
CREATE INDEX agreement_kind IF NOT EXISTS FOR (a:Agreement) ON (a.kind);
CREATE INDEX agreement_announced IF NOT EXISTS FOR (a:Agreement) ON (a.announced);
CREATE INDEX agreement_amount IF NOT EXISTS FOR (a:Agreement) ON (a.amountValue);
CREATE INDEX company_kind IF NOT EXISTS FOR (c:Company) ON (c.kind);
CREATE INDEX source_published IF NOT EXISTS FOR (s:Source) ON (s.published);
