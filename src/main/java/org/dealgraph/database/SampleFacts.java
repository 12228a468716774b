package org.dealgraph.database;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** Facts the graph holds, picked to ask about when nothing in particular is asked (the warm-up's questions). */
@ApplicationScoped
public class SampleFacts {

    /** An agreement and one of its parties. */
    public record AgreementAndParty(String agreement, String company) {
    }

    /**
     * The companies party to the most agreements (of the first thousand companies, so that a graph of any size answers
     * at once), each with its agreement of the most relationships: what the warm-up asks about should be shaped as what
     * users ask about. Warmed on the first agreement and company found, often a small one, the JIT compiled the nested
     * request for lists of one or two and served a company of the seed graph's size at ~900 req/s; warmed on the
     * largest, at ~1,150 (measured 2026-12-07, docs/operations.md).
     */
    private static final String RICHEST = """
            MATCH (c:Company) WITH c LIMIT 1000
            WITH c, COUNT { (c)-[:PARTY_TO]->(:Agreement) } AS agreements WHERE agreements > 0
            ORDER BY agreements DESC, c.id LIMIT $companies
            RETURN c.id AS company, COLLECT {
                MATCH (c)-[:PARTY_TO]->(a:Agreement)
                WITH a ORDER BY COUNT { (a)--() } DESC, a.id LIMIT 1
                RETURN a.id
            }[0] AS agreement""";

    private final Graph graph;

    SampleFacts(Graph graph) {
        this.graph = graph;
    }

    /** Up to {@code companies} pairs, richest first; none on an empty graph. */
    public List<AgreementAndParty> richest(int companies) {
        return graph.read(RICHEST, Map.of("companies", companies),
                r -> new AgreementAndParty(r.get("agreement").asString(), r.get("company").asString()));
    }
}
