package org.dealgraph.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.dealgraph.seed.SeedLoader;
import org.dealgraph.synthetic.SyntheticDeals;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.RandomDealFiles;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Loads that must give the same graph: chunked or whole, generated twice, the seed loaded again. */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class EquivalentLoadsTest {

    @Inject
    Driver driver;

    @Inject
    DealService deals;

    @Inject
    SeedLoader seed;

    private static byte[] generate(int companies, int agreements, long seed) throws Exception {
        var out = new ByteArrayOutputStream();
        SyntheticDeals.write(out, companies, agreements, seed);
        return out.toByteArray();
    }

    private static List<String> parts(int companies, int agreements, long seed, int chunk) throws Exception {
        var streams = new ArrayList<ByteArrayOutputStream>();
        SyntheticDeals.write(part -> {
            var stream = new ByteArrayOutputStream();
            streams.add(stream);
            return stream;
        }, companies, agreements, seed, chunk);
        return streams.stream().map(s -> s.toString(StandardCharsets.UTF_8)).toList();
    }

    @Test
    void generatingIsDeterministic() throws Exception {
        assertArrayEquals(generate(200, 1_000, 42), generate(200, 1_000, 42));
        assertEquals(parts(200, 1_000, 42, 300), parts(200, 1_000, 42, 300));
        assertTrue(!java.util.Arrays.equals(generate(200, 1_000, 42), generate(200, 1_000, 43)), "another seed, another graph");
    }

    @Test
    void aGraphLoadedInPartsEqualsTheSameGraphLoadedWhole() throws Exception {
        SeedGraph.invalidate();
        TestGraph.clean(driver);
        var whole = deals.load("whole.json", new String(generate(300, 2_000, 9), StandardCharsets.UTF_8), false);
        assertEquals(LoadReport.Outcome.LOADED, whole.outcome());
        var wholeGraph = TestGraph.contentChecksum(driver);

        TestGraph.clean(driver);
        var chunks = parts(300, 2_000, 9, 400);
        assertTrue(chunks.size() > 3, "the graph is really cut into parts: " + chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            var report = deals.load("part-" + i + ".json", chunks.get(i), false);
            assertEquals(LoadReport.Outcome.LOADED, report.outcome(), () -> report.problems().toString());
        }
        assertEquals(wholeGraph, TestGraph.contentChecksum(driver));
        assertNotEquals(TestGraph.checksum(driver), TestGraph.contentChecksum(driver), "provenance is left out, not absent");
        TestGraph.clean(driver);
    }

    @Test
    void randomValidFilesLoadAndReloadUnchanged() {
        SeedGraph.invalidate();
        var prefixes = new java.util.HashSet<String>();
        RandomDealFiles.files().sampleStream().filter(f -> prefixes.add(f.prefix())).limit(12).forEach(file -> {
            var yaml = file.yaml();
            var first = deals.load(file.prefix() + ".yaml", yaml, false);
            assertEquals(LoadReport.Outcome.LOADED, first.outcome(), () -> first.problems() + "\n" + yaml);
            var after = TestGraph.checksum(driver);
            var again = deals.load(file.prefix() + ".yaml", yaml, false);
            assertEquals(LoadReport.Outcome.UNCHANGED, again.outcome(), yaml);
            assertEquals(after, TestGraph.checksum(driver), yaml);
            assertEquals(file.agreements().size(), TestGraph.count(driver,
                    "MATCH (a:Agreement) WHERE a.id STARTS WITH '" + file.prefix() + "-ag-' RETURN count(a)"));
        });
    }

    @Test
    void loadingTheSeedAgainChangesNothing() {
        SeedGraph.ensureLoaded(driver, seed);
        var before = TestGraph.checksum(driver);
        for (var file : SeedLoader.files()) {
            var report = deals.load(file.name(), file.content(), false);
            assertEquals(LoadReport.Outcome.UNCHANGED, report.outcome(), file.name());
            assertEquals(0, report.added() + report.changed(), file.name());
        }
        assertEquals(before, TestGraph.checksum(driver), "not even a timestamp moved");
    }
}
