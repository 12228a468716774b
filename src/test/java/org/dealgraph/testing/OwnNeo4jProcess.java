package org.dealgraph.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on a Neo4j of its own, run as a separate process the tests may kill and start again (CrashTest,
 * DatabaseFaultTest): one profile for both, so Quarkus starts the service for them once.
 */
public class OwnNeo4jProcess implements QuarkusTestProfile {

    private static final int PORT = Neo4jTestResource.freePort();
    private static final Path DIRECTORY = Neo4jTestResource.newDirectory("own-process");
    private static Neo4jProcess neo4j;

    public static synchronized Neo4jProcess neo4j() {
        if (neo4j == null) {
            neo4j = new Neo4jProcess(DIRECTORY, PORT).start();
            Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close));
        }
        return neo4j;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        var uri = neo4j().boltUri();
        // The crash test's reload after the restart loads thousands of agreements into a database that has just
        // recovered: it may take longer than the default 30 s a test request waits; its speed is not what is tested.
        return Map.of("dealgraph.database.uri", uri, "quarkus.neo4j.uri", uri,
                "quarkus.neo4j.authentication.password", Neo4jTestResource.PASSWORD,
                "dealgraph.seed.on-startup", "true", "quarkus.http.test-timeout", "300s");
    }
}
