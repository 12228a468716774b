package org.dealgraph.research;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.database.Graph;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.neo4j.driver.SessionConfig;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * The service as production runs it ({@code prod} profile): {@code /cypher} asks for a token, answers a burst with
 * 429 and {@code Retry-After}, caps statements running at once, signs in to Neo4j as its own database user; nobody
 * can write without a curator token; a GraphQL read past its time limit says which limit it met.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
@TestProfile(ProductionAccessTest.Production.class)
class ProductionAccessTest extends SeedGraphTest {

    /** SHA-256 of "reader-hashed": the configuration holds the digest, the client sends the token. */
    static final String HASHED_READER = "e1b55ac86887f1f3668643523fab3627e650e52ce5a59c59f3c98052d3fa2ecd";
    static final String SLOW = "UNWIND range(1, 2000000001) AS x WITH x WHERE x % 7 = 3 RETURN count(x)";

    public static class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("dealgraph.seed.on-startup", "false"),
                    Map.entry("dealgraph.auth.reader-tokens", "reader-a,reader-burst,reader-slow,reader-slow2,reader-other,sha256:" + HASHED_READER),
                    Map.entry("dealgraph.cypher.rate-limit", "5"),
                    Map.entry("dealgraph.cypher.max-concurrent", "2"),
                    Map.entry("dealgraph.cypher.max-concurrent-per-client", "1"),
                    Map.entry("dealgraph.cypher.timeout", "4s"),
                    Map.entry("dealgraph.cypher.username", "researcher"),
                    Map.entry("dealgraph.cypher.password", "research-password-1"),
                    Map.entry("dealgraph.graphql.timeout", "1s"),
                    Map.entry("dealgraph.graphql.max-body-size", "64K"),
                    Map.entry("dealgraph.cypher.max-body-size", "64K"),
                    Map.entry("quarkus.http.limits.max-body-size", "64K"));
        }
    }

    @Inject
    Graph graph;

    @BeforeEach
    void researcherUserExists() {
        try (var session = driver.session(SessionConfig.forDatabase("system"))) {
            session.run("CREATE USER researcher IF NOT EXISTS SET PLAINTEXT PASSWORD 'research-password-1' CHANGE NOT REQUIRED").consume();
        }
    }

    static ValidatableResponse cypher(String token, String statement) {
        var request = given().contentType("application/json").accept("application/json").body(Map.of("statement", statement));
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.post("/cypher").then();
    }

    @Test
    void cypherNeedsAReaderToken() {
        cypher(null, "RETURN 1").statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error.code", equalTo("UNAUTHORIZED"))
                .body("error.message", containsString("reader token"));
        cypher("not-a-token", "RETURN 1").statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        given().contentType("application/json").header("X-API-Key", "reader-a").body(Map.of("statement", "RETURN 1 AS one"))
                .post("/cypher").then().statusCode(200).body("rows[0][0]", equalTo(1));
        cypher("reader-a", "MATCH (c:Company {id: 'aws'}) RETURN c.name").statusCode(200).body("rows[0][0]", equalTo("AWS"));
        cypher("reader-hashed", "RETURN 1").statusCode(200);
        cypher(HASHED_READER, "RETURN 1").statusCode(401);
    }

    @Test
    void aBurstGets429WithRetryAfter() {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 8; i++) {
            statuses.add(cypher("reader-burst", "RETURN " + i).extract().statusCode());
        }
        assertEquals(java.util.List.of(200, 200, 200, 200, 200, 429, 429, 429), statuses);
        // The limit is the identity's, not the header's text: more spaces, another header form, or junk beside it.
        cypher("  reader-burst   ", "RETURN 1").statusCode(429).body("error.limit", equalTo("rate"));
        given().contentType("application/json").header("X-API-Key", "reader-burst").body(Map.of("statement", "RETURN 1"))
                .post("/cypher").then().statusCode(429).body("error.limit", equalTo("rate"));
        given().contentType("application/json").header("Authorization", "Basic junk").header("X-API-Key", "reader-burst")
                .body(Map.of("statement", "RETURN 1")).post("/cypher").then().statusCode(429).body("error.limit", equalTo("rate"));
        var refused = cypher("reader-burst", "RETURN 1").statusCode(429)
                .body("error.code", equalTo("LIMIT_EXCEEDED"))
                .body("error.limit", equalTo("rate"))
                .extract();
        assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0, refused.header("Retry-After"));
        // Another client is not held back by this one's burst.
        cypher("reader-other", "RETURN 1").statusCode(200);
    }

    @Test
    void statementsRunAsTheResearchersDatabaseUserAndConcurrencyIsCappedPerClientAndInAll() throws Exception {
        var slow = CompletableFuture.supplyAsync(() -> cypher("reader-slow", SLOW).extract().statusCode());
        CompletableFuture<Integer> slow2 = null;
        try {
            assertEquals("researcher", runningAs(1), "the endpoint signs in as its own database user");
            // The slow client holds its share (1 of 2): its next statement waits its turn, another client's runs.
            cypher("reader-slow", "RETURN 1").statusCode(429).body("error.limit", equalTo("client-concurrency"));
            cypher("reader-other", "RETURN 1").statusCode(200);
            // A second slow client takes the last slot: now everyone else is told the service is full.
            slow2 = CompletableFuture.supplyAsync(() -> cypher("reader-slow2", SLOW).extract().statusCode());
            runningAs(2);
            var refused = cypher("reader-other", "RETURN 1").statusCode(429)
                    .body("error.code", equalTo("LIMIT_EXCEEDED"))
                    .body("error.limit", equalTo("concurrency"))
                    .extract();
            assertEquals("1", refused.header("Retry-After"));
        } finally {
            assertEquals(408, slow.get(), "the slow statement ends at its time limit");
            if (slow2 != null) {
                assertEquals(408, slow2.get());
            }
        }
    }

    /** The database user running the slow statement, once {@code count} of them run. */
    private String runningAs(int count) throws InterruptedException {
        for (int attempt = 0; attempt < 60; attempt++) {
            try (var session = driver.session()) {
                var running = session.run("SHOW TRANSACTIONS YIELD username, currentQuery WHERE currentQuery STARTS WITH 'UNWIND range(1, 2000000001)' RETURN username")
                        .list(r -> r.get(0).asString());
                if (running.size() >= count) {
                    return running.get(0);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(count + " slow statements never ran");
    }

    @Test
    void operatorsPagesAndTheDatabasesAddressNeedAToken() {
        given().get("/q/metrics").then().statusCode(401);
        // A token that is no reader's signs in as nobody with no role: refused as such.
        given().header("Authorization", "Bearer not-a-token").get("/q/metrics").then().statusCode(403);
        given().header("Authorization", "Bearer reader-a").get("/q/metrics").then().statusCode(200)
                .body(containsString("dealgraph_graphql_operations_seconds"));
        given().get("/q/graphql-ui/").then().statusCode(401);
        given().header("Authorization", "Bearer reader-a").get("/q/graphql-ui/").then().statusCode(200);
        GraphQL.post("{ database { mode boltUri neo4jVersion edition migrations { version } } }").statusCode(200)
                .body("data.database.boltUri", org.hamcrest.Matchers.nullValue())
                .body("data.database.neo4jVersion", org.hamcrest.Matchers.nullValue());
        Curator.graphql("reader-a", "{ database { neo4jVersion } }", Map.of()).statusCode(200)
                .body("data.database.neo4jVersion", containsString("5."));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void graphqlReadsStayOpenAndNobodyWritesWithoutACuratorToken() {
        assertEquals("AWS", GraphQL.data("{ company(id: \"aws\") { name } }").getString("company.name"));
        var mutation = "mutation { upsertCompany(company: {id: \"prod-co\", name: \"Nobody\"}) { outcome } }";
        Curator.graphql(null, mutation, Map.of()).statusCode(200).body("errors[0].extensions.code", equalTo("UNAUTHORIZED"));
        Curator.graphql("reader-a", mutation, Map.of()).statusCode(200).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Curator.graphql(Curator.TOKEN, mutation, Map.of()).statusCode(200).body("errors[0].extensions.code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void aBodyOverTheLimitGets413AtEveryDoor() {
        var big = "x".repeat(100 * 1024);
        given().contentType("application/json").body("{\"query\": \"{ __typename }\", \"pad\": \"" + big + "\"}").post("/graphql")
                .then().statusCode(413);
        given().contentType("text/plain").header("X-API-Key", "reader-a").body(big).post("/deals").then().statusCode(413);
        given().contentType("application/json").header("X-API-Key", "reader-a").body("{\"statement\": \"RETURN '" + big + "'\"}")
                .post("/cypher").then().statusCode(413);
        given().contentType("application/json").body("{\"query\": \"{ __typename }\"}").post("/graphql").then().statusCode(200);
    }

    @Test
    void aGraphqlReadPastItsTimeLimitSaysWhichLimit() {
        var timeout = assertThrows(ApiErrors.Timeout.class, () -> graph.read(SLOW, Map.of(), r -> r.get(0).asLong()));
        assertEquals("timeout", timeout.getExtensions().get("limit"));
        assertEquals("1000", timeout.getExtensions().get("maximum").toString());
        assertTrue(timeout.getClass().getAnnotation(io.smallrye.graphql.api.ErrorCode.class).value().equals("LIMIT_EXCEEDED"));
    }
}
