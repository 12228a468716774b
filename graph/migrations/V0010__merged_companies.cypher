// A company merged into another (the same company recorded twice) keeps its node as :MergedCompany, pointing at the
// survivor; its id answers as a redirect and may not be recorded again.
CREATE CONSTRAINT merged_company_id IF NOT EXISTS FOR (m:MergedCompany) REQUIRE m.id IS UNIQUE;
