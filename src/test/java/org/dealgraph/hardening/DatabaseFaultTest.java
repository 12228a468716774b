package org.dealgraph.hardening;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.OwnNeo4jProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The database dies (SIGKILL) and comes back under a running service: fail fast, report, recover, lose nothing acknowledged. */
@Tag("slow")
@QuarkusTest
@TestProfile(OwnNeo4jProcess.class)
class DatabaseFaultTest {

    @Test
    void readinessAndRequestsFollowTheDatabaseDownAndBackWithoutLosingAcknowledgedWrites() throws Exception {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Curator.graphql(Curator.TOKEN, "mutation { upsertCompany(company: {id: \"fault-co\", name: \"Acknowledged Before The Fault\"}) { outcome } }", Map.of())
                .statusCode(200).body("data.upsertCompany.outcome", equalTo("LOADED"));

        var neo4j = OwnNeo4jProcess.neo4j();
        neo4j.kill();
        try {
            var started = System.nanoTime();
            GraphQL.post("{ company(id: \"openai\") { name } }").statusCode(200)
                    .body("data.company", equalTo(null))
                    .body("errors[0].extensions.code", equalTo("DATABASE_UNAVAILABLE"))
                    .body("errors[0].message", equalTo("The graph database is unavailable; try again shortly"));
            System.out.printf("request with the database down answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            Curator.graphql(Curator.TOKEN, "mutation { upsertCompany(company: {id: \"fault-co-2\", name: \"Refused\"}) { outcome } }", Map.of())
                    .statusCode(200).body("data.upsertCompany", equalTo(null))
                    .body("errors[0].extensions.code", equalTo("DATABASE_UNAVAILABLE"));
        } finally {
            neo4j.start();
        }

        var recovered = false;
        for (int attempt = 0; attempt < 60 && !recovered; attempt++) {
            recovered = given().get("/q/health/ready").then().extract().statusCode() == 200;
            if (!recovered) {
                Thread.sleep(500);
            }
        }
        assertTrue(recovered, "readiness comes back by itself");
        assertEquals("Acknowledged Before The Fault", GraphQL.data("{ company(id: \"fault-co\") { name } }").getString("company.name"));
        assertEquals("OpenAI", GraphQL.data("{ company(id: \"openai\") { name } }").getString("company.name"));
    }
}
