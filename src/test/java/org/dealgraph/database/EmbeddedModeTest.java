package org.dealgraph.database;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The newcomer's default: no NEO4J_URI, so the service runs Neo4j itself and opens Bolt for researchers. */
@Tag("slow")
@QuarkusTest
@TestProfile(EmbeddedModeTest.EmbeddedMode.class)
class EmbeddedModeTest {

    static final int PORT = Neo4jTestResource.freePort();

    public static class EmbeddedMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dealgraph.database.embedded.bolt-port", String.valueOf(PORT),
                    "dealgraph.database.embedded.directory", Neo4jTestResource.newDirectory("embedded-mode").toString(),
                    "quarkus.neo4j.authentication.password", Neo4jTestResource.PASSWORD,
                    "dealgraph.seed.on-startup", "true");
        }
    }

    @Test
    void theServiceRunsItsOwnNeo4j() {
        given().contentType("application/json")
                .body(Map.of("query", "{ database { mode boltUri edition } }"))
                .post("/graphql")
                .then().statusCode(200)
                .body("data.database.mode", equalTo("EMBEDDED"))
                .body("data.database.boltUri", equalTo("bolt://127.0.0.1:" + PORT))
                .body("data.database.edition", equalTo("community"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aNeo4jClientReadsTheMigratedSchemaOverBolt() {
        try (var driver = GraphDatabase.driver("bolt://127.0.0.1:" + PORT,
                AuthTokens.basic(Neo4jTestResource.USERNAME, Neo4jTestResource.PASSWORD));
                var session = driver.session()) {
            var constraints = session.run("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
                    .single().get("names").asList(v -> v.asString());
            assertTrue(constraints.containsAll(java.util.List.of("company_id", "agreement_id", "source_id")),
                    () -> "constraints: " + constraints);
        }
    }

    @Test
    void aResearchersDriverReadsTheSeedGraphOverBolt() {
        try (var driver = GraphDatabase.driver("bolt://127.0.0.1:" + PORT,
                AuthTokens.basic(Neo4jTestResource.USERNAME, Neo4jTestResource.PASSWORD));
                var session = driver.session(org.neo4j.driver.SessionConfig.builder()
                        .withDefaultAccessMode(org.neo4j.driver.AccessMode.READ).build())) {
            var record = session.run("""
                    MATCH (payer:Company)-[:PARTY_TO {role: 'PAYER'}]->(a:Agreement {id: 'openai-msft-revenue-share'})
                    RETURN payer.name AS payer, a.ratePercent AS rate""").single();
            org.junit.jupiter.api.Assertions.assertEquals("OpenAI", record.get("payer").asString());
            org.junit.jupiter.api.Assertions.assertEquals(20.0, record.get("rate").asDouble());
        }
    }

    @Test
    void boltRefusesAWrongPassword() {
        try (var driver = GraphDatabase.driver("bolt://127.0.0.1:" + PORT, AuthTokens.basic("neo4j", "wrong-password"))) {
            assertThrows(AuthenticationException.class, driver::verifyConnectivity);
        }
    }
}
