package org.dealgraph.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.dealgraph.load.DealService;
import org.dealgraph.seed.SeedLoader;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.LoadsInFlight;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Export, then load into an empty database: the same graph, node by node, for the seed and a generated graph (3,000
 * agreements in the suite; {@code -Ddealgraph.export.agreements=10000} for the size of record).
 */
@Tag("slow")
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
    void aGeneratedGraphComesBackFromItsExport() {
        TestGraph.clean(driver);
        var agreements = Integer.getInteger("dealgraph.export.agreements", 3_000);
        deals.load("generated.json", LoadsInFlight.synthetic(agreements / 10, agreements, 7), false);
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

    @Test
    void theNeo4jAdminFilesAreAskedForCorrectlyAndRefusedForAGraphTheyCannotCarry() throws Exception {
        TestGraph.clean(driver);
        seed.loadAll();
        var zip = given().header("Authorization", "Bearer " + Curator.TOKEN).get("/deals/export?format=neo4j-admin").then()
                .statusCode(200).contentType("application/zip").extract().asByteArray();
        var entries = new java.util.LinkedHashMap<String, String>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        // Import.sh comes last: it knows what the files hold. The service's bookkeeping (labels starting with _) stays out.
        assertEquals("import.sh", List.copyOf(entries.keySet()).get(entries.size() - 1));
        assertTrue(entries.keySet().stream().noneMatch(name -> name.contains("_Load") || name.contains("_Schema")), entries.keySet().toString());
        var script = entries.get("import.sh");
        assertTrue(script.contains("#   :Agreement: 37\n"), script);
        assertTrue(script.contains("'--nodes=Company=nodes/002-Company.header.csv,nodes/002-Company.csv'"), script);
        assertTrue(entries.get("nodes/002-Company.header.csv").startsWith(":ID,aliasText:string,aliases:string[],_list_aliases:string,"),
                entries.get("nodes/002-Company.header.csv"));
        assertTrue(entries.get("after-import.cypher").contains("SET x.`aliases` = CASE"), entries.get("after-import.cypher"));

        given().header("Authorization", "Bearer " + Curator.TOKEN).get("/deals/export?format=csv").then().statusCode(400)
                .body("code", equalTo("BAD_ARGUMENT")).body("message", org.hamcrest.Matchers.containsString("'format'"));
        given().header("Authorization", "Bearer " + Curator.TOKEN).get("/deals/export?format=neo4j-admin&company=aws").then().statusCode(400)
                .body("code", equalTo("BAD_ARGUMENT")).body("message", org.hamcrest.Matchers.containsString("'company'"));
        given().get("/deals/export?format=neo4j-admin").then().statusCode(401);
        given().header("Authorization", "Bearer " + Curator.READER_TOKEN).get("/deals/export?format=neo4j-admin").then().statusCode(403);
        // One header column has one type: a property written as a number here and as text there is refused whole, named.
        try (var session = driver.session()) {
            session.run("MATCH (c:Company {id: 'aws'}) SET c.founded = 2006 WITH 1 AS one MATCH (c:Company {id: 'openai'}) SET c.founded = '2015'").consume();
        }
        given().header("Authorization", "Bearer " + Curator.TOKEN).get("/deals/export?format=neo4j-admin").then().statusCode(409)
                .body("code", equalTo("CONFLICT")).body("message", org.hamcrest.Matchers.containsString("Property 'founded' of :Company"));
    }

    private void roundTrip(String what) {
        var before = TestGraph.exportChecksum(driver);
        var beforeLines = TestGraph.exportLines(driver);
        var yaml = export("");
        TestGraph.clean(driver);
        var loaded = load(what + "-export.yaml", yaml);
        assertTrue(loaded.contains("\"LOADED\""), loaded.substring(0, Math.min(3000, loaded.length())));
        TestGraph.assertSameLines(beforeLines, TestGraph.exportLines(driver), what + ": the graph loaded from the export differs");
        assertEquals(before, TestGraph.exportChecksum(driver));
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
