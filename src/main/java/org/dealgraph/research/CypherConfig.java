package org.dealgraph.research;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the read-only Cypher endpoint. */
@ConfigMapping(prefix = "dealgraph.cypher")
public interface CypherConfig {

    /** Longest a statement may run; the database terminates it then. */
    @WithDefault("10s")
    Duration timeout();

    /** Most rows returned; the response says when rows were cut. */
    @WithDefault("1000")
    int maxRows();

    /** Longest statement text accepted, in characters. */
    @WithDefault("20000")
    int maxStatementLength();
}
