package org.dealgraph.hardening;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.LoadsInFlight;
import org.dealgraph.testing.OwnNeo4jProcess;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The database process is killed ({@code kill -9}) while a large load's transaction writes (seen in SHOW TRANSACTIONS
 * by the file name in its metadata, linking the agreements it has created) and started again on the same store: the
 * graph then holds exactly the loads that were acknowledged, the interrupted file not at all.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(OwnNeo4jProcess.class)
class CrashTest {

    @Inject
    Driver driver;

    @Test
    void aKilledDatabaseKeepsExactlyTheAcknowledgedLoads() throws Exception {
        var neo4j = OwnNeo4jProcess.neo4j();
        var acknowledged = LoadsInFlight.synthetic(50, 200, 7).replace("syn-", "ack-").replace("news.example.org/deals/", "news.example.org/ack/");
        Curator.loadFile(Curator.TOKEN, "acknowledged.json", acknowledged, false).statusCode(200).body("outcome", equalTo("LOADED"));
        assertEquals(200, TestGraph.count(driver, "MATCH (a:Agreement) WHERE a.id STARTS WITH 'ack-' RETURN count(a)"), "the acknowledged load is there before the kill");
        var before = TestGraph.checksum(driver);
        var agreementsBefore = TestGraph.count(driver, "MATCH (a:Agreement) RETURN count(a)");

        var large = LoadsInFlight.synthetic(600, AGREEMENTS, 11);
        var load = CompletableFuture.supplyAsync(() -> Curator.loadFile(Curator.TOKEN, "large.json", large, false).extract());
        LoadsInFlight.Writing writing;
        try (var observer = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic(Neo4jTestResource.USERNAME, Neo4jTestResource.PASSWORD))) {
            // Killed only once the load's own transaction links the agreements it has created: mid-transaction.
            writing = LoadsInFlight.agreementsBeingLinked(observer, "large.json", Duration.ofSeconds(120));
            assertTrue(writing.activeLocks() > 0, writing::toString);
            neo4j.kill();
        }
        var answer = load.get();
        assertEquals(503, answer.statusCode(), () -> "an interrupted load is not acknowledged: " + answer.asString());
        assertEquals("DATABASE_UNAVAILABLE", answer.jsonPath().getString("code"), answer::asString);

        neo4j.start();
        waitUntilReady();
        try (var session = driver.session()) {
            session.run("CALL db.awaitIndexes(300)").consume();
        }
        assertEquals(agreementsBefore, TestGraph.count(driver, "MATCH (a:Agreement) RETURN count(a)"));
        assertEquals(200, TestGraph.count(driver, "MATCH (a:Agreement) WHERE a.id STARTS WITH 'ack-' RETURN count(a)"), "the acknowledged load survives");
        assertEquals(0, TestGraph.count(driver, "MATCH (n) WHERE n.id STARTS WITH 'syn-' RETURN count(n)"),
                () -> "no node of the file written by transaction " + writing.transactionId() + " before the kill");
        assertEquals(0, TestGraph.count(driver, "MATCH (s:Source) WHERE s.url CONTAINS 'news.example.org/deals/' RETURN count(s)"), "none of its sources");
        assertEquals(before, TestGraph.checksum(driver), "the graph is exactly what was acknowledged before the crash");

        // The same file loads whole once the database is back.
        var reload = Curator.loadFile(Curator.TOKEN, "large.json", large, false).extract();
        assertEquals(200, reload.statusCode(), () -> reload.asString().substring(0, Math.min(500, reload.asString().length())));
        assertEquals(AGREEMENTS, TestGraph.count(driver, "MATCH (a:Agreement) WHERE a.id STARTS WITH 'syn-' RETURN count(a)"));
    }

    private static final int AGREEMENTS = 8_000;

    private static void waitUntilReady() throws InterruptedException {
        for (int attempt = 0; attempt < 120; attempt++) {
            if (given().get("/q/health/ready").then().extract().statusCode() == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the service did not become ready again");
    }
}
