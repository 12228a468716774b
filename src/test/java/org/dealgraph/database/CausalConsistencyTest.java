package org.dealgraph.database;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reading one's own write at any replica: a write answers a bookmark, a request that carries it reads after it.
 * (On one server every read follows every commit anyway; ReplicasIT sends it through a second process.)
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class CausalConsistencyTest extends FreshSeedGraphTest {

    private static final String FILE = """
            sources:
              - {id: causal-source, url: "https://example.org/causal", publisher: Example, published: 2026-05-01}
            agreements:
              - id: causal-deal
                kind: PARTNERSHIP
                title: Written, then read with its bookmark
                parties: [{company: microsoft, role: PARTNER}, {company: openai, role: PARTNER}]
                announced: 2026-05-01
                sources: [{source: causal-source, confidence: REPORTED}]
            """;

    @Test
    void aWriteAnswersABookmarkThatTheNextReadMaySendBack() {
        var bookmark = Curator.graphql(Curator.TOKEN, "mutation($c: String!) { loadDeals(content: $c, file: \"causal.yaml\") { outcome } }",
                Map.of("c", FILE)).statusCode(200)
                .body("data.loadDeals.outcome", equalTo("LOADED"))
                .header(GraphSessions.BOOKMARK_HEADER, matchesPattern("[A-Za-z0-9:+/=_.,-]+"))
                .extract().header(GraphSessions.BOOKMARK_HEADER);
        assertNotNull(bookmark);
        given().contentType("application/json").header(GraphSessions.BOOKMARK_HEADER, bookmark)
                .body(Map.of("query", "{ agreement(id: \"causal-deal\") { title } }"))
                .post("/graphql").then().statusCode(200)
                .body("data.agreement.title", equalTo("Written, then read with its bookmark"))
                .header(GraphSessions.BOOKMARK_HEADER, nullValue());

        // The REST load path answers one too, and a browser on another origin may read it (CORS exposes it).
        Curator.loadFile(Curator.TOKEN, "causal.yaml", FILE.replace("causal-deal", "causal-deal-2"), false).statusCode(200)
                .header(GraphSessions.BOOKMARK_HEADER, matchesPattern("[A-Za-z0-9:+/=_.,-]+"));
        given().header("Origin", "http://localhost:5173").contentType("application/json")
                .body(Map.of("query", "{ database { mode } }")).post("/graphql").then()
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString(GraphSessions.BOOKMARK_HEADER));
    }

    @Test
    void aBookmarkThatIsNotOneIsTheClientsErrorNamedSo() {
        given().contentType("application/json").header(GraphSessions.BOOKMARK_HEADER, "not a bookmark; DROP")
                .body(Map.of("query", "{ agreement(id: \"msft-openai-ip-license\") { title } }"))
                .post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"))
                .body("errors[0].message", matchesPattern(".*Dealgraph-Bookmark header.*"));
        // Well-formed but unknown to the database: Neo4j says so; the client learns it, nothing hangs.
        given().contentType("application/json").header(GraphSessions.BOOKMARK_HEADER, "FB:notarealbookmark")
                .body(Map.of("query", "{ agreement(id: \"msft-openai-ip-license\") { title } }"))
                .post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"));
    }
}
