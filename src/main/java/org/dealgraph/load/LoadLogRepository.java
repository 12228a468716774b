package org.dealgraph.load;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.database.GraphRevision;
import org.dealgraph.database.GraphSessions;
import org.neo4j.driver.Record;

/** What the subscribers' events read: the agreements a load changed (retracted ones too), and the load log of every replica. */
@ApplicationScoped
class LoadLogRepository {

    private static final String AGREEMENTS = """
            UNWIND $ids AS id
            CALL (id) {
                MATCH (a:Agreement {id: id}) RETURN a
                UNION
                MATCH (a:RetractedAgreement {id: id}) RETURN a
            }
            RETURN a.id AS id, a.kind AS kind, [(c:Company)-[:PARTY_TO]->(a) | c.id] AS companies""";

    private static final String LOAD_LOG = """
            MATCH (e:_LoadEvent) WHERE e.revision > $after AND e.revision <= $upTo AND e.epoch = $epoch
            RETURN e.event AS event, toString(e.at) AS at ORDER BY e.revision LIMIT 1000""";

    private final GraphSessions sessions;

    LoadLogRepository(GraphSessions sessions) {
        this.sessions = sessions;
    }

    /** Each agreement's id, kind and party companies ({@code id}, {@code kind}, {@code companies}). */
    List<Record> agreements(List<String> ids) {
        try (var session = sessions.read()) {
            return session.executeRead(tx -> tx.run(AGREEMENTS, Map.of("ids", ids)).list());
        }
    }

    /** The loads logged after revision {@code after} up to {@code to}, in its epoch ({@code event} as JSON, {@code at}). */
    List<Record> loadsAfter(long after, GraphRevision.Revision to) {
        try (var session = sessions.read()) {
            return session.executeRead(tx -> tx.run(LOAD_LOG, Map.of("after", after, "upTo", to.number(), "epoch", to.epoch())).list());
        }
    }
}
