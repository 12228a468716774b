package org.dealgraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The number of Cypher queries a nested request costs depends on its depth, not on how many rows it returns. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class QueryCountTest extends SeedGraphTest {

    private static final String NESTED = """
            { companies(first: %d) { nodes { id agreements { id parties { role company { id } }
                sources { confidence source { url } } totalValue(asOf: "2026-05-01") { committed { text } basis { rule inputs { agreementId } } } } } } }""";

    @Inject
    Graph graph;




    private long queriesFor(String query) {
        var before = graph.queryCount();
        GraphQL.data(query);
        return graph.queryCount() - before;
    }

    @Test
    void companiesAgreementsPartiesSourcesAndBasisCostTwoQueriesWhateverTheRows() {
        var few = queriesFor(NESTED.formatted(2));
        var all = queriesFor(NESTED.formatted(100));
        assertEquals(2, few, "one query for the companies, one for all their agreements with parties and sources");
        assertEquals(few, all);
    }

    @Test
    void oneLevelRequestsCostOneQuery() {
        assertEquals(1, queriesFor("{ timeline(company: \"microsoft\") { kind date { text } } }"));
        assertEquals(1, queriesFor("{ agreements(first: 50) { totalCount nodes { id parties { company { id } } totalValue { committed { text } basis { rule } } } } }"));
        assertEquals(1, queriesFor("{ servingClouds(company: \"openai\") { clouds { provider { id } } basis { rule } } }"));
    }

    @Test
    void batchedCompanyFieldsCostOneQueryPerField() {
        var query = "{ companies(first: %d) { nodes { parent { id } subsidiaries { id } products { id } people { id } } } }";
        assertEquals(5, queriesFor(query.formatted(3)));
        assertEquals(5, queriesFor(query.formatted(100)));
    }
}
