package org.dealgraph.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dealgraph.testing.LoadsInFlight;
import org.dealgraph.testing.Neo4jProcess;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The packaged service as a process of its own (built here, as {@code ./mvnw package} builds it), against a Neo4j
 * process: the service is killed with SIGKILL in the middle of a large load and nothing of that file stays; and
 * {@code seed/load --neo4j} loads, reloads and rejects straight into Neo4j with the same jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceProcessTest {

    private static final String TOKEN = "process-curator-token";
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Neo4jProcess neo4j;
    private Driver driver;
    private Process service;
    private int port;

    @BeforeAll
    void packageAndStartNeo4j() throws Exception {
        // Always from the sources under test, never a jar left from an earlier build.
        var build = new ProcessBuilder(List.of("./mvnw", "-q", "-B", "package", "-DskipTests"))
                .redirectErrorStream(true).redirectOutput(Path.of("target", "service-process-build.log").toFile()).start();
        assertTrue(build.waitFor(10, TimeUnit.MINUTES), "the package build finished");
        assertEquals(0, build.exitValue(), () -> "package build failed: " + read(Path.of("target", "service-process-build.log")));
        neo4j = new Neo4jProcess(Neo4jTestResource.newDirectory("service-process"), Neo4jTestResource.freePort()).start();
        driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic(Neo4jTestResource.USERNAME, Neo4jTestResource.PASSWORD));
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
        if (driver != null) {
            driver.close();
        }
        if (neo4j != null) {
            neo4j.close();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void startService() throws Exception {
        port = Neo4jTestResource.freePort();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "-Xmx1g", "-Dquarkus.http.port=" + port, "-Ddealgraph.seed.on-startup=false",
                "-Dquarkus.log.level=WARN", "-jar", JAR.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Path.of("target", "service-process.log").toFile());
        builder.environment().put("NEO4J_URI", neo4j.boltUri());
        builder.environment().put("NEO4J_PASSWORD", Neo4jTestResource.PASSWORD);
        builder.environment().put("DEALGRAPH_CURATOR_TOKENS", TOKEN);
        service = builder.start();
        for (int attempt = 0; attempt < 120; attempt++) {
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the service did not start: " + read(Path.of("target", "service-process.log")));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> load(String name, String content) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/deals?file=" + name))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/plain").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(content)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKilledServiceLeavesNothingOfTheFileItWasLoading() throws Exception {
        startService();
        var acknowledged = LoadsInFlight.synthetic(30, 100, 3).replace("syn-", "kept-").replace("news.example.org/deals/", "news.example.org/kept/");
        var first = load("kept.json", acknowledged);
        assertEquals(200, first.statusCode(), first.body());
        var before = TestGraph.checksum(driver);

        var large = LoadsInFlight.synthetic(2_000, 30_000, 13);
        var inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return load("large.json", large).statusCode();
            } catch (Exception e) {
                return -1;
            }
        });
        assertTrue(LoadsInFlight.agreementsBeingWritten(driver), "the large load was seen writing before the kill");
        service.destroyForcibly();
        assertTrue(service.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(200, inFlight.get(), "a load cut short is not acknowledged");

        // Neo4j rolls back the transaction of a connection that is gone.
        for (int attempt = 0; attempt < 100 && running() > 0; attempt++) {
            Thread.sleep(100);
        }
        assertEquals(0, TestGraph.count(driver, "MATCH (a:Agreement) WHERE a.id STARTS WITH 'syn-' RETURN count(a)"));
        assertEquals(before, TestGraph.checksum(driver), "exactly what was acknowledged");

        startService();
        var again = load("large.json", large);
        assertEquals(200, again.statusCode(), () -> again.body().substring(0, Math.min(400, again.body().length())));
        assertEquals(30_000, TestGraph.count(driver, "MATCH (a:Agreement) WHERE a.id STARTS WITH 'syn-' RETURN count(a)"));
        service.destroy();
        service.waitFor(30, TimeUnit.SECONDS);
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

    private long running() {
        try (var session = driver.session()) {
            return session.run("SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW' RETURN count(*)")
                    .single().get(0).asLong();
        }
    }
}
