package org.dealgraph.testing;

import org.neo4j.driver.Driver;

/** A clean graph for a test: everything but the record of applied schema migrations is removed. */
public final class TestGraph {

    private static final String CLEAN = """
            MATCH (n) WHERE NOT n:_SchemaMigration
            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS""";

    private TestGraph() {
    }

    private static final String CONTENT = """
            MATCH (n) WHERE NOT n:_SchemaMigration AND NOT n:_LoadLock
            WITH n ORDER BY n.id, elementId(n)
            WITH collect(labels(n)[0] + ':' + coalesce(n.id, '') + ':' + coalesce(n.contentHash, '') + ':' + elementId(n)) AS nodes
            OPTIONAL MATCH (a)-[r]->(b)
            WITH nodes, r ORDER BY elementId(r)
            RETURN nodes, collect(type(r) + ':' + elementId(r)) AS relationships""";

    /** A fingerprint of the graph: any node or relationship created or deleted, or a fact's content changed, changes it. */
    public static String checksum(Driver driver) {
        try (var session = driver.session()) {
            var record = session.run(CONTENT).single();
            return record.get("nodes").asList().hashCode() + "/" + record.get("nodes").size() + "/"
                    + record.get("relationships").asList().hashCode() + "/" + record.get("relationships").size();
        }
    }

    public static long count(Driver driver, String cypher) {
        try (var session = driver.session()) {
            return session.run(cypher).single().get(0).asLong();
        }
    }

    public static void clean(Driver driver) {
        try (var session = driver.session()) {
            session.run(CLEAN).consume();
        }
    }
}
