package org.dealgraph.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dealgraph.database.EmbeddedNeo4j;

/**
 * The test Neo4j in a process of its own, so a test can kill it as a crash would ({@code kill -9}: no shutdown,
 * no flush) and start it again on the same store.
 */
public final class Neo4jProcess implements AutoCloseable {

    private static final String READY = "NEO4J READY";

    private final Path directory;
    private final int port;
    private Process process;

    public Neo4jProcess(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Entry point of the child process: start the server, say so, and serve until killed. */
    public static void main(String[] args) throws InterruptedException {
        var server = EmbeddedNeo4j.start(Neo4jTestResource.embeddedSettings(Path.of(args[0]), Integer.parseInt(args[1])));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join();
    }

    public synchronized Neo4jProcess start() {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            // Neo4j lets transactions use 70% of the heap: the tests' large loads (15,000-30,000 agreements), one transaction each,
            // need a little more than 70% of 1 GB since every fact records who wrote it.
            process = new ProcessBuilder(List.of(java, "-Xmx1536m", "-cp", System.getProperty("java.class.path"),
                    "-Ddealgraph.test.pagecache=" + System.getProperty("dealgraph.test.pagecache", "64m"),
                    Neo4jProcess.class.getName(), directory.toAbsolutePath().toString(), String.valueOf(port)))
                    .redirectErrorStream(true).start();
            var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.contains(READY)) {
                // Neo4j's own start-up lines.
            }
            if (line == null) {
                throw new IllegalStateException("The Neo4j process ended before it was ready (exit " + process.waitFor() + ")");
            }
            // A test class may reach this from two class loaders (a Quarkus test profile and JUnit), and only one of
            // them closes it: the child dies with the test JVM whatever happens.
            var child = process;
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly, "neo4j-process-stop"));
            // Keep reading, or the child blocks once the pipe is full.
            var drain = new Thread(() -> output.lines().forEach(l -> { }), "neo4j-process-output");
            drain.setDaemon(true);
            drain.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: the process gets no chance to shut down or flush anything. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The Neo4j process did not die");
        }
    }

    public String boltUri() {
        return "bolt://127.0.0.1:" + port;
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }
}
