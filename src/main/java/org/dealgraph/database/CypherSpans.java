package org.dealgraph.database;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * A span per Cypher statement, child of the GraphQL operation's span: the statement's text (never its parameter
 * values, which hold what clients sent) and the database. Off, at no cost, unless tracing is switched on.
 */
@ApplicationScoped
public class CypherSpans {

    private final Tracer tracer;
    private final String database;

    CypherSpans(Tracer tracer, DatabaseConfig config) {
        this.tracer = tracer;
        this.database = config.name().orElse("neo4j");
    }

    /** Runs work that sends one statement and reads its whole result, inside the statement's span. */
    public <T> T statement(String cypher, Supplier<T> work) {
        var span = start(cypher);
        try (var scope = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /** The transaction with a span for each statement run in it (from sending it to the first answer). */
    public TransactionContext traced(TransactionContext tx) {
        return new TransactionContext() {
            @Override
            public Result run(String query, Value parameters) {
                return statement(query, () -> tx.run(query, parameters));
            }

            @Override
            public Result run(String query, Map<String, Object> parameters) {
                return statement(query, () -> tx.run(query, parameters));
            }

            @Override
            public Result run(String query, Record parameters) {
                return statement(query, () -> tx.run(query, parameters));
            }

            @Override
            public Result run(String query) {
                return statement(query, () -> tx.run(query));
            }

            @Override
            public Result run(Query query) {
                return statement(query.text(), () -> tx.run(query));
            }
        };
    }

    private Span start(String cypher) {
        var text = cypher.strip();
        var space = text.indexOf(' ');
        var verb = (space > 0 ? text.substring(0, space) : text).toUpperCase(Locale.ROOT);
        return tracer.spanBuilder("cypher " + verb).setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system", "neo4j")
                .setAttribute("db.namespace", database)
                .setAttribute("db.query.text", text)
                .startSpan();
    }
}
