package org.dealgraph.research;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and access of the read-only Cypher endpoint. */
@ConfigMapping(prefix = "dealgraph.cypher")
public interface CypherConfig {

    /** Longest a statement may run; the database terminates it then. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Longest an export for analysis (GET /research/export) may read: it streams the whole graph, so it runs longer
     * than a statement; the database terminates its transaction then, and the response ends unfinished.
     */
    @WithDefault("300s")
    Duration exportTimeout();

    /** Most rows returned; the response says when rows were cut. */
    @WithDefault("1000")
    int maxRows();

    /** Longest statement text accepted, in characters. */
    @WithDefault("20000")
    int maxStatementLength();

    /** Whether a reader or curator token is needed (production); dev mode serves localhost without one. */
    @WithDefault("true")
    boolean requireToken();

    /** Procedures a statement may call; a trailing {@code *} allows a namespace. Everything else is refused. */
    @WithDefault("db.labels,db.relationshipTypes,db.propertyKeys,db.schema.*,db.index.fulltext.queryNodes,"
            + "db.index.fulltext.queryRelationships")
    List<String> allowedProcedures();

    /** Plugin (not built-in) functions a statement may use; Cypher's built-in functions are always allowed. */
    Optional<List<String>> allowedFunctions();

    /**
     * Statements one client may start per {@link #rateWindow()}: a client is who signed in (a token's holder, a JWT's
     * subject), or its address when it sent no valid credential — never the raw header, which varies at will.
     */
    @WithDefault("60")
    int rateLimit();

    @WithDefault("60s")
    Duration rateWindow();

    /** Statements running at once over all clients; more are answered 429 at once rather than queued. */
    @WithDefault("2")
    int maxConcurrent();

    /** Statements one client may have running at once: less than {@link #maxConcurrent()}, so no one takes every slot. */
    @WithDefault("1")
    int maxConcurrentPerClient();

    /** Most bytes of a request's body (the statement and its parameters); more is refused with 413 before it is read. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Bytes of an answer (its rows as JSON, about): past them the rows stop, as past {@link #maxRows()}. */
    @WithDefault("4M")
    MemorySize maxBytes();

    /**
     * A dedicated database user for the endpoint (a read-only role on Neo4j Enterprise or Aura) instead of the
     * service's own credential. Both must be set to take effect.
     */
    Optional<String> username();

    Optional<String> password();
}
