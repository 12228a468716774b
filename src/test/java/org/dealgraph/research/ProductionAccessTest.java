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
            return Map.of("dealgraph.seed.on-startup", "false",
                    "dealgraph.auth.reader-tokens", "reader-a,reader-burst,reader-slow,reader-other,sha256:" + HASHED_READER,
                    "dealgraph.cypher.rate-limit", "5",
                    "dealgraph.cypher.max-concurrent", "1",
                    "dealgraph.cypher.timeout", "4s",
                    "dealgraph.cypher.username", "researcher",
                    "dealgraph.cypher.password", "research-password-1",
                    "dealgraph.graphql.timeout", "1s",
                    "quarkus.http.limits.max-body-size", "64K");
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
        var refused = cypher("reader-burst", "RETURN 1").statusCode(429)
                .body("error.code", equalTo("LIMIT_EXCEEDED"))
                .body("error.limit", equalTo("rate"))
                .extract();
        assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0, refused.header("Retry-After"));
        // Another client is not held back by this one's burst.
        cypher("reader-other", "RETURN 1").statusCode(200);
    }

    @Test
    void statementsRunAsTheResearchersDatabaseUserAndConcurrencyIsCapped() throws Exception {
        var slow = CompletableFuture.supplyAsync(() -> cypher("reader-slow", SLOW).extract().statusCode());
        try {
            runsAsResearcherAndHoldsTheOnlySlot();
        } finally {
            assertEquals(408, slow.get(), "the slow statement ends at its time limit");
        }
    }

    private void runsAsResearcherAndHoldsTheOnlySlot() throws InterruptedException {
        String user = null;
        for (int attempt = 0; attempt < 40 && user == null; attempt++) {
            try (var session = driver.session()) {
                var running = session.run("SHOW TRANSACTIONS YIELD username, currentQuery WHERE currentQuery STARTS WITH 'UNWIND range(1, 2000000001)' RETURN username")
                        .list(r -> r.get(0).asString());
                user = running.isEmpty() ? null : running.get(0);
            }
            if (user == null) {
                Thread.sleep(100);
            }
        }
        assertEquals("researcher", user, "the endpoint signs in as its own database user");
        var refused = cypher("reader-other", "RETURN 1").statusCode(429)
                .body("error.code", equalTo("LIMIT_EXCEEDED"))
                .body("error.limit", equalTo("concurrency"))
                .extract();
        assertEquals("1", refused.header("Retry-After"));
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
