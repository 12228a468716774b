package org.dealgraph.testing;

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
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The packaged service (production profile, JSON logs) as a process of its own, its port and its log. */
public record PackagedService(String name, Process process, int port, Path log) {

    public static final String TOKEN = "replica-curator-token";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The tests that start it run after {@code package} ({@code *IT}, by failsafe). */
    public static void assertBuilt() {
        assertTrue(Files.isRegularFile(JAR), "the packaged service (" + JAR + ") is built by `package`, before this test");
    }

    public static PackagedService start(String name, String boltUri) throws IOException {
        var port = Neo4jTestResource.freePort();
        var dir = Files.createDirectories(Path.of("target", "services", name));
        var log = dir.resolve("service.log");
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", JAR.toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        var env = builder.environment();
        env.put("NEO4J_URI", boltUri);
        env.put("NEO4J_USERNAME", Neo4jTestResource.USERNAME);
        env.put("NEO4J_PASSWORD", Neo4jTestResource.PASSWORD);
        env.put("PORT", String.valueOf(port));
        env.put("DEALGRAPH_DATA_DIR", dir.toAbsolutePath().toString());
        env.put("DEALGRAPH_CURATOR_TOKENS", TOKEN);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // Warmed before ready, as deployed, with a few requests: the tests do not measure speed.
        env.put("DEALGRAPH_WARM_UP_REQUESTS", "30");
        env.put("DEALGRAPH_WARM_UP_UNTIL_COMPILED", "false");
        var process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new PackagedService(name, process, port, log);
    }

    /** Asks it to stop (SIGTERM), then kills it if it has not after 20 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        process.destroyForcibly();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public void awaitReady(Duration timeout) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " stopped while starting:\n" + Files.readString(log));
            }
            try {
                var response = HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " was not ready in " + timeout + ":\n" + Files.readString(log));
    }

    public HttpResponse<String> load(String file, String content) throws Exception {
        return HTTP.send(loadRequest(file, content), HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest loadRequest(String file, String content) {
        return HttpRequest.newBuilder(uri("/deals?file=" + file)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "text/plain").header("Accept", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(content)).build();
    }

    public HttpResponse<String> query(String query, String bookmark) throws Exception {
        return query(query, bookmark, null);
    }

    public HttpResponse<String> query(String query, String bookmark, String token) throws Exception {
        var request = HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (bookmark != null) {
            request.header("Dealgraph-Bookmark", bookmark);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public List<JsonNode> logLines() throws IOException {
        var lines = new ArrayList<JsonNode>();
        for (var line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    public long logged(String text) throws IOException {
        return logLines().stream().filter(l -> l.path("message").asText().contains(text)).count();
    }
}
