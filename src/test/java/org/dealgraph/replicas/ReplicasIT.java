package org.dealgraph.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dealgraph.testing.LoadsInFlight;
import org.dealgraph.testing.Neo4jProcess;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.PackagedService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two replicas of the packaged service (the production profile, JSON logs) on one Neo4j server in a process of its
 * own, all on loopback: they start at the same moment and migrate and seed once; the same file loaded through both
 * at once is written once; a write through one is read through the other with its bookmark, and announced to the
 * other's subscribers; a replica killed in the middle of a load leaves nothing of it, loses nothing acknowledged
 * before, and blocks nobody.
 */
class ReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Neo4jProcess neo4j;
    private static Driver driver;
    private static PackagedService a;
    private static PackagedService b;

    @BeforeAll
    static void startNeo4jAndTwoReplicasAtOnce() throws Exception {
        PackagedService.assertBuilt();
        neo4j = new Neo4jProcess(Neo4jTestResource.newDirectory("replicas"), Neo4jTestResource.freePort()).start();
        driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic(Neo4jTestResource.USERNAME, Neo4jTestResource.PASSWORD));
        a = PackagedService.start("a", neo4j.boltUri());
        b = PackagedService.start("b", neo4j.boltUri());
        a.awaitReady(Duration.ofMinutes(3));
        b.awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        for (var replica : new PackagedService[] { a, b }) {
            if (replica != null) {
                replica.stop();
            }
        }
        if (driver != null) {
            driver.close();
        }
        if (neo4j != null) {
            neo4j.close();
        }
    }

    @Test
    void twoReplicasOnOneDatabase() throws Exception {
        // Started together: each migration applied once, by one of them; the seed loaded once.
        long migrations;
        try (var files = Files.list(Path.of("graph/migrations"))) {
            migrations = files.filter(f -> f.toString().endsWith(".cypher")).count();
        }
        assertEquals(migrations, count("MATCH (m:_SchemaMigration) RETURN count(m)"));
        assertEquals(migrations, a.logged("Applied migration") + b.logged("Applied migration"),
                "every migration applied by exactly one replica");
        assertTrue(a.logged("Applied migration") == 0 || b.logged("Applied migration") == 0, "one replica migrated, the other found nothing to do");
        assertEquals(37, count("MATCH (a:Agreement) RETURN count(a)"));
        assertEquals(5, a.logged(": LOADED") + b.logged(": LOADED"), "each seed file loaded once");
        assertEquals(0, count("MATCH (l:_Lease) WHERE l.holder IS NOT NULL RETURN count(l)"), "startup locks released");
        // Production logs are JSON, one object per line, with the level and the logger.
        var line = a.logLines().stream().filter(l -> l.has("loggerName")).findFirst().orElseThrow();
        assertNotNull(line.get("level"));

        // The same file through both at the same moment: one writes it, the other finds it there.
        var file = deal("replica-deal", "Loaded through two replicas at once");
        var both = List.of(HTTP.sendAsync(a.loadRequest("same.yaml", file), HttpResponse.BodyHandlers.ofString()),
                HTTP.sendAsync(b.loadRequest("same.yaml", file), HttpResponse.BodyHandlers.ofString()));
        Set<String> outcomes = new HashSet<>();
        for (var response : both) {
            var body = response.get(2, TimeUnit.MINUTES);
            assertEquals(200, body.statusCode(), body.body());
            outcomes.add(JSON.readTree(body.body()).path("outcome").asText());
        }
        assertEquals(Set.of("LOADED", "UNCHANGED"), outcomes);
        assertEquals(1, count("MATCH (a:Agreement {id: 'replica-deal'}) RETURN count(a)"));
        assertEquals(1, count("MATCH (s:Source {id: 'replica-deal-source'}) RETURN count(s)"));

        // A write through A, read through B with the bookmark A answered.
        var written = a.load("bookmarked.yaml", deal("replica-bookmarked", "Written through A, read through B"));
        assertEquals(200, written.statusCode(), written.body());
        var bookmark = written.headers().firstValue("Dealgraph-Bookmark").orElseThrow(() -> new AssertionError("no bookmark"));
        var read = b.query("{ agreement(id: \"replica-bookmarked\") { title } }", bookmark);
        assertEquals("Written through A, read through B", JSON.readTree(read.body()).path("data").path("agreement").path("title").asText(), read.body());

        // A subscriber at B hears of a load made through A (B reads the graph's load log).
        var events = new java.util.concurrent.LinkedBlockingQueue<JsonNode>();
        var acknowledged = new CompletableFuture<Void>();
        var socket = HTTP.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create("ws://127.0.0.1:" + b.port() + "/graphql"), new java.net.http.WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                var message = JSON.readTree(text.toString());
                                if ("connection_ack".equals(message.path("type").asText())) {
                                    acknowledged.complete(null);
                                } else if ("next".equals(message.path("type").asText())) {
                                    events.add(message.at("/payload/data/dealsLoaded"));
                                }
                            } catch (IOException e) {
                                acknowledged.completeExceptionally(e);
                            }
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"connection_init\"}", true).get(5, TimeUnit.SECONDS);
        acknowledged.get(10, TimeUnit.SECONDS);
        socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { dealsLoaded { file revision agreements companies } }\"}}", true)
                .get(5, TimeUnit.SECONDS);
        Thread.sleep(500);
        var announced = a.load("announced.yaml", deal("replica-announced", "Loaded through A, announced at B"));
        assertEquals(200, announced.statusCode(), announced.body());
        // Loads A committed just before the subscription may still be announced (B reads its log once a second): skip them.
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode event = null;
        while (System.nanoTime() < deadline && (event == null || !"announced.yaml".equals(event.path("file").asText()))) {
            event = events.poll(200, TimeUnit.MILLISECONDS);
        }
        assertNotNull(event, "B's subscriber heard nothing of A's load");
        assertEquals("announced.yaml", event.path("file").asText());
        assertTrue(event.path("agreements").toString().contains("replica-announced"), event.toString());
        assertTrue(event.path("companies").toString().contains("openai"), event.toString());
        // Announced once: the next event B's subscriber hears is the next load's (events come in revision order).
        var next = a.load("announced-next.yaml", deal("replica-announced-next", "The load after it"));
        assertEquals(200, next.statusCode(), next.body());
        var again = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(again, "B's subscriber heard nothing of A's next load");
        assertEquals("announced-next.yaml", again.path("file").asText(), "announced once");
        socket.abort();

        // A killed in the middle of a large load: none of it is written, nothing acknowledged is lost, B loads on.
        var large = new StringBuilder("sources:\n  - {id: killed-source, url: \"https://example.org/killed\", publisher: Example, published: 2026-05-01}\nagreements:\n");
        for (int i = 0; i < 20_000; i++) {
            large.append("  - {id: killed-").append(i).append(", kind: COMPUTE_COMMITMENT, title: \"Never committed ").append(i)
                    .append("\", parties: [{company: microsoft, role: PROVIDER}, {company: openai, role: CUSTOMER}], announced: 2026-05-01, money: USD 1B, ")
                    .append("sources: [{source: killed-source, confidence: REPORTED}]}\n");
        }
        var pending = HTTP.sendAsync(a.loadRequest("killed.yaml", large.toString()), HttpResponse.BodyHandlers.ofString());
        // Killed once the load's own transaction links the agreements it has created: mid-transaction, not while parsing.
        var writing = LoadsInFlight.agreementsBeingLinked(driver, "killed.yaml", Duration.ofSeconds(120));
        a.process().destroyForcibly();
        assertTrue(a.process().waitFor(30, TimeUnit.SECONDS));
        var rolledBack = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (LoadsInFlight.running(driver, writing.transactionId()) && System.nanoTime() < rolledBack) {
            Thread.sleep(50);
        }
        assertFalse(LoadsInFlight.running(driver, writing.transactionId()), "the database ended the killed replica's transaction");
        CompletableFuture.anyOf(pending).handle((r, e) -> null).get(30, TimeUnit.SECONDS);
        assertTrue(pending.isCompletedExceptionally(), "the killed replica acknowledged nothing");
        var afterKill = b.load("after-kill.yaml", deal("replica-after-kill", "Loaded through B after A died"));
        assertEquals(200, afterKill.statusCode(), afterKill.body());
        assertEquals("LOADED", JSON.readTree(afterKill.body()).path("outcome").asText());
        assertEquals(0, count("MATCH (a:Agreement) WHERE a.id STARTS WITH 'killed-' RETURN count(a)"), "nothing of the killed load");
        assertEquals(0, count("MATCH (s:Source {id: 'killed-source'}) RETURN count(s)"));
        assertEquals(1, count("MATCH (a:Agreement {id: 'replica-deal'}) RETURN count(a)"));
        assertEquals(1, count("MATCH (a:Agreement {id: 'replica-bookmarked'}) RETURN count(a)"));
        assertEquals(37 + 5, count("MATCH (a:Agreement) RETURN count(a)"));
    }

    private static long count(String cypher) {
        try (var session = driver.session()) {
            return session.run(cypher).single().get(0).asLong();
        }
    }

    private static String deal(String id, String title) {
        return """
                sources:
                  - {id: %s-source, url: "https://example.org/%s", publisher: Example, published: 2026-05-01}
                agreements:
                  - id: %s
                    kind: PARTNERSHIP
                    title: %s
                    parties: [{company: microsoft, role: PARTNER}, {company: openai, role: PARTNER}]
                    announced: 2026-05-01
                    sources: [{source: %s-source, confidence: REPORTED}]
                """.formatted(id, id, id, title, id);
    }
}
