package org.dealgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A batched field asked twice with different arguments answers each with its own, as if asked alone. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class BatchedArgumentsTest extends SeedGraphTest {

    @Test
    void aliasesOfABatchedFieldKeepTheirOwnArguments() {
        var both = GraphQL.data("""
                { companies(first: 50) { nodes { id
                    early: invested(asOf: "2019-01-01") { committed { text } }
                    late: invested(asOf: "2026-01-01") { committed { text } }
                    licenses: agreements(kinds: [IP_LICENSE]) { id }
                    all: agreements { id }
                    then: valuation(asOf: "2025-12-31") { postMoney { text } }
                    now: valuation(asOf: "2026-03-01") { postMoney { text } } } } }""");
        var early = GraphQL.data("{ companies(first: 50) { nodes { invested(asOf: \"2019-01-01\") { committed { text } } } } }");
        var late = GraphQL.data("{ companies(first: 50) { nodes { invested(asOf: \"2026-01-01\") { committed { text } } } } }");
        var licenses = GraphQL.data("{ companies(first: 50) { nodes { agreements(kinds: [IP_LICENSE]) { id } } } }");
        var all = GraphQL.data("{ companies(first: 50) { nodes { agreements { id } } } }");
        assertEquals(early.getList("companies.nodes.invested"), both.getList("companies.nodes.early"));
        assertEquals(late.getList("companies.nodes.invested"), both.getList("companies.nodes.late"));
        assertEquals(licenses.getList("companies.nodes.agreements"), both.getList("companies.nodes.licenses"));
        assertEquals(all.getList("companies.nodes.agreements"), both.getList("companies.nodes.all"));

        var microsoft = both.getList("companies.nodes.findAll { it.id == 'microsoft' }.late.committed.text.flatten()");
        assertEquals(List.of("~USD 13B"), microsoft, "Microsoft's equity in OpenAI by 2026");
        assertEquals(List.of(), both.getList("companies.nodes.findAll { it.id == 'microsoft' }.early.committed.text.flatten()"));
        assertEquals(List.of("USD 300B"), both.getList("companies.nodes.findAll { it.id == 'openai' }.then.postMoney.text"));
        assertEquals(List.of("USD 840B"), both.getList("companies.nodes.findAll { it.id == 'openai' }.now.postMoney.text"));
    }
}
