package org.dealgraph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.dealgraph.database.EmbeddedNeo4j;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.neo4j.Neo4jContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the service under test a real Neo4j, as an external database: an embedded Neo4j on a free port by
 * default, or Testcontainers' Neo4j when {@code -Ddealgraph.test.neo4j=testcontainers} and Docker is there.
 * One database serves the whole test run; tests clean the graph with {@link TestGraph}.
 */
public class Neo4jTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String USERNAME = "neo4j";
    public static final String PASSWORD = "dealgraph-test";

    private static final Logger LOG = Logger.getLogger(Neo4jTestResource.class);
    private static String boltUri;

    @Override
    public synchronized Map<String, String> start() {
        if (boltUri == null) {
            boltUri = "testcontainers".equals(System.getProperty("dealgraph.test.neo4j")) && dockerAvailable()
                    ? startContainer()
                    : startEmbedded();
        }
        return Map.of(
                "dealgraph.database.uri", boltUri,
                "quarkus.neo4j.uri", boltUri,
                "quarkus.neo4j.authentication.username", USERNAME,
                "quarkus.neo4j.authentication.password", PASSWORD);
    }

    @Override
    public void stop() {
        // Shared by every test class of the run; a JVM shutdown hook stops it.
    }

    public static String boltUri() {
        return boltUri;
    }

    private static boolean dockerAvailable() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return true;
        }
        LOG.warn("Testcontainers' Neo4j was asked for, but there is no Docker engine: using the embedded Neo4j");
        return false;
    }

    @SuppressWarnings("resource")
    private static String startContainer() {
        var container = new Neo4jContainer("neo4j:5.26").withAdminPassword(PASSWORD);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return container.getBoltUrl();
    }

    private static String startEmbedded() {
        var server = EmbeddedNeo4j.start(embeddedSettings(newDirectory("shared"), freePort()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server.boltUri();
    }

    /**
     * What one transaction may hold on the test servers: far more than any test's load, far less than the heap. The
     * benchmark gives its loads the service's own default (2 GB).
     */
    public static final long TRANSACTION_MEMORY_MAX = org.neo4j.io.ByteUnit.parse(System.getProperty("dealgraph.test.transaction-memory", "512m"));

    public static EmbeddedNeo4j.Settings embeddedSettings(Path directory, int port) {
        return new EmbeddedNeo4j.Settings(directory, "127.0.0.1", port, true, USERNAME, PASSWORD,
                org.neo4j.io.ByteUnit.parse(System.getProperty("dealgraph.test.pagecache", "64m")), Duration.ofSeconds(600),
                TRANSACTION_MEMORY_MAX, 0, Boolean.getBoolean("dealgraph.test.transaction-state-off-heap"));
    }

    public static Path newDirectory(String name) {
        try {
            var parent = Files.createDirectories(Path.of("target", "neo4j-test"));
            return Files.createTempDirectory(parent, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
