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
    void companiesAgreementsPartiesSourcesAndBasisCostOneStatementWhateverTheRows() {
        var few = queriesFor(NESTED.formatted(2));
        var all = queriesFor(NESTED.formatted(100));
        assertEquals(1, few, "the companies and all their agreements with parties and sources, in one statement");
        assertEquals(few, all);
        assertEquals(1, queriesFor("{ company(id: \"openai\") { id agreements(first: 5) { id parties { role company { id } } sources { source { url } } } } }"));
    }

    @Test
    void agreementsAskedTwiceWithOtherArgumentsCostAStatementEach() {
        assertEquals(3, queriesFor("{ companies(first: 100) { nodes { id a: agreements(first: 1) { id } b: agreements(first: 2) { id } } } }"));
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
