package org.dealgraph.curation;

import java.util.HashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.Connection;
import org.dealgraph.api.Page;
import org.dealgraph.database.GraphSessions;
import org.dealgraph.database.Keyset;
import org.dealgraph.load.RetractionWrites;
import org.dealgraph.load.RetractionWrites.Retraction;

/** The history of retractions, newest first. */
@ApplicationScoped
class RetractionRepository {

    private static final String OF_FACT = "($fact IS NULL OR $fact IN [x.agreementId, x.companyId, x.sourceId, x.personId, x.survivorId])";
    /** Newest first: keyed by when (in milliseconds, a number a cursor keeps exactly), then by id. */
    private static final String PAGE = """
            CALL () {
                %2$s
            }
            CALL () {
                MATCH (x:Retraction) WHERE %1$s AND %3$s
                WITH x ORDER BY x.at.epochMillis %4$s, x.id %5$s LIMIT $take
                RETURN collect({retraction: %6$s, key: x.at.epochMillis, id: x.id}) AS rows
            }
            RETURN total, rows""";

    private final GraphSessions sessions;

    RetractionRepository(GraphSessions sessions) {
        this.sessions = sessions;
    }

    /** A page of retractions, newest first, of one fact (an agreement, company, source or person id) or of all. */
    public Connection<Retraction> page(String fact, Page page, boolean counted) {
        var parameters = new HashMap<String, Object>(page.parameters());
        parameters.put("fact", fact);
        var total = counted ? "MATCH (x:Retraction) WHERE " + OF_FACT + " RETURN count(x) AS total" : "RETURN -1 AS total";
        var query = PAGE.formatted(OF_FACT, total, Keyset.where(page, "x.at.epochMillis", "x.id", false),
                Keyset.direction(page, false), Keyset.idDirection(page), RetractionWrites.PROJECTION);
        try (var session = sessions.read()) {
            return session.executeRead(tx -> {
                var record = tx.run(query, parameters).single();
                var rows = record.get("rows").asList(v -> new Page.Row<>(Retraction.of(v.get("retraction")), v.get("key").asObject(), v.get("id").asString()));
                return Connection.of(record.get("total").asLong(), rows, page);
            });
        }
    }
}
