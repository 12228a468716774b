package org.dealgraph.graphql;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of a GraphQL request (docs/limits.md). */
@ConfigMapping(prefix = GraphQLConfig.PREFIX)
public interface GraphQLConfig {

    String PREFIX = "dealgraph.graphql";
    String DEFAULT_MAX_DEPTH = "15";
    String DEFAULT_MAX_COST = "20000";
    String DEFAULT_UNPAGED_LIST_SIZE = "3";
    String DEFAULT_STATEMENT_COST = "100";
    String DEFAULT_MAX_ROWS = "10000";
    String DEFAULT_MAX_BYTES = "4M";

    /**
     * Longest a request may run: each of its statements in a transaction the database terminates then, and the
     * request as a whole, whose fields stop being read once it has passed.
     */
    @WithDefault("10s")
    Duration timeout();

    /** Rows (objects) an answer may hold, counted while it is written; past them the request stops with LIMIT_EXCEEDED. */
    @WithDefault(DEFAULT_MAX_ROWS)
    int maxRows();

    /** Bytes an answer may hold (its values' text, about), counted while it is written. */
    @WithDefault(DEFAULT_MAX_BYTES)
    MemorySize maxBytes();

    /** What a field of the root type costs for the statement it runs, over the rows it reads. */
    @WithDefault(DEFAULT_STATEMENT_COST)
    int statementCost();

    /** Most bytes of a GraphQL request's body (the document and its variables); more is refused with 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

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
        Optional<Path> directory();

        /** Run only registered documents: a query's text is refused, a hash must name a registered document. */
        @WithDefault("false")
        boolean allowListOnly();

        /** Documents remembered from clients (automatic persisted queries), the least recently used dropped first. */
        @WithDefault("10000")
        int maxRemembered();
    }
}
