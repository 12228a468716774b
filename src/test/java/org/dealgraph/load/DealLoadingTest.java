package org.dealgraph.load;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.dealgraph.seed.SeedLoader;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.DealFiles;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Loading deal files over HTTP into a real Neo4j: reports, idempotence, atomicity, concurrency, history. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class DealLoadingTest {

    @Inject
    Driver driver;

    @Inject
    DealService deals;

    @BeforeEach
    void companiesOnly() {
        SeedGraph.invalidate();
        TestGraph.clean(driver);
        var companies = SeedLoader.files().get(0);
        assertEquals(LoadReport.Outcome.LOADED, deals.load(companies.name(), companies.content(), false).outcome());
    }

    @Test
    void aNewFileIsAddedAndReportedThenReloadingChangesNothing() {
        Curator.loadFile(Curator.TOKEN, "xai.yaml", DealFiles.XAI_ORACLE, false).statusCode(200)
                .body("file", equalTo("xai.yaml"))
                .body("outcome", equalTo("LOADED"))
                .body("added", equalTo(3))
                .body("changed", equalTo(0))
                .body("unchanged", equalTo(0))
                .body("agreements", equalTo(1))
                .body("changes.id", hasItem("xai-oracle-compute-2026"));
        var after = TestGraph.checksum(driver);
        Curator.loadFile(Curator.TOKEN, "xai.yaml", DealFiles.XAI_ORACLE, false).statusCode(200)
                .body("outcome", equalTo("UNCHANGED"))
                .body("added", equalTo(0))
                .body("changed", equalTo(0))
                .body("unchanged", equalTo(3));
        assertEquals(after, TestGraph.checksum(driver));

        var data = GraphQL.data("{ company(id: \"xai\") { name } agreement(id: \"xai-oracle-compute-2026\") { money { text } effectiveFrom { text precision } parties { company { id } } } }");
        assertEquals("xAI", data.getString("company.name"), "strings are trimmed");
        assertEquals("USD 20B", data.getString("agreement.money.text"));
        assertEquals("MONTH", data.getString("agreement.effectiveFrom.precision"));
    }

    @Test
    void aDryRunReportsWhatWouldHappenAndWritesNothing() {
        var before = TestGraph.checksum(driver);
        Curator.loadFile(Curator.TOKEN, "xai.yaml", DealFiles.XAI_ORACLE, true).statusCode(200)
                .body("outcome", equalTo("DRY_RUN"))
                .body("added", equalTo(3));
        assertEquals(before, TestGraph.checksum(driver));
    }

    @Test
    void oneInvalidRowRejectsTheWholeFile() {
        var before = TestGraph.checksum(driver);
        Curator.loadFile(Curator.TOKEN, "partial.yaml", DealFiles.ONE_BAD_ROW, false).statusCode(422)
                .body("outcome", equalTo("REJECTED"))
                .body("problems[0].path", equalTo("agreements[1].parties[1].company"))
                .body("problems[0].message", containsString("no company 'no-such-company' in this file or in the graph"));
        assertEquals(before, TestGraph.checksum(driver));
        assertEquals(0, TestGraph.count(driver, "MATCH (a:Agreement {id: 'partial-good-1'}) RETURN count(a)"));
    }

    @Test
    void aDatabaseErrorHalfwayRollsTheWholeFileBack() {
        Curator.loadFile(Curator.TOKEN, "xai.yaml", DealFiles.XAI_ORACLE, false).statusCode(200);
        var before = TestGraph.checksum(driver);
        // Same URL under another source id: the uniqueness constraint on Source.url fails after other writes ran.
        var clash = DealFiles.XAI_ORACLE.replace("id: test-xai-oracle,", "id: test-xai-oracle-copy,")
                .replace("source: test-xai-oracle,", "source: test-xai-oracle-copy,")
                .replace("xai-oracle-compute-2026", "xai-oracle-compute-2026-bis");
        Curator.loadFile(Curator.TOKEN, "clash.yaml", clash, false).statusCode(422)
                .body("outcome", equalTo("REJECTED"))
                .body("problems[0].message", containsString("already"));
        assertEquals(before, TestGraph.checksum(driver));
    }

    @Test
    void eightConcurrentLoadsOfTheSameFileLeaveOneCopy() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            var results = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                Callable<Integer> load = () -> Curator.loadFile(Curator.TOKEN, "xai.yaml", DealFiles.XAI_ORACLE, false)
                        .extract().statusCode();
                results.add(pool.submit(load));
            }
            for (var result : results) {
                assertEquals(200, result.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, TestGraph.count(driver, "MATCH (a:Agreement {id: 'xai-oracle-compute-2026'}) RETURN count(a)"));
        assertEquals(1, TestGraph.count(driver, "MATCH (c:Company {id: 'xai'}) RETURN count(c)"));
        assertEquals(1, TestGraph.count(driver, "MATCH (s:Source {id: 'test-xai-oracle'}) RETURN count(s)"));
        assertEquals(2, TestGraph.count(driver, "MATCH (:Company)-[p:PARTY_TO]->(:Agreement {id: 'xai-oracle-compute-2026'}) RETURN count(p)"));
        assertEquals(1, TestGraph.count(driver, "MATCH (:Agreement {id: 'xai-oracle-compute-2026'})-[r:SOURCED_BY]->() RETURN count(r)"));
        assertEquals(0, TestGraph.count(driver, "MATCH (r:Revision) RETURN count(r)"), "identical loads change nothing");
    }

    @Test
    void aChangedFactKeepsItsPreviousValueWithWhenAndWhence() {
        Curator.loadFile(Curator.TOKEN, "xai.yaml", DealFiles.XAI_ORACLE, false).statusCode(200);
        Curator.loadFile(Curator.TOKEN, "xai-corrected.yaml", DealFiles.XAI_ORACLE_CORRECTED, false).statusCode(200)
                .body("outcome", equalTo("LOADED"))
                .body("added", equalTo(1))
                .body("changed", equalTo(1))
                .body("unchanged", equalTo(2))
                .body("changes.find { it.id == 'xai-oracle-compute-2026' }.change", equalTo("CHANGED"));
        var data = GraphQL.data("""
                { agreement(id: "xai-oracle-compute-2026") { money { text } sources { source { id } }
                    history { recordedFrom replacedBy replacedAt recordedAt properties sourceIds } } }""");
        assertEquals("USD 22.5B", data.getString("agreement.money.text"));
        assertEquals("xai.yaml", data.getString("agreement.history[0].recordedFrom"));
        assertEquals("xai-corrected.yaml", data.getString("agreement.history[0].replacedBy"));
        assertTrue(data.getString("agreement.history[0].properties").contains("\"amount\":\"20000000000\""));
        assertEquals(List.of("test-xai-oracle"), data.getList("agreement.history[0].sourceIds"));
    }

    @Test
    void theGraphqlBulkMutationTakesAWholeFile() {
        Curator.graphql(Curator.TOKEN, "mutation($c: String!) { loadDeals(content: $c, file: \"via-graphql\") { outcome added agreements } }",
                Map.of("c", DealFiles.XAI_ORACLE)).statusCode(200)
                .body("data.loadDeals.outcome", equalTo("LOADED"))
                .body("data.loadDeals.added", equalTo(3));
        Curator.graphql(Curator.TOKEN, "mutation($c: String!) { loadDeals(content: $c, dryRun: true) { outcome problems { path message } } }",
                Map.of("c", DealFiles.ONE_BAD_ROW)).statusCode(200)
                .body("data.loadDeals.outcome", equalTo("REJECTED"))
                .body("data.loadDeals.problems[0].path", equalTo("agreements[1].parties[1].company"));
    }
}
