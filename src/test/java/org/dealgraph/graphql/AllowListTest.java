package org.dealgraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** In allow-list mode only registered documents run, whichever way a client sends a document. */
@Tag("slow")
@QuarkusTest
@TestProfile(AllowListTest.AllowListOnly.class)
@WithTestResource(Neo4jTestResource.class)
class AllowListTest extends SeedGraphTest {

    static final String REGISTERED = "{ company(id: \"openai\") { name } }";

    public static class AllowListOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                var directory = Files.createTempDirectory("persisted");
                Files.writeString(directory.resolve("company.graphql"), REGISTERED);
                return Map.of("dealgraph.graphql.persisted-queries.directory", directory.toString(),
                        "dealgraph.graphql.persisted-queries.allow-list-only", "true");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void onlyRegisteredDocumentsRunHoweverTheyAreSent() {
        var hash = PersistedQueries.sha256(REGISTERED);
        given().contentType(ContentType.JSON).body(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))))
                .post("/graphql").then().statusCode(200).body("data.company.name", equalTo("OpenAI"));
        given().contentType(ContentType.JSON).body(Map.of("query", REGISTERED)).post("/graphql")
                .then().statusCode(200).body("data.company.name", equalTo("OpenAI"));
        var other = "{ companies { totalCount } }";
        given().contentType(ContentType.JSON).body(Map.of("query", other)).post("/graphql")
                .then().statusCode(403).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        given().queryParam("query", other).get("/graphql")
                .then().statusCode(403).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        given().contentType("application/graphql").body(other.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/graphql")
                .then().statusCode(403).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        given().contentType(ContentType.JSON).body("[{\"query\": \"" + other.replace("\"", "\\\"") + "\"}]").post("/graphql")
                .then().statusCode(403).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", other, "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", PersistedQueries.sha256(other)))))
                .post("/graphql").then().statusCode(403).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
    }

    @jakarta.inject.Inject
    io.vertx.core.Vertx vertx;

    @io.quarkus.test.common.http.TestHTTPResource("/graphql")
    java.net.URL graphql;

    @Test
    void overAWebSocketTooOnlyRegisteredDocumentsRun() throws Exception {
        var options = new io.vertx.core.http.WebSocketConnectOptions().setHost(graphql.getHost()).setPort(graphql.getPort())
                .setURI("/graphql").setSubProtocols(java.util.List.of("graphql-transport-ws"));
        var socket = vertx.createHttpClient().webSocket(options).toCompletionStage().toCompletableFuture()
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        var acked = new java.util.concurrent.CompletableFuture<Void>();
        var answers = new java.util.concurrent.LinkedBlockingQueue<io.vertx.core.json.JsonObject>();
        socket.textMessageHandler(text -> {
            var message = new io.vertx.core.json.JsonObject(text);
            if ("connection_ack".equals(message.getString("type"))) {
                acked.complete(null);
            } else if (!"complete".equals(message.getString("type"))) {
                answers.add(message);
            }
        });
        try {
            socket.writeTextMessage(new io.vertx.core.json.JsonObject().put("type", "connection_init").encode());
            acked.get(10, java.util.concurrent.TimeUnit.SECONDS);
            int id = 0;
            for (var document : java.util.List.of("subscription { dealsLoaded { file } }",
                    "mutation { retractFact(fact: {agreement: \"openai-msft-revenue-share\"}, reason: \"via socket\") { id } }",
                    "{ companies { totalCount } }")) {
                socket.writeTextMessage(new io.vertx.core.json.JsonObject().put("id", "x" + id++).put("type", "subscribe")
                        .put("payload", new io.vertx.core.json.JsonObject().put("query", document)).encode());
                var answer = answers.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                org.junit.jupiter.api.Assertions.assertTrue(answer != null && answer.encode().contains("PERSISTED_QUERY_NOT_ALLOWED"),
                        document + " -> " + answer);
            }
            socket.writeTextMessage(new io.vertx.core.json.JsonObject().put("id", "ok").put("type", "subscribe")
                    .put("payload", new io.vertx.core.json.JsonObject().put("query", REGISTERED)).encode());
            var registered = answers.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            org.junit.jupiter.api.Assertions.assertTrue(registered != null && registered.encode().contains("OpenAI"), String.valueOf(registered));
        } finally {
            socket.close();
        }
        try (var session = driver.session()) {
            org.junit.jupiter.api.Assertions.assertEquals(0L, session.run("MATCH (r:Retraction) WHERE r.reason = 'via socket' RETURN count(r)")
                    .single().get(0).asLong(), "the mutation sent over the socket wrote nothing");
        }
    }
}
