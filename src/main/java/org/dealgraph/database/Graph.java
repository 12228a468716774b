package org.dealgraph.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.dealgraph.api.ApiErrors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Every read of the API goes through here, in a managed read transaction (retried on transient errors), so that
 * the number of Cypher queries a GraphQL request costs can be counted.
 */
@ApplicationScoped
public class Graph {

    private final GraphSessions sessions;
    private final CypherSpans spans;
    private final TransactionConfig transactionConfig;
    private final Duration timeout;
    private final AtomicLong queries = new AtomicLong();
    private static final int RECENT = 16;
    /** The last few statements read, for the benchmark's plans: a ring written with the count. */
    private final AtomicReferenceArray<Statement> recent = new AtomicReferenceArray<>(RECENT);

    /** A statement as it was sent: its Cypher and its parameters. */
    public record Statement(String cypher, Map<String, Object> parameters) {
    }

    /** The request's time limit (documented with the GraphQL limits) is each read's transaction timeout too. */
    Graph(GraphSessions sessions, CypherSpans spans, Instance<Embedded> embedded,
            @ConfigProperty(name = "dealgraph.graphql.timeout", defaultValue = "10s") Duration timeout) {
        this.sessions = sessions;
        this.spans = spans;
        this.embedded = embedded;
        this.timeout = timeout;
        this.transactionConfig = TransactionConfig.builder().withTimeout(timeout).build();
    }

    private final Instance<Embedded> embedded;
    /** Statements whose rows hold nodes or relationships: read through the driver, which can carry them. */
    private final java.util.Set<String> throughBolt = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The embedded database's own reads, when this process runs it and the request carries no bookmark of a client. */
    private Optional<InProcessReads> inProcess(String cypher) {
        var known = database;
        if (known == null) {
            known = embedded.isResolvable() ? embedded.get() : NONE;
            database = known;
        }
        if (known == NONE || throughBolt.contains(cypher) || sessions.bookmarked()) {
            return Optional.empty();
        }
        return known.reads();
    }

    private static final Embedded NONE = Optional::empty;
    private volatile Embedded database;

    /**
     * Runs a read in a managed transaction with the request time limit: the database terminates it when the limit
     * passes. A database that is down or restarting answers DATABASE_UNAVAILABLE at once rather than a stack trace.
     */
    public <T> List<T> read(String cypher, Map<String, Object> parameters, Function<Record, T> mapper) {
        recent.set((int) (queries.getAndIncrement() % RECENT), new Statement(cypher, parameters));
        var reads = inProcess(cypher);
        if (reads.isPresent()) {
            try {
                return spans.statement(cypher, () -> reads.get().read(cypher, parameters, timeout, mapper));
            } catch (InProcessReads.Unconvertible e) {
                throughBolt.add(cypher);
            } catch (InProcessReads.TimedOut e) {
                throw new ApiErrors.Timeout(timeout);
            } catch (InProcessReads.Unavailable e) {
                throw new ApiErrors.DatabaseUnavailable();
            }
        }
        try (var session = sessions.read()) {
            return spans.statement(cypher,
                    () -> session.executeRead(tx -> tx.run(cypher, parameters).list(mapper::apply), transactionConfig));
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new ApiErrors.DatabaseUnavailable();
        } catch (TransientException | ClientException e) {
            if (String.valueOf(e.code()).contains("InvalidBookmark")) {
                throw new ApiErrors.BadArgument(GraphSessions.BOOKMARK_HEADER + " header",
                        "names a transaction this database does not know (send back the header exactly as a write answered it)");
            }
            if (String.valueOf(e.code()).contains("TransactionTimedOut") || String.valueOf(e.code()).contains("Terminated")) {
                throw new ApiErrors.Timeout(timeout);
            }
            if (e instanceof TransientException) {
                throw new ApiErrors.DatabaseUnavailable();
            }
            throw e;
        }
    }

    public <T> Optional<T> readOne(String cypher, Map<String, Object> parameters, Function<Record, T> mapper) {
        return read(cypher, parameters, mapper).stream().findFirst();
    }

    /** Cypher queries run since startup. */
    public long queryCount() {
        return queries.get();
    }

    /** The statements read since {@code count} was the {@link #queryCount()}, oldest first; at most the last 16. */
    public List<Statement> statementsSince(long count) {
        var now = queries.get();
        var since = new ArrayList<Statement>();
        for (long i = Math.max(count, now - RECENT); i < now; i++) {
            since.add(recent.get((int) (i % RECENT)));
        }
        return since;
    }
}
