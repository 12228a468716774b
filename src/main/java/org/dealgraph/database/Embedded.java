package org.dealgraph.database;

import java.util.Optional;

/**
 * The Neo4j server this process runs itself, in builds that include it ({@code EmbeddedDatabase}). A production
 * build ({@code -Ddealgraph.embedded=false}) has no such bean and no Neo4j server jar: it needs an external Neo4j.
 */
public interface Embedded {

    /** Runs before any other startup observer: nothing may reach the driver before the database is there. */
    int STARTS_FIRST = 0;

    /** Its Bolt address, while it runs; empty when an external Neo4j is configured. */
    Optional<String> boltUri();

    /** Reads run in this process by the embedded database, while it runs and they are enabled. */
    default Optional<InProcessReads> reads() {
        return Optional.empty();
    }
}
