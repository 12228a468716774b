package org.dealgraph.database;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Record;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service's reads run in this process by the embedded database, not through the driver: a look-up takes no
 * connection of the driver's pool; a read carrying a client's bookmark still goes through the driver (which checks
 * it); and what a statement reads in-process is, row by row, what the driver reads over Bolt.
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class InProcessReadsTest extends SeedGraphTest {

    @Inject
    Instance<Embedded> embedded;

    private static final String LOOK_UP = "{ agreement(id: \"msft-openai-ip-license\") { id title parties { company { name } } sources { claim } } }";

    @Test
    void aLookUpTakesNoConnectionOfTheDriversPool() {
        GraphQL.data(LOOK_UP);
        var before = acquired();
        for (int i = 0; i < 5; i++) {
            GraphQL.data(LOOK_UP);
        }
        assertEquals(before, acquired(), "five look-ups acquired no connection of the driver's pool");
        // A client's bookmark is the driver's to check: the read goes through it.
        given().contentType("application/json").header(GraphSessions.BOOKMARK_HEADER, "FB:kcwQnotabookmarkatall")
                .body(Map.of("query", LOOK_UP)).post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"))
                .body("errors[0].message", containsString("names a transaction this database does not know"));
        assertTrue(acquired() > before, "a read with a bookmark went through the driver");
    }

    @Test
    void rowsReadInProcessAreTheRowsTheDriverReads() {
        var reads = embedded.get().reads().orElseThrow();
        for (var statement : List.of(
                "MATCH (a:Agreement) RETURN a.id AS id, " + Agreement.PROJECTION + " AS agreement ORDER BY id",
                "MATCH (c:Company) RETURN c {.*} AS company, [(c)-[s:SOURCED_BY]->(x) | s {.*}] AS claims ORDER BY c.id",
                "MATCH (n:Source|Product|Person|Statement) RETURN labels(n) AS labels, n {.*} AS node ORDER BY n.id",
                "MATCH (r:_Revision) RETURN r.number AS number, r.at AS at, duration.between(r.at, datetime()) IS NOT NULL AS later, "
                        + "date(r.at) AS day, localdatetime(r.at) AS local, 1.5 AS real, null AS nothing, [1, 'a', true] AS mixed ORDER BY number")) {
            var inProcess = reads.read(statement, Map.of(), Duration.ofSeconds(10), Record::asMap);
            List<Map<String, Object>> overBolt;
            try (var session = driver.session()) {
                overBolt = session.executeRead(tx -> tx.run(statement).list(Record::asMap));
            }
            assertTrue(!overBolt.isEmpty(), statement);
            assertEquals(overBolt, inProcess, statement);
        }
    }

    /** Connections the driver's pool has handed out so far, from the service's metrics. */
    private static double acquired() {
        var metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("neo4j_acquired_total")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
