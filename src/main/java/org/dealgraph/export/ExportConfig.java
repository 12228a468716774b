package org.dealgraph.export;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Exports of the whole graph for neo4j-admin's import. */
@ConfigMapping(prefix = "dealgraph.export")
public interface ExportConfig {

    /**
     * How long the export's one read transaction may stay open: it streams every node and relationship to the client,
     * so it outlives the database's default timeout on a large graph (Neo4j 5.3 and later honour a longer one).
     */
    @WithDefault("1h")
    Duration transactionTimeout();
}
