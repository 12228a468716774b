package org.dealgraph.testing;

import org.neo4j.driver.Driver;

/** A clean graph for a test: everything but the record of applied schema migrations is removed. */
public final class TestGraph {

    private static final String CLEAN = """
            MATCH (n) WHERE NOT n:_SchemaMigration
            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS""";

    private TestGraph() {
    }

    public static void clean(Driver driver) {
        try (var session = driver.session()) {
            session.run(CLEAN).consume();
        }
    }
}
