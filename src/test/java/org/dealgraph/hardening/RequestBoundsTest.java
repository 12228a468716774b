package org.dealgraph.hardening;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.dealgraph.database.Graph;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.dealgraph.value.Numbers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * Each bound of issue 27, met from outside with its exact code, and nothing run or written where input was refused:
 * costs that count what runs, numbers with bounded digits and exponents, the rest of the HTTP rules, /cypher's byte,
 * expression and memory bounds, and subscriptions per socket.
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class RequestBoundsTest extends SeedGraphTest {

    @Inject
    Graph graph;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URL graphql;

    private void refusedBeforeAnyCypher(Runnable request) {
        var before = graph.queryCount();
        request.run();
        assertEquals(before, graph.queryCount(), "no Cypher ran");
    }

    @Test
    void nodesCostsEveryIdItIsGiven() {
        // The request that stalled the service: nine aliases of nodes(ids:) with 100 copies of one id, nested.
        var ids = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            ids.append(i == 0 ? "" : ",").append("\"openai\"");
        }
        ids.append(']');
        var query = new StringBuilder("{ ");
        for (int i = 0; i < 9; i++) {
            query.append("n").append(i).append(": nodes(ids: ").append(ids).append(") { ... on Company { agreements { parties { company {"
                    + " agreements { id } } } } } } ");
        }
        refusedBeforeAnyCypher(() -> GraphQL.post(query.append('}').toString()).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("LIMIT_EXCEEDED"))
                .body("errors[0].extensions.limit", equalTo("cost")));
        // One id, once: cheap, and answered.
        GraphQL.post("{ nodes(ids: [\"openai\"]) { ... on Company { name } } }").statusCode(200)
                .body("data.nodes[0].name", equalTo("OpenAI"))
                // Counted by the ids given (one), not by the 100 the schema publishes as nodes' assumedSize.
                .body("extensions.cost.estimated", equalTo(101));
    }

    @Test
    void everyTopLevelLookUpCostsTheStatementItRuns() {
        var query = new StringBuilder("{ ");
        for (int i = 0; i < 450; i++) {
            query.append("c").append(i).append(": company(id: \"openai\") { id } ");
        }
        refusedBeforeAnyCypher(() -> GraphQL.post(query.append('}').toString()).statusCode(200)
                .body("errors[0].extensions.limit", equalTo("cost"))
                .body("errors[0].extensions.measured", equalTo(450 * (1 + 100))));
    }

    @Test
    void numbersPastTheirBoundsAreBadArgumentsWhereverTheyCome() {
        var owed = "{ agreement(id: \"openai-msft-revenue-share\") { owed(revenue: %s, from: \"2026-01-01\", to: \"2026-12-31\") { committed { amount } } } }";
        refusedBeforeAnyCypher(() -> GraphQL.post(owed.formatted("1e80000")).statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"))
                .body("errors[0].message", containsString(Numbers.BOUND)));
        var variables = "query($r: BigDecimal!) { agreement(id: \"openai-msft-revenue-share\") { owed(revenue: $r, from: \"2026-01-01\", to: \"2026-12-31\") { committed { amount } } } }";
        GraphQL.post(variables, Map.of("r", new java.math.BigDecimal("1e-999999999"))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"))
                .body("errors[0].message", containsString(Numbers.BOUND));
        GraphQL.post(variables, Map.of("r", "9".repeat(700_000))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"));
        // Within the bounds it computes.
        GraphQL.post(variables, Map.of("r", new java.math.BigDecimal("1000000"))).statusCode(200)
                .body("errors", nullValue());
    }

    private static final String FILE = """
            sources:
              - {id: bounds-source, url: "https://example.org/bounds", publisher: Example, published: 2026-05-01}
            companies:
              - {id: bounds-co, name: "%s"}
            agreements:
              - id: bounds-deal
                kind: COMPUTE_COMMITMENT
                title: A bounded deal
                parties: [{company: bounds-co, role: CUSTOMER}, {company: aws, role: PROVIDER}]
                announced: 2026-05-01
                money: %s
                termYears: %s
                sources: [{source: bounds-source, confidence: REPORTED}]
            """;

    @Test
    void aDealFilesNumbersAndInvisibleMarksAreRefusedWithTheirPathAndNothingIsWritten() {
        Curator.loadFile(Curator.TOKEN, "bounds.yaml", FILE.formatted("Bounds", "USD " + "9".repeat(700_000), "5"), false).statusCode(422)
                .body("problems[0].path", equalTo("agreements[0].money"));
        Curator.loadFile(Curator.TOKEN, "bounds.yaml", FILE.formatted("Bounds", "USD 1B", "1e-999999999"), false).statusCode(422)
                .body("problems[0].path", equalTo("agreements[0].termYears"))
                .body("problems[0].message", containsString(Numbers.BOUND));
        // In JSON, where no parser folds a line separator away before the file's rules see it.
        for (var mark : List.of("\u200B", "\u200F", "\u061C", "\u2028", "\uFEFF")) {
            var json = new JsonObject().put("companies", new io.vertx.core.json.JsonArray()
                    .add(new JsonObject().put("id", "bounds-co").put("name", "Bou" + mark + "nds"))).encode();
            var refused = utf8File(json).extract();
            assertEquals(422, refused.statusCode(), String.format("U+%04X: %s", (int) mark.charAt(0), refused.asString()));
            utf8File(json).statusCode(422)
                    .body("problems[0].path", equalTo("companies[0].name"))
                    .body("problems[0].message", containsString("invisible formatting character"));
        }
        try (var session = driver.session()) {
            assertEquals(0L, session.run("MATCH (n) WHERE n.id IN ['bounds-co', 'bounds-deal', 'bounds-source'] RETURN count(n)")
                    .single().get(0).asLong(), "nothing written");
        }
        // A joiner (Persian, emoji) is text, not an invisible mark: the file loads.
        given().contentType("application/json; charset=UTF-8").accept("application/json").header("Authorization", "Bearer " + Curator.TOKEN)
                .queryParam("file", "bounds.json").queryParam("dryRun", true)
                .body(new JsonObject().put("companies", new io.vertx.core.json.JsonArray().add(new JsonObject().put("id", "bounds-co")
                        .put("name", "Bounds\u200C"))).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/deals").then().statusCode(200);
    }

    /** A deal file sent as UTF-8 (a text/plain body without a charset would be Latin-1 on the way, losing the marks). */
    private static io.restassured.response.ValidatableResponse utf8File(String json) {
        return given().contentType("application/json; charset=UTF-8").accept("application/json")
                .header("Authorization", "Bearer " + Curator.TOKEN).queryParam("file", "bounds.json")
                .body(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/deals").then();
    }

    @Test
    void aMutationIsRefusedOverGetWhateverItsOperationName() {
        var mutation = "mutation { retractFact(fact: {agreement: \"x\"}, reason: \"r\") { id } }";
        for (var name : new String[] {null, "NoSuchOperation", ""}) {
            var request = given().queryParam("query", mutation);
            var named = name == null ? request : request.queryParam("operationName", name);
            refusedBeforeAnyCypher(() -> named.get("/graphql").then().statusCode(405)
                    .body("errors[0].extensions.code", equalTo("METHOD_NOT_ALLOWED")));
        }
    }

    @Test
    void anExportsFileNameIsABusinessIdOrARefusal() {
        for (var company : List.of("x\"; filename=evil.sh", "x\r\nSet-Cookie: a=b", "../etc/passwd")) {
            given().header("Authorization", "Bearer " + Curator.TOKEN).queryParam("company", company).get("/deals/export")
                    .then().statusCode(400).body("code", equalTo("BAD_ARGUMENT"))
                    .body("message", containsString("company"));
        }
        given().header("Authorization", "Bearer " + Curator.TOKEN).queryParam("company", "aws").get("/deals/export")
                .then().statusCode(200).header("Content-Disposition", equalTo("attachment; filename=\"aws-deals.yaml\""));
    }

    @Test
    void aGraphqlBodyPastItsLimitIs413() {
        var padding = "x".repeat(1_100_000);
        given().contentType("application/json").body("{\"query\": \"{ __typename }\", \"variables\": {\"unused\": \"" + padding + "\"}}")
                .post("/graphql").then().statusCode(413);
        given().contentType("application/json").body("{\"statement\": \"RETURN 1\", \"parameters\": {\"unused\": \"" + padding + "\"}}")
                .post("/cypher").then().statusCode(413).body("error.limit", equalTo("bodySize"));
    }

    static io.restassured.response.ValidatableResponse cypher(String statement, Map<String, Object> parameters, String accept) {
        return given().contentType("application/json").accept(accept).body(Map.of("statement", statement, "parameters", parameters))
                .post("/cypher").then();
    }

    @Test
    void cypherAnswersStopAtTheirByteLimit() {
        cypher("UNWIND range(1, 50) AS i RETURN i, $pad AS pad", Map.of("pad", "p".repeat(16 * 1024)), "application/json").statusCode(200)
                .body("truncated", equalTo(true))
                .body("truncatedBy", equalTo("bytes"))
                .body("byteLimit", equalTo(256 * 1024))
                .body("rowCount", lessThan(17));
    }

    @Test
    void cypherCsvCellsNeverRunAsFormulas() {
        var csv = cypher("RETURN '=HYPERLINK(\"http://evil\")' AS a, '@SUM(1)' AS b, '+1' AS c, -5 AS d, 'plain' AS e, '-2+3' AS f", Map.of(), "text/csv")
                .statusCode(200).extract().asString();
        assertEquals("a,b,c,d,e,f\r\n\"'=HYPERLINK(\"\"http://evil\"\")\",'@SUM(1),'+1,-5,plain,'-2+3\r\n", csv);
    }

    @Test
    void cypherRefusesByPlanWhatNeo4jCannotInterrupt() {
        cypher("WITH 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' AS s RETURN s =~ '(.*a){16}' AS m", Map.of(), "application/json").statusCode(403)
                .body("error.code", equalTo("EXPRESSION_REFUSED")).body("error.refused", equalTo("=~"));
        cypher("RETURN size(reduce(s = 'xxxxxxxx', i IN range(1, 26) | s + s)) AS n", Map.of(), "application/json").statusCode(403)
                .body("error.code", equalTo("EXPRESSION_REFUSED")).body("error.refused", equalTo("reduce"));
        cypher("RETURN size(reduce(s = [], i IN range(1, 26) | s + s)) AS n", Map.of(), "application/json").statusCode(403)
                .body("error.code", equalTo("EXPRESSION_REFUSED"));
        // A sum is a reduce that cannot grow: it runs, as the documented queries' do.
        cypher("RETURN reduce(s = 0, i IN range(1, 10) | s + i) AS n", Map.of(), "application/json").statusCode(200)
                .body("rows[0][0]", equalTo(55));
    }

    @Test
    void cypherStopsAtTheDatabasesTransactionMemoryLimit() {
        var pad = "m".repeat(1024);
        cypher("UNWIND range(1, 2000000) AS i WITH collect(toString(i) + $pad) AS c RETURN size(c)", Map.of("pad", pad), "application/json")
                .statusCode(400).body("error.code", equalTo("LIMIT_EXCEEDED")).body("error.limit", equalTo("memory"));
        cypher("RETURN 1 AS one", Map.of(), "application/json").statusCode(200);
    }

    @Test
    void aSocketHoldsAtMostItsShareOfSubscriptions() throws Exception {
        var options = new WebSocketConnectOptions().setHost(graphql.getHost()).setPort(graphql.getPort()).setURI("/graphql")
                .setSubProtocols(List.of("graphql-transport-ws"));
        var socket = vertx.createHttpClient().webSocket(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        var acked = new CompletableFuture<Void>();
        var errors = new LinkedBlockingQueue<JsonObject>();
        socket.textMessageHandler(text -> {
            var message = new JsonObject(text);
            switch (message.getString("type")) {
                case "connection_ack" -> acked.complete(null);
                case "error" -> errors.add(message);
                case "next" -> {
                    if (message.getJsonObject("payload").containsKey("errors")) {
                        errors.add(message);
                    }
                }
                default -> { }
            }
        });
        try {
            socket.writeTextMessage(new JsonObject().put("type", "connection_init").encode());
            acked.get(10, TimeUnit.SECONDS);
            for (int i = 1; i <= 21; i++) {
                socket.writeTextMessage(new JsonObject().put("id", "s" + i).put("type", "subscribe")
                        .put("payload", new JsonObject().put("query", "subscription { dealsLoaded { file } }")).encode());
            }
            var refused = errors.poll(10, TimeUnit.SECONDS);
            assertTrue(refused != null, "the 21st subscription is refused");
            assertEquals("s21", refused.getString("id"));
            assertTrue(refused.encode().contains("LIMIT_EXCEEDED") && refused.encode().contains("subscriptionsPerSocket"), refused.encode());
            // A subscription's document meets the same depth rule as any request.
            socket.writeTextMessage(new JsonObject().put("id", "deep").put("type", "subscribe").put("payload", new JsonObject()
                    .put("query", "subscription { agreementChanged { agreement { parties { company { " + "parent { ".repeat(15) + "id"
                            + " }".repeat(15) + " } } } } }")).encode());
            var deep = errors.poll(10, TimeUnit.SECONDS);
            assertTrue(deep != null && deep.encode().contains("depth"), String.valueOf(deep));
        } finally {
            socket.close();
        }
    }
}
