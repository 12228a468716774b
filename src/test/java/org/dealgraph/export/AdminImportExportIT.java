package org.dealgraph.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dealgraph.testing.Neo4jProcess;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.PackagedService;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A first load of an external server the way docs/curators.md tells it: {@code seed/export --format neo4j-admin} gets the
 * packaged service's graph as the files of {@code neo4j-admin database import full}; their {@code import.sh} runs Neo4j's import tool (the
 * real one, from the Neo4j jars this project already has) into a new database; that database holds the same graph,
 * node by node, and the packaged service started against it migrates it and answers as the original did.
 */
class AdminImportExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every type a property can have, and strings that CSV must quote: the import must give each back unchanged. */
    private static final String PROBE = """
            CREATE (p:Probe:Curated {text: 'a "quoted", comma\nsecond line; ü ✓', empty: '', count: 42, share: 1.5, exact: 0.1,
                    big: 9007199254740993, yes: true, day: date('2026-04-26'),
                    at: datetime('2026-04-26T10:15:30.123456789+02:00[Europe/Berlin]'), utc: datetime('2026-01-01T00:00Z'),
                    local: localdatetime('2026-04-26T10:15'), clock: time('10:15:30+01:00'), wall: localtime('10:15'),
                    span: duration('P1Y2M3DT4H5M6.5S'), place: point({x: 1.5, y: -2.5}), globe: point({latitude: 55.6, longitude: 12.9}),
                    words: ['a;b', 'c,d', 'e"f', ''], numbers: [1, 2, 3], shares: [0.5], flags: [true, false],
                    days: [date('2026-01-01')], none: []})
            CREATE (u {note: 'a node without a label'})
            CREATE (p)-[:PROBES {since: date('2026-01-01'), weight: 0.25, tags: ['x', 'y']}]->(u)
            CREATE (p)-[:PROBES]->(p)""";

    private static final List<String> QUERIES = List.of(
            "{ agreement(id: \"aws-openai-compute-2025\") { totalValue(asOf: \"2026-05-01\") { committed { text } basis { rule inputs { agreementId detail } } } } }",
            "{ retractions(fact: \"aws-openai-expansion-2026\") { totalCount nodes { kind reason active } } }",
            "{ company(id: \"microsoft\") { name aliases agreementsConnection(first: 50) { totalCount nodes { id title } } } }",
            "{ search(text: \"Bedrock\") { id } }");

    private static Neo4jProcess source;
    private static Neo4jProcess copy;
    private static PackagedService origin;
    private static PackagedService onCopy;

    @AfterAll
    static void stop() throws Exception {
        for (var service : new PackagedService[] { origin, onCopy }) {
            if (service != null) {
                service.stop();
            }
        }
        for (var neo4j : new Neo4jProcess[] { source, copy }) {
            if (neo4j != null) {
                neo4j.close();
            }
        }
    }

    @Test
    void anExportImportsWithNeo4jAdminIntoANewServerThatDealgraphThenServes() throws Exception {
        PackagedService.assertBuilt();
        source = new Neo4jProcess(Neo4jTestResource.newDirectory("import-source"), Neo4jTestResource.freePort()).start();
        origin = PackagedService.start("import-origin", source.boltUri());
        origin.awaitReady(Duration.ofMinutes(3));
        var retracted = origin.query("mutation { retractFact(fact: {agreement: \"aws-openai-expansion-2026\"}, reason: \"never signed\") { id } }",
                null, PackagedService.TOKEN);
        assertTrue(retracted.body().contains("\"retractFact\":{\"id\""), retracted.body());
        List<String> before;
        try (var driver = driver(source)) {
            driver.executableQuery(PROBE).execute();
            before = TestGraph.lines(driver);
        }

        // The curator's command: seed/export downloads the files and unpacks them.
        var files = Neo4jTestResource.newDirectory("import-files");
        var exportLog = files.resolveSibling(files.getFileName() + ".log");
        var exporter = new ProcessBuilder("bash", "seed/export", "--url", origin.uri("").toString(), "--token", PackagedService.TOKEN,
                "--format", "neo4j-admin", "--out", files.toString()).redirectErrorStream(true).redirectOutput(exportLog.toFile()).start();
        assertTrue(exporter.waitFor(2, TimeUnit.MINUTES), "the export finished");
        assertEquals(0, exporter.exitValue(), () -> read(exportLog));
        assertTrue(read(exportLog).contains("Agreement: 36"), read(exportLog));
        var script = Files.readString(files.resolve("import.sh"));
        assertTrue(script.contains("--multiline-fields=true"), "a string with a line break needs the importer told so");
        assertTrue(script.contains("#   :Curated:Probe: 1") && script.contains("#   (no label): 1"), script);

        var home = Neo4jTestResource.newDirectory("import-copy");
        var log = home.resolve("import.log");
        var run = new ProcessBuilder("sh", files.resolve("import.sh").toString(), "--max-off-heap-memory=256m")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        run.environment().put("NEO4J_ADMIN", neo4jAdmin(home).toString());
        run.environment().put("NEO4J_HOME", home.toAbsolutePath().toString());
        var importer = run.start();
        assertTrue(importer.waitFor(3, TimeUnit.MINUTES), "the import finished");
        assertEquals(0, importer.exitValue(), () -> "neo4j-admin database import full failed:\n" + read(log));
        assertTrue(read(log).contains("IMPORT DONE"), read(log));

        copy = new Neo4jProcess(home, Neo4jTestResource.freePort()).start();
        try (var driver = driver(copy)) {
            // What cypher-shell -f does with the file: each statement on its own, in an auto-commit transaction.
            assertTrue(script.contains("cypher-shell -d <database> -f after-import.cypher"), script);
            try (var session = driver.session()) {
                for (var statement : Files.readString(files.resolve("after-import.cypher")).split(";\n")) {
                    if (!statement.isBlank()) {
                        session.run(statement).consume();
                    }
                }
            }
            TestGraph.assertSameLines(before, TestGraph.lines(driver), "the imported graph differs from the exported one");
            onCopy = PackagedService.start("import-on-copy", copy.boltUri());
            onCopy.awaitReady(Duration.ofMinutes(3));
            long migrations;
            try (var scripts = Files.list(Path.of("graph/migrations"))) {
                migrations = scripts.filter(f -> f.toString().endsWith(".cypher")).count();
            }
            assertEquals(migrations, onCopy.logged("Applied migration"), "the new server's first dealgraph creates constraints and indexes");
            assertEquals(0, onCopy.logged(": LOADED"), "the seed, already in the imported graph, is not written again");
            assertTrue(driver.executableQuery("SHOW CONSTRAINTS YIELD name WHERE name = 'agreement_id' RETURN count(*) AS n")
                    .execute().records().get(0).get("n").asLong() == 1);
            TestGraph.assertSameLines(before, TestGraph.lines(driver), "starting dealgraph on the imported graph changed it");
        }
        for (var query : QUERIES) {
            // Each server names the revision it read in extensions; the answers are the rest.
            var expected = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(origin.query(query, null).body());
            assertTrue(!expected.has("errors"), expected::toString);
            var actual = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(onCopy.query(query, null).body());
            expected.remove("extensions");
            actual.remove("extensions");
            assertEquals(expected, actual, query);
        }
    }

    /** neo4j-admin as the export's script calls it: Neo4j's own command-line entry point, from this classpath. */
    private static Path neo4jAdmin(Path home) throws IOException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java");
        var script = home.resolve("neo4j-admin");
        Files.writeString(script, "#!/bin/sh\nexec '%s' -Xmx512m -cp '%s' org.neo4j.cli.AdminTool \"$@\"\n"
                .formatted(java, System.getProperty("java.class.path")));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toAbsolutePath();
    }

    private static Driver driver(Neo4jProcess neo4j) {
        return GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic(Neo4jTestResource.USERNAME, Neo4jTestResource.PASSWORD));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
