package org.dealgraph.http;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of a GraphQL request (README, "Limits and errors"). */
@ConfigMapping(prefix = GraphQLConfig.PREFIX)
public interface GraphQLConfig {

    String PREFIX = "dealgraph.graphql";
    String DEFAULT_MAX_DEPTH = "15";
    String DEFAULT_MAX_COST = "20000";
    String DEFAULT_UNPAGED_LIST_SIZE = "3";

    /** Longest a request's Cypher may run; the database terminates it then. */
    @WithDefault("10s")
    Duration timeout();

    /** Deepest selection accepted. */
    @WithDefault(DEFAULT_MAX_DEPTH)
    int maxDepth();

    /** Most values (each field of each row) a request may read. */
    @WithDefault(DEFAULT_MAX_COST)
    int maxCost();

    /** Rows an unpaged list is counted as, in the cost. */
    @WithDefault(DEFAULT_UNPAGED_LIST_SIZE)
    int unpagedListSize();
}
