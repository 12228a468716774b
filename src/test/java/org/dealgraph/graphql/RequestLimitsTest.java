package org.dealgraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.dealgraph.database.Graph;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Each GraphQL limit answers with LIMIT_EXCEEDED, names itself, its maximum and what it measured, before any Cypher. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class RequestLimitsTest extends SeedGraphTest {

    @Inject
    Graph graph;

    /** The request is refused and the database was not asked anything. */
    private ValidatableResponse refusedUnread(Supplier<ValidatableResponse> request) {
        var before = graph.queryCount();
        var response = request.get().statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("LIMIT_EXCEEDED"));
        assertEquals(before, graph.queryCount(), "no Cypher ran");
        return response;
    }

    private static String aliases(int count, String field) {
        var sb = new StringBuilder("{ ");
        for (int i = 0; i < count; i++) {
            sb.append("a").append(i).append(": ").append(field).append(' ');
        }
        return sb.append('}').toString();
    }

    @Test
    void costCountsRowsSo300PagesOf100AreRefused() {
        refusedUnread(() -> GraphQL.post(aliases(300, "agreements(first: 100) { nodes { id } }")))
                .body("errors[0].extensions.limit", equalTo("cost"))
                .body("errors[0].extensions.maximum", equalTo(20000))
                .body("errors[0].extensions.measured", equalTo(300 * (101 + 100)))
                .body("errors[0].message", containsString("smaller pages"));
        // The specification's media type answers a request refused before it ran with 400.
        io.restassured.RestAssured.given().accept("application/graphql-response+json").contentType("application/json")
                .body(java.util.Map.of("query", aliases(300, "agreements(first: 100) { nodes { id } }"))).post("/graphql")
                .then().statusCode(400).body("errors[0].extensions.limit", equalTo("cost")).body("data", org.hamcrest.Matchers.nullValue());
        // Read backwards, a page holds 'last' rows.
        refusedUnread(() -> GraphQL.post(aliases(300, "agreements(last: 100) { nodes { id } }")))
                .body("errors[0].extensions.measured", equalTo(300 * (101 + 100)));
    }

    @Test
    void nestedListsMultiply() {
        // 100 companies, then agreements, parties and their companies three levels down; lists that are not paged count 3.
        refusedUnread(() -> GraphQL.post("{ companies(first: 100) { nodes { agreements { parties { company { agreements { parties {"
                + " company { agreements { parties { company { id } } } } } } } } } } } }"))
                .body("errors[0].extensions.limit", equalTo("cost"))
                .body("errors[0].extensions.measured", equalTo(101 + 100 * (1 + 3 * (1 + 3 * (1 + 1 + 3 * (1 + 3 * (1 + 1 + 3 * (1 + 3 * (1 + 1)))))))));
        // A company's agreements with 'first' count as that many, and a list inside them (parties) as its own few:
        // companies (the statement) 101 + nodes: 100 × (1 + agreements: 50 × (1 + parties: 3 × (1 + company: 1 + id: 0))).
        refusedUnread(() -> GraphQL.post("{ companies(first: 100) { nodes { agreements(first: 50) { parties { company { id } } } } } }"))
                .body("errors[0].extensions.measured", equalTo(101 + 100 * (1 + 50 * (1 + 3 * (1 + 1)))));
    }

    @Test
    void whatAFrontendAsksForStaysWithinTheBudget() {
        var data = GraphQL.data("""
                { agreements(first: 100) { totalCount pageInfo { hasNextPage endCursor }
                    nodes { id kind title parties { role company { id name } } sources { confidence source { url publisher } } } } }""");
        assertEquals(37, data.getInt("agreements.totalCount"));
    }

    @Test
    void aPageOverTheMaximumIsRefusedWhetherWrittenOrAVariable() {
        refusedUnread(() -> GraphQL.post("{ agreements(first: 101) { totalCount } }"))
                .body("errors[0].extensions.limit", equalTo("pageSize"))
                .body("errors[0].extensions.maximum", equalTo(100))
                .body("errors[0].extensions.measured", equalTo(101))
                .body("errors[0].message", containsString("first"));
        refusedUnread(() -> GraphQL.post("query($n: Int) { companies(first: $n) { nodes { id } } }", Map.of("n", 5000)))
                .body("errors[0].extensions.limit", equalTo("pageSize"))
                .body("errors[0].extensions.measured", equalTo(5000));
    }

    @Test
    void depthIsMeasuredAndRefused() {
        refusedUnread(() -> GraphQL.post("{ companies { nodes { " + "parent { ".repeat(40) + "id" + " }".repeat(40) + " } } }"))
                .body("errors[0].extensions.limit", equalTo("depth"))
                .body("errors[0].extensions.maximum", equalTo(15))
                .body("errors[0].extensions.measured", greaterThan(15));
    }

    @Test
    void tokensAreCountedForEveryClient() {
        var query = "{ " + "company(id: \"x\") { id } ".repeat(1500) + "}";
        refusedUnread(() -> GraphQL.post(query))
                .body("errors[0].extensions.limit", equalTo("tokens"))
                .body("errors[0].extensions.maximum", equalTo(5000));
        var before = graph.queryCount();
        given().contentType("application/json").accept("application/graphql-response+json").body(Map.of("query", query))
                .post("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("LIMIT_EXCEEDED"))
                .body("errors[0].extensions.limit", equalTo("tokens"));
        assertEquals(before, graph.queryCount());
    }
}
