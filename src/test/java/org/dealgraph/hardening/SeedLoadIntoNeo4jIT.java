package org.dealgraph.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dealgraph.testing.Neo4jProcess;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.PackagedService;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * {@code seed/load --neo4j} loads, reloads and rejects straight into a Neo4j process with the packaged service's jar,
 * no service running. (A service killed in the middle of a load is {@code ReplicasIT}'s.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedLoadIntoNeo4jIT {

    private Neo4jProcess neo4j;
    private Driver driver;

    @BeforeAll
    void startNeo4j() {
        PackagedService.assertBuilt();
        neo4j = new Neo4jProcess(Neo4jTestResource.newDirectory("seed-load-direct"), Neo4jTestResource.freePort()).start();
        driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic(Neo4jTestResource.USERNAME, Neo4jTestResource.PASSWORD));
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.close();
        }
        if (neo4j != null) {
            neo4j.close();
        }
    }

    @Test
    void seedLoadStraightIntoNeo4j() throws Exception {
        var file = Files.createTempFile(Path.of("target"), "direct-", ".yaml");
        Files.writeString(file, """
                sources:
                  - {id: direct-src, url: "https://example.com/direct", publisher: Example}
                companies:
                  - {id: direct-a, name: Direct A, kinds: [AI_LAB]}
                  - {id: direct-b, name: Direct B, kinds: [CLOUD_PROVIDER]}
                agreements:
                  - id: direct-deal
                    kind: COMPUTE_COMMITMENT
                    title: Loaded without the service
                    parties: [{company: direct-a, role: CUSTOMER}, {company: direct-b, role: PROVIDER}]
                    announced: 2026-01-15
                    money: USD 1B
                    sources: [{source: direct-src, confidence: STATED}]
                """);
        var loaded = seedLoad(file);
        assertEquals(0, loaded.exit(), loaded.output());
        assertTrue(loaded.output().contains(": LOADED, 4 added, 0 changed, 0 unchanged, 1 agreements"), loaded.output());
        assertEquals(1, TestGraph.count(driver, "MATCH (a:Agreement {id: 'direct-deal'}) RETURN count(a)"));
        var before = TestGraph.checksum(driver);

        var again = seedLoad(file);
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains(": UNCHANGED, 0 added, 0 changed, 4 unchanged"), again.output());

        Files.write(file, new byte[] {'x', ':', ' ', (byte) 0xff, '\n'});
        var rejected = seedLoad(file);
        assertEquals(1, rejected.exit(), rejected.output());
        assertTrue(rejected.output().contains("REJECTED, nothing written") && rejected.output().contains("not valid UTF-8"), rejected.output());
        assertEquals(before, TestGraph.checksum(driver));
    }

    private record Run(int exit, String output) {
    }

    private Run seedLoad(Path file) throws Exception {
        var process = new ProcessBuilder("bash", "seed/load", "--neo4j", neo4j.boltUri(), "--user", Neo4jTestResource.USERNAME,
                "--password", Neo4jTestResource.PASSWORD, file.toString()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }
}
