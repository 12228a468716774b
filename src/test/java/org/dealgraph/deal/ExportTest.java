package org.dealgraph.deal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.LoadsInFlight;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Export, then load into an empty database: the same graph, node by node, for the seed and a 10k generated graph. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class ExportTest {

    @Inject
    Driver driver;

    @Inject
    DealService deals;

    @Inject
    SeedLoader seed;

    @AfterAll
    static void seedAgain() {
        SeedGraph.invalidate();
    }

    @Test
    void theSeedGraphComesBackFromItsExport() {
        TestGraph.clean(driver);
        seed.loadAll();
        roundTrip("seed");
    }

    @Test
    void aGeneratedGraphOf10kAgreementsComesBackFromItsExport() {
        TestGraph.clean(driver);
        deals.load("generated.json", LoadsInFlight.synthetic(1_000, 10_000, 7), false);
        roundTrip("generated");
    }

    @Test
    void oneCompanysDealsLoadIntoAnEmptyGraph() {
        TestGraph.clean(driver);
        seed.loadAll();
        var awsDeals = TestGraph.count(driver, "MATCH (:Company {id: 'aws'})-[:PARTY_TO]->(a:Agreement) RETURN count(a)");
        var yaml = export("?company=aws");
        TestGraph.clean(driver);
        var loaded = load("aws.yaml", yaml);
        assertTrue(loaded.contains("\"LOADED\""), loaded);
        assertEquals(awsDeals, TestGraph.count(driver, "MATCH (a:Agreement) RETURN count(a)"));
        given().get("/deals/export").then().statusCode(401);
    }

    private void roundTrip(String what) {
        var before = TestGraph.exportChecksum(driver);
        var beforeLines = TestGraph.exportLines(driver);
        var yaml = export("");
        TestGraph.clean(driver);
        var loaded = load(what + "-export.yaml", yaml);
        assertTrue(loaded.contains("\"LOADED\""), loaded.substring(0, Math.min(3000, loaded.length())));
        var afterLines = TestGraph.exportLines(driver);
        var lost = new java.util.ArrayList<>(beforeLines);
        lost.removeAll(afterLines);
        var gained = new java.util.ArrayList<>(afterLines);
        gained.removeAll(beforeLines);
        assertEquals(before, TestGraph.exportChecksum(driver), what + ": the graph loaded from the export differs; lost "
                + lost.subList(0, Math.min(3, lost.size())) + "\n GAINED " + gained.subList(0, Math.min(3, gained.size())));
        var again = export("");
        if (!yaml.equals(again)) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", what + "-export-1.yaml"), yaml);
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", what + "-export-2.yaml"), again);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertEquals(yaml, again, what + ": exporting again gives the same file (target/" + what + "-export-*.yaml)");
        assertTrue(yaml.startsWith("# dealgraph export"));
    }

    /** A file is UTF-8 text; RestAssured would send text/plain as ISO-8859-1 unless told. */
    private static String load(String name, String yaml) {
        return given().header("Authorization", "Bearer " + Curator.TOKEN).contentType("text/plain; charset=utf-8")
                .accept("application/json").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("file", name).post("/deals").then().extract().asString();
    }

    private static String export(String query) {
        return given().header("Authorization", "Bearer " + Curator.TOKEN).get("/deals/export" + query).then().statusCode(200)
                .extract().asString();
    }
}
