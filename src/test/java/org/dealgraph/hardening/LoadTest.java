package org.dealgraph.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.dealgraph.seed.SeedLoader;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A bounded load on loopback: readers and writers at once for a fixed time. It prints its figures; it asserts only
 * that nothing failed, nothing was duplicated (both writers create the same ids) and no acknowledged write was lost.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class LoadTest {

    private static final int READERS = 4;
    private static final int WRITERS = 2;
    private static final long MILLIS = Long.getLong("load.millis", 8_000);
    private static final int SHARED_IDS = 40;
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
        // Both writers upsert the same ids, in opposite orders, so they race to create each one: every id must be
        // stored once, and reported as added by exactly one acknowledged write.
        var added = new java.util.concurrent.ConcurrentHashMap<String, AtomicInteger>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            tasks.add(() -> {
                int n = 0;
                while (System.currentTimeMillis() < deadline) {
                    int k = n++ % SHARED_IDS;
                    var id = "load-co-" + (writer % 2 == 0 ? k : SHARED_IDS - 1 - k);
                    var body = post(http, Curator.TOKEN, "mutation { upsertCompany(company: {id: \"" + id + "\", name: \"Load " + id + " by " + writer
                            + " #" + n + "\", kinds: [\"OTHER\"]}) { outcome added } }");
                    var answer = JSON.readTree(body).path("data").path("upsertCompany");
                    if ("LOADED".equals(answer.path("outcome").asText())) {
                        acknowledged.add(id);
                        added.computeIfAbsent(id, x -> new AtomicInteger()).addAndGet(answer.path("added").asInt());
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
        var distinct = Set.copyOf(acknowledged);
        System.out.printf("load test: %.1f s, %d readers %d reads (%.0f/s), %d writers %d acknowledged writes (%.0f/s) of %d ids, %d failures, %d stored%n",
                seconds, READERS, reads.get(), reads.get() / seconds, WRITERS, acknowledged.size(), acknowledged.size() / seconds,
                distinct.size(), failures.size(), stored);
        assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(3, failures.size())));
        assertTrue(acknowledged.size() > distinct.size(), "the writers wrote the same ids again: " + acknowledged.size() + " writes of " + distinct.size());
        assertEquals(distinct.size(), stored, "each id written is stored once");
        assertEquals(List.of(), missing(List.copyOf(distinct)), "no acknowledged write is lost");
        assertEquals(Map.of(), added.entrySet().stream().filter(e -> e.getValue().get() != 1)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())), "each id reported added by exactly one write");
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
