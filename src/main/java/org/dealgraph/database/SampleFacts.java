package org.dealgraph.database;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Facts the graph holds, picked to ask about when nothing in particular is asked (the warm-up's questions). */
@ApplicationScoped
public class SampleFacts {

    /** An agreement and one of its parties. */
    public record AgreementAndParty(String agreement, String company) {
    }

    private static final String ONE = """
            MATCH (a:Agreement)<-[:PARTY_TO]-(c:Company) WITH a, c LIMIT 1
            RETURN a.id AS agreement, c.id AS company""";

    private final Graph graph;

    SampleFacts(Graph graph) {
        this.graph = graph;
    }

    public Optional<AgreementAndParty> anAgreementAndAParty() {
        return graph.readOne(ONE, Map.of(), r -> new AgreementAndParty(r.get("agreement").asString(), r.get("company").asString()));
    }
}
