package org.dealgraph.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the graph lives: an external Neo4j when {@code uri} is set, otherwise the embedded server. */
@ConfigMapping(prefix = "dealgraph.database")
public interface DatabaseConfig {

    /** The external Neo4j (bolt://, neo4j://, neo4j+s://); when absent the embedded server starts. */
    Optional<String> uri();

    /** The database to use on that server (NEO4J_DATABASE); the server's default database when absent. */
    Optional<String> name();

    Embedded embedded();

    interface Embedded {
        /** Data and log files of the embedded server; survives restarts. */
        @WithDefault("data/neo4j")
        Path directory();

        @WithDefault("127.0.0.1")
        String listenAddress();

        @WithDefault("7687")
        int boltPort();

        @WithDefault("true")
        boolean authEnabled();

        @WithDefault("256m")
        String pageCache();

        @WithDefault("60s")
        Duration transactionTimeout();

        /**
         * Memory one transaction may hold where Neo4j tracks it (transaction state; collect, sort, distinct, aggregation
         * and eager buffers): past it the transaction fails, not the server. Large enough for a 128 MB deal file's load.
         */
        @WithDefault("2g")
        String transactionMemoryMax();

        /** Memory all transactions may hold at once; 0 leaves Neo4j's default (70% of the heap). */
        @WithDefault("0")
        String transactionMemoryTotal();

        /**
         * Asks Neo4j to keep a transaction's state (what it wrote, until it commits) off the heap
         * ({@code db.tx_state.memory_allocation}). Measured on the embedded Community server (docs/performance.md), a
         * load's state stayed on the heap either way: off by default.
         */
        @WithDefault("false")
        boolean transactionStateOffHeap();

        /**
         * The service's own reads run in this process by the embedded database, not through the driver over the
         * loopback Bolt connection (a third of a look-up's CPU). Reads carrying a client's bookmark, and statements
         * returning nodes or relationships, still go through the driver; writes always do.
         */
        @WithDefault("true")
        boolean inProcessReads();
    }
}
