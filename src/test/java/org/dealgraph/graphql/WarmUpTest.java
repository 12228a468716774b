package org.dealgraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Before it says it is ready, the service has asked itself the common questions, at least as many times as configured
 * and then on while the JIT is busy, here always (a share of 0: any compiling counts), so until the deadline.
 * The seed is loaded at start, not by the tests: a test cleaning and reloading the graph while the warm-up picks what
 * to ask would leave it nothing to ask.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(WarmUpTest.Warmed.class)
@WithTestResource(Neo4jTestResource.class)
class WarmUpTest {

    public static class Warmed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dealgraph.warm-up.requests", "45", "dealgraph.warm-up.until-compiled", "true",
                    "dealgraph.warm-up.compiling-share", "0", "dealgraph.warm-up.seconds", "8", "dealgraph.seed.on-startup", "true");
        }
    }

    @Test
    void readinessWaitsForTheWarmUp() throws InterruptedException {
        // The seed is loaded at start here, so the warm-up has questions to ask; readiness turns UP once it is over.
        for (int i = 0; i < 300 && given().get("/q/health/ready").statusCode() != 200; i++) {
            Thread.sleep(100);
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("warm-up"))
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warm-up' }.data.requests", greaterThan(45))
                .body("checks.find { it.name == 'warm-up' }.data.endedBy", equalTo("seconds"));
    }

    /** The warm-up discards its answers: each question it asks must be one the service answers without an error. */
    @Test
    void everyQuestionOfTheWarmUpIsAnswered() {
        var variables = Map.<String, Object>of("id", "msft-openai-ip-license", "company", "openai", "party", "openai", "at", java.time.OffsetDateTime.now().toString());
        var queries = new java.util.ArrayList<>(java.util.List.of(WarmUp.LOOK_UP, WarmUp.NESTED, WarmUp.PAGE));
        queries.addAll(WarmUp.AS_KNOWN);
        for (var query : queries) {
            var body = org.dealgraph.testing.GraphQL.post(query, query.contains("$at") ? variables
                    : query.contains("$id") ? Map.of("id", query == WarmUp.NESTED ? "openai" : "msft-openai-ip-license") : Map.of())
                    .statusCode(200).extract().jsonPath();
            org.junit.jupiter.api.Assertions.assertNull(body.get("errors"), () -> query + " answered " + body.prettify());
        }
    }
}
