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

    /** Cache-Control of a query answered over GET (with an ETag that changes with the graph). */
    @WithDefault("public, no-cache")
    String getCacheControl();

    /** Automatic persisted queries and the allow-list. */
    PersistedQueriesConfig persistedQueries();

    interface PersistedQueriesConfig {
        /** Documents registered ahead: every *.graphql file here, by the SHA-256 of its text. */
        java.util.Optional<java.nio.file.Path> directory();

        /** Run only registered documents: a query's text is refused, a hash must name a registered document. */
        @WithDefault("false")
        boolean allowListOnly();

        /** Documents remembered from clients (automatic persisted queries), the least recently used dropped first. */
        @WithDefault("10000")
        int maxRemembered();
    }
}
