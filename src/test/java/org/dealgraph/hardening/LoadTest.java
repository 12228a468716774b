package org.dealgraph.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.dealgraph.deal.SeedLoader;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A bounded load on loopback: readers and writers at once for a fixed time. It prints its figures; it asserts only
 * that nothing failed, nothing was duplicated and no acknowledged write was lost.
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class LoadTest {

    private static final int READERS = 4;
    private static final int WRITERS = 2;
    private static final long MILLIS = Long.getLong("load.millis", 8_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Driver driver;

    @Inject
    SeedLoader seed;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void readersAndWritersTogether() throws Exception {
        SeedGraph.ensureLoaded(driver, seed);
        SeedGraph.invalidate();
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var reads = new AtomicInteger();
        var failures = new ConcurrentLinkedQueue<String>();
        var acknowledged = new ConcurrentLinkedQueue<String>();
        var deadline = System.currentTimeMillis() + MILLIS;
        var pool = Executors.newFixedThreadPool(READERS + WRITERS);
        var tasks = new ArrayList<java.util.concurrent.Callable<Void>>();
        for (int r = 0; r < READERS; r++) {
            tasks.add(() -> {
                while (System.currentTimeMillis() < deadline) {
                    var body = post(http, null, "{ agreement(id: \"aws-openai-compute-2025\") { totalValue(asOf: \"2026-05-01\") { committed { text } } } companies(first: 5) { totalCount } }");
                    if (!body.contains("USD 138B") || body.contains("\"errors\"")) {
                        failures.add(body);
                    }
                    reads.incrementAndGet();
                }
                return null;
            });
        }
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            tasks.add(() -> {
                int n = 0;
                while (System.currentTimeMillis() < deadline) {
                    var id = "load-co-" + writer + "-" + n++;
                    var body = post(http, Curator.TOKEN, "mutation { upsertCompany(company: {id: \"" + id + "\", name: \"Load " + id + "\", kinds: [\"OTHER\"]}) { outcome added } }");
                    if (body.contains("\"LOADED\"")) {
                        acknowledged.add(id);
                    } else {
                        failures.add(body);
                    }
                }
                return null;
            });
        }
        var started = System.nanoTime();
        for (var f : pool.invokeAll(tasks)) {
            f.get();
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        var stored = TestGraph.count(driver, "MATCH (c:Company) WHERE c.id STARTS WITH 'load-co-' RETURN count(c)");
        var distinct = TestGraph.count(driver, "MATCH (c:Company) WHERE c.id STARTS WITH 'load-co-' RETURN count(DISTINCT c.id)");
        System.out.printf("load test: %.1f s, %d readers %d reads (%.0f/s), %d writers %d acknowledged writes (%.0f/s), %d failures, %d stored%n",
                seconds, READERS, reads.get(), reads.get() / seconds, WRITERS, acknowledged.size(), acknowledged.size() / seconds,
                failures.size(), stored);
        assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(3, failures.size())));
        assertEquals(acknowledged.size(), stored, "every acknowledged write is stored");
        assertEquals(stored, distinct, "no duplicates");
        assertEquals(List.of(), missing(List.copyOf(acknowledged)), "no acknowledged write is lost");
    }

    private List<String> missing(List<String> ids) {
        try (var session = driver.session()) {
            return session.run("UNWIND $ids AS id OPTIONAL MATCH (c:Company {id: id}) WITH id, c WHERE c IS NULL RETURN collect(id) AS missing",
                    Map.of("ids", ids)).single().get("missing").asList(v -> v.asString());
        }
    }

    private String post(HttpClient http, String token, String query) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql")).header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
