package org.dealgraph.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * Every read of the API goes through here, in a managed read transaction (retried on transient errors), so that
 * the number of Cypher queries a GraphQL request costs can be counted.
 */
@ApplicationScoped
public class Graph {

    private final Driver driver;
    private final AtomicLong queries = new AtomicLong();

    Graph(Driver driver) {
        this.driver = driver;
    }

    public <T> List<T> read(String cypher, Map<String, Object> parameters, Function<Record, T> mapper) {
        queries.incrementAndGet();
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run(cypher, parameters).list(mapper::apply));
        }
    }

    public <T> Optional<T> readOne(String cypher, Map<String, Object> parameters, Function<Record, T> mapper) {
        return read(cypher, parameters, mapper).stream().findFirst();
    }

    /** Cypher queries run since startup. */
    public long queryCount() {
        return queries.get();
    }
}
