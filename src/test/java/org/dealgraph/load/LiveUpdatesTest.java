package org.dealgraph.load;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * Subscriptions over graphql-transport-ws: an event for each load that changed the graph, after it committed, with
 * the ids that moved; none for a rejected, dry-run or unchanged load.
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class LiveUpdatesTest extends FreshSeedGraphTest {

    private static final String NEW_DEAL = """
            sources:
              - {id: live-source, url: "https://example.org/live", publisher: Example, published: 2026-05-01}
            agreements:
              - id: live-aws-openai
                kind: COMPUTE_COMMITMENT
                title: A live compute deal
                parties: [{company: openai, role: CUSTOMER}, {company: aws, role: PROVIDER}]
                announced: 2026-05-01
                money: USD 1B
                sources: [{source: live-source, confidence: REPORTED}]
            """;

    /** A load whose event marks the point after which nothing else was announced. */
    private static final String MARKER = """
            sources:
              - {id: live-marker-source, url: "https://example.org/live-marker", publisher: Example, published: 2026-05-02}
            agreements:
              - id: live-meta-marker
                kind: PARTNERSHIP
                title: A marker deal of Meta's
                parties: [{company: meta, role: PARTNER}, {company: microsoft, role: PARTNER}]
                announced: 2026-05-02
                sources: [{source: live-marker-source, confidence: REPORTED}]
            """;

    @TestHTTPResource("/graphql")
    URL graphql;

    @Inject
    Vertx vertx;

    /** One graphql-transport-ws subscription; its "next" payloads arrive in {@link #events}. */
    final class Subscription implements AutoCloseable {
        final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        final WebSocket socket;

        Subscription(String query) throws Exception {
            var acked = new CompletableFuture<Void>();
            var options = new WebSocketConnectOptions().setHost(graphql.getHost()).setPort(graphql.getPort()).setURI("/graphql")
                    .setSubProtocols(List.of("graphql-transport-ws"));
            socket = vertx.createHttpClient().webSocket(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            socket.textMessageHandler(text -> {
                var message = new JsonObject(text);
                switch (message.getString("type")) {
                    case "connection_ack" -> acked.complete(null);
                    case "next" -> events.add(message.getJsonObject("payload"));
                    case "error" -> events.add(new JsonObject().put("data", new JsonObject()).put("errors", message.getValue("payload")));
                    default -> { }
                }
            });
            socket.writeTextMessage(new JsonObject().put("type", "connection_init").encode());
            acked.get(10, TimeUnit.SECONDS);
            socket.writeTextMessage(new JsonObject().put("id", "1").put("type", "subscribe")
                    .put("payload", new JsonObject().put("query", query)).encode());
            // The server registers the subscription as it reads the message; give it that moment.
            Thread.sleep(300);
        }

        JsonObject next(long millis) throws InterruptedException {
            var event = events.poll(millis, TimeUnit.MILLISECONDS);
            if (event != null && event.containsKey("errors")) {
                throw new AssertionError("subscription errors: " + event.getValue("errors"));
            }
            return event;
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void aLoadIsAnnouncedAfterItCommitsWithTheIdsThatMoved() throws Exception {
        try (var loads = new Subscription("subscription { dealsLoaded { file revision added agreements companies complete changes { label id change } } }");
                var openai = new Subscription("subscription { agreementChanged(company: \"openai\", kinds: [COMPUTE_COMMITMENT]) { agreementId change kind companies agreement { id title money { text } } } }");
                var meta = new Subscription("subscription { agreementChanged(company: \"meta\") { agreementId } }")) {
            var started = System.nanoTime();
            Curator.loadFile(Curator.TOKEN, "live.yaml", NEW_DEAL, false).statusCode(200).body("outcome", equalTo("LOADED"));

            var loaded = loads.next(10_000);
            assertTrue(loaded != null, "a dealsLoaded event");
            var event = loaded.getJsonObject("data").getJsonObject("dealsLoaded");
            assertEquals("live.yaml", event.getString("file"));
            assertEquals(List.of("live-aws-openai"), event.getJsonArray("agreements").getList());
            assertTrue(event.getJsonArray("companies").getList().containsAll(List.of("openai", "aws")));
            assertTrue(event.getBoolean("complete"));
            assertTrue(event.getInteger("revision") > 0);

            var changed = openai.next(10_000).getJsonObject("data").getJsonObject("agreementChanged");
            assertEquals("live-aws-openai", changed.getString("agreementId"));
            assertEquals("ADDED", changed.getString("change"));
            assertEquals("USD 1B", changed.getJsonObject("agreement").getJsonObject("money").getString("text"));
            System.out.printf("subscription: load request to both events delivered in %.1f ms%n", (System.nanoTime() - started) / 1e6);
            // Unchanged, dry-run and rejected loads change nothing, and say nothing. Events come in commit order, so
            // absence is proven by a marker: the next event of each subscription is the marker load's, not theirs.
            Curator.loadFile(Curator.TOKEN, "live.yaml", NEW_DEAL, false).statusCode(200).body("outcome", equalTo("UNCHANGED"));
            Curator.loadFile(Curator.TOKEN, "live.yaml", NEW_DEAL.replace("USD 1B", "USD 2B"), true).statusCode(200).body("outcome", equalTo("DRY_RUN"));
            Curator.loadFile(Curator.TOKEN, "broken.yaml", NEW_DEAL.replace("company: aws", "company: no-such-company"), false)
                    .statusCode(422).body("outcome", equalTo("REJECTED"));
            Curator.loadFile(Curator.TOKEN, "marker.yaml", MARKER, false).statusCode(200).body("outcome", equalTo("LOADED"));
            assertEquals("marker.yaml", loads.next(10_000).getJsonObject("data").getJsonObject("dealsLoaded").getString("file"),
                    "no event for an unchanged, dry-run or rejected load");
            assertEquals("live-meta-marker", meta.next(10_000).getJsonObject("data").getJsonObject("agreementChanged").getString("agreementId"),
                    "the OpenAI deal was not a Meta agreement");

            // A change to the agreement, and an amendment of it, are events too.
            Curator.loadFile(Curator.TOKEN, "live.yaml", NEW_DEAL.replace("USD 1B", "USD 2B"), false).statusCode(200);
            assertEquals("CHANGED", openai.next(10_000).getJsonObject("data").getJsonObject("agreementChanged").getString("change"));

            // So is a source attached to it.
            Curator.graphql(Curator.TOKEN, "mutation { attachSource(agreement: \"live-aws-openai\", confidence: STATED, "
                    + "source: {id: \"live-filing\", url: \"https://example.org/live-filing\", publisher: \"Example\", published: \"2026-05-03\"}) }",
                    java.util.Map.of()).statusCode(200).body("data.attachSource", equalTo(true));
            var attached = openai.next(10_000).getJsonObject("data").getJsonObject("agreementChanged");
            assertEquals("live-aws-openai", attached.getString("agreementId"));
            assertEquals("CHANGED", attached.getString("change"));
        }
    }

    @Test
    void aLoadThroughAnotherReplicaReachesThisOnesSubscribers() throws Exception {
        try (var loads = new Subscription("subscription { dealsLoaded { file revision agreements } }");
                var openai = new Subscription("subscription { agreementChanged(company: \"openai\") { agreementId change } }")) {
            // What another replica's load leaves for the others: the load log's entry and the revision, in one transaction.
            var event = """
                    {"epoch": "%s", "revision": %d, "file": "elsewhere.yaml", "added": 0, "changed": 1, "changes": [],
                     "agreements": {"aws-openai-compute-2025": "CHANGED"}, "companies": []}""";
            try (var session = driver.session()) {
                var lock = session.run("MATCH (l:_LoadLock {id: 'deal-files'}) RETURN l.epoch AS epoch, l.revision AS revision").single();
                var revision = lock.get("revision").asLong() + 1;
                session.run("""
                        MATCH (l:_LoadLock {id: 'deal-files'}) SET l.revision = $revision
                        CREATE (:_LoadEvent {epoch: l.epoch, revision: $revision, event: $event, at: datetime()})""",
                        java.util.Map.of("revision", revision, "event", event.formatted(lock.get("epoch").asString(), revision))).consume();
            }
            var loaded = loads.next(10_000);
            assertTrue(loaded != null, "the revision's poll found the other replica's load");
            assertEquals("elsewhere.yaml", loaded.getJsonObject("data").getJsonObject("dealsLoaded").getString("file"));
            assertEquals("aws-openai-compute-2025", openai.next(5_000).getJsonObject("data").getJsonObject("agreementChanged").getString("agreementId"));
            // Told once: the next event is the next load's.
            Curator.loadFile(Curator.TOKEN, "marker.yaml", MARKER.replace("A marker deal", "Another marker deal"), false)
                    .statusCode(200).body("outcome", equalTo("LOADED"));
            assertEquals("marker.yaml", loads.next(10_000).getJsonObject("data").getJsonObject("dealsLoaded").getString("file"), "told once");
        }
    }

    @Test
    void aMutationAnswersTheEntitiesItChanged() {
        Curator.graphql(Curator.TOKEN, "mutation($c: String!) { loadDeals(content: $c, file: \"m.yaml\") { outcome revision changedAgreements { id title parties { company { id } } } changedCompanies { id } } }",
                java.util.Map.of("c", NEW_DEAL))
                .statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.loadDeals.outcome", equalTo("LOADED"))
                .body("data.loadDeals.changedAgreements[0].id", equalTo("live-aws-openai"))
                .body("data.loadDeals.changedAgreements[0].title", equalTo("A live compute deal"));
    }
}
