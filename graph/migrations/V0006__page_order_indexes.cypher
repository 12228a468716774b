// Pages read their rows in the sort key's index order and stop after them. By title; and with one kind given, by
// kind and the sort key together (the single-property indexes on announced and amountValue exist since V0002).
CREATE INDEX agreement_title IF NOT EXISTS FOR (a:Agreement) ON (a.title);
CREATE INDEX agreement_kind_amount IF NOT EXISTS FOR (a:Agreement) ON (a.kind, a.amountValue);
CREATE INDEX agreement_kind_announced IF NOT EXISTS FOR (a:Agreement) ON (a.kind, a.announced);
CREATE INDEX agreement_kind_title IF NOT EXISTS FOR (a:Agreement) ON (a.kind, a.title);
