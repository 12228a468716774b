package org.dealgraph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.dealgraph.seed.SeedLoader;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.DealFiles;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code seed/load} against the running service, as a curator would run it. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class SeedScriptTest {

    @Inject
    Driver driver;

    @Inject
    DealService deals;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void companiesOnly() {
        SeedGraph.invalidate();
        TestGraph.clean(driver);
        var companies = SeedLoader.files().get(0);
        deals.load(companies.name(), companies.content(), false);
    }

    private record Run(int exit, String output) {
    }

    private Run seedLoad(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("bash", "seed/load", "--url", "http://localhost:" + port, "--token", Curator.TOKEN));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    @Test
    void aHandWrittenFileLoadsDryRunsAndReloadsThroughTheScript() throws Exception {
        var file = Files.createTempFile(Path.of("target"), "xai-", ".yaml");
        Files.writeString(file, DealFiles.XAI_ORACLE);

        var dry = seedLoad("--dry-run", file.toString());
        assertEquals(0, dry.exit(), dry.output());
        assertTrue(dry.output().contains(": DRY_RUN, 3 added, 0 changed, 0 unchanged, 1 agreements"), dry.output());
        assertEquals(0, TestGraph.count(driver, "MATCH (a:Agreement {id: 'xai-oracle-compute-2026'}) RETURN count(a)"));

        var load = seedLoad(file.toString());
        assertEquals(0, load.exit(), load.output());
        assertTrue(load.output().contains(": LOADED, 3 added, 0 changed, 0 unchanged, 1 agreements"), load.output());

        var again = seedLoad(file.toString());
        assertTrue(again.output().contains(": UNCHANGED, 0 added, 0 changed, 3 unchanged"), again.output());
    }

    @Test
    void aRejectedFileExitsNonZeroWithItsReasons() throws Exception {
        var file = Files.createTempFile(Path.of("target"), "partial-", ".yaml");
        Files.writeString(file, DealFiles.ONE_BAD_ROW);
        var run = seedLoad(file.toString());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("REJECTED, nothing written"), run.output());
        assertTrue(run.output().contains("agreements[1].parties[1].company: no company 'no-such-company'"), run.output());
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        var process = new ProcessBuilder("bash", "seed/load", "--url", "http://localhost:" + port, "--token", "wrong",
                "seed/deals/00-companies.yaml").redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.waitFor(), output);
        assertTrue(output.contains("no valid credential"), output);
    }
}
