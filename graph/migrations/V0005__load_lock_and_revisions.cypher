// Loads of deal files take one lock node first, so that concurrent loads of the same file serialise
// instead of deadlocking; the constraint keeps that node single under concurrent MERGEs.
CREATE CONSTRAINT load_lock_id IF NOT EXISTS FOR (l:_LoadLock) REQUIRE l.id IS UNIQUE;
// Earlier versions of changed facts, found from the fact they belonged to and by when they were replaced.
CREATE INDEX revision_replaced_at IF NOT EXISTS FOR (r:Revision) ON (r.replacedAt);
