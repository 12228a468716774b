package org.dealgraph.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.dealgraph.synthetic.SyntheticDeals;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A write that fails late in a load's one transaction, after thousands of others ran, leaves nothing behind. */
@Tag("hardening")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class AtomicityTest extends SeedGraphTest {

    @Test
    void aConstraintOnlyTheLastAgreementBreaksRollsBackTheWholeFile() throws Exception {
        var out = new ByteArrayOutputStream();
        SyntheticDeals.write(out, 1_000, 3_000, 5);
        var file = out.toString(StandardCharsets.UTF_8).replace("news.example.org/deals/", "news.example.org/atomic/");
        // The loader knows nothing of this constraint, so only the database can stop the last agreement: its title
        // is made the title of an agreement the graph holds already.
        var taken = TestGraph.one(driver, "MATCH (a:Agreement {id: 'aws-openai-compute-2025'}) RETURN a.title");
        var last = file.lastIndexOf("\"title\":\"");
        var end = file.indexOf('"', last + 9);
        file = file.substring(0, last + 9) + taken.replace("\"", "\\\"") + file.substring(end);
        var before = TestGraph.checksum(driver);
        try (var session = driver.session()) {
            // A uniqueness constraint brings its own index: the pages' title index (V0006) makes way for it meanwhile.
            session.run("DROP INDEX agreement_title IF EXISTS").consume();
            session.run("CREATE CONSTRAINT atomicity_test_title IF NOT EXISTS FOR (a:Agreement) REQUIRE a.title IS UNIQUE").consume();
        }
        try {
            var answer = Curator.loadFile(Curator.TOKEN, "late-failure.json", file, false).extract();
            assertEquals(422, answer.statusCode(), () -> answer.asString());
            assertEquals("REJECTED", answer.path("outcome"));
            assertEquals("(graph)", answer.path("problems[0].path"));
            assertTrue(answer.<String>path("problems[0].message").startsWith("the graph refused the file, nothing was written"));
        } finally {
            try (var session = driver.session()) {
                session.run("DROP CONSTRAINT atomicity_test_title IF EXISTS").consume();
                session.run("CREATE INDEX agreement_title IF NOT EXISTS FOR (a:Agreement) ON (a.title)").consume();
                session.run("CALL db.awaitIndexes(60)").consume();
            }
        }
        assertEquals(before, TestGraph.checksum(driver), "not one of the thousands of writes before the failing one stays");
        assertEquals(0, TestGraph.count(driver, "MATCH (n) WHERE n.id STARTS WITH 'syn-' RETURN count(n)"));
    }
}
