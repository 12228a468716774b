// The load log: one _LoadEvent per write that changed the graph, written in that write's transaction, read by every
// replica to tell its own subscribers of loads made through the others. The writer keeps the last 1,000.
CREATE INDEX load_event_revision IF NOT EXISTS FOR (e:_LoadEvent) ON (e.revision);
