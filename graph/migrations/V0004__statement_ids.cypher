// Statements (a memo, a post, a press release) are facts with their own sources, found by business id.
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE;
