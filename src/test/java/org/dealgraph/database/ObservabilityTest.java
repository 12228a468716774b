package org.dealgraph.database;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Tracing switched on, spans kept in memory: a GraphQL request shows its operation's span and, under it, a span per
 * Cypher statement with the statement's text and none of its values. Metrics: operations by name and outcome, and
 * the driver's pool, in Prometheus' format.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(ObservabilityTest.Traced.class)
@WithTestResource(Neo4jTestResource.class)
class ObservabilityTest extends FreshSeedGraphTest {

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:1");
        }
    }

    /** The exporter the SDK sends finished spans to, besides OTLP (which goes nowhere here). */
    @Singleton
    static class Exporter {
        @Produces
        @Singleton
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aRequestShowsItsOperationAndItsCypherStatements() throws Exception {
        spans.reset();
        given().contentType("application/json")
                .body(Map.of("query", "query TracedAgreement($id: ID!) { agreement(id: $id) { title parties { company { name } } } }",
                        "operationName", "TracedAgreement", "variables", Map.of("id", "msft-openai-ip-license")))
                .post("/graphql").then().statusCode(200).body("data.agreement.title", containsString("license"));

        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<SpanData> finished;
        do {
            Thread.sleep(100);
            finished = spans.getFinishedSpanItems();
        } while (System.nanoTime() < deadline && finished.stream().noneMatch(s -> s.getName().startsWith("cypher")));
        var operation = finished.stream().filter(s -> "TracedAgreement".equals(s.getAttributes().get(AttributeKey.stringKey("graphql.operationName"))))
                .findFirst().orElseThrow(() -> new AssertionError("no GraphQL operation span in " + names(spans.getFinishedSpanItems())));
        var all = spans.getFinishedSpanItems();
        var cypher = all.stream().filter(s -> s.getName().startsWith("cypher")).toList();
        var ofRequest = cypher.stream().filter(s -> s.getTraceId().equals(operation.getTraceId())).toList();
        assertFalse(ofRequest.isEmpty(), "no Cypher span in the request's trace: " + names(all));
        for (var statement : cypher) {
            var text = statement.getAttributes().get(AttributeKey.stringKey("db.query.text"));
            assertTrue(text != null && !text.isBlank(), "the statement's text: " + statement);
            assertFalse(text.contains("msft-openai-ip-license"), "no parameter value in a span: " + text);
            assertEquals("neo4j", statement.getAttributes().get(AttributeKey.stringKey("db.system")));
        }
        assertTrue(ofRequest.stream().anyMatch(s -> s.getAttributes().get(AttributeKey.stringKey("db.query.text")).contains("$")),
                "statements are sent with $parameters");
    }

    @Test
    void prometheusCountsOperationsByNameAndOutcomeAndShowsTheDriversPool() {
        // Junk names first: refused documents, and more names than there are slots, each sent once.
        for (int i = 0; i < 520; i++) {
            given().contentType("application/json").body(Map.of("query", "query Junk" + i + " { nosuchfield }"))
                    .post("/graphql").then().statusCode(200);
            given().contentType("application/json").body(Map.of("query", "query Once" + i + " { database { mode } }"))
                    .post("/graphql").then().statusCode(200);
        }
        // A name gets its own series from its third run on: the two before count as 'other'.
        for (int i = 0; i < 4; i++) {
            given().contentType("application/json").body(Map.of("query", "query CountedOk { database { mode } }"))
                    .post("/graphql").then().statusCode(200);
            given().contentType("application/json").body(Map.of("query", "query CountedError { agreement(id: \"no-such\") { title } }"))
                    .post("/graphql").then().statusCode(200);
        }
        var metrics = given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*dealgraph_graphql_operations_seconds_count\\{[^}]*operation=\"CountedOk\"[^}]*outcome=\"ok\"[^}]*\\} 2\\.0.*"))
                .body(matchesPattern("(?s).*dealgraph_graphql_operations_seconds_count\\{[^}]*operation=\"CountedError\"[^}]*outcome=\"error\"[^}]*\\} 2\\.0.*"))
                .body(matchesPattern("(?s).*\\nneo4j_acquired_total.*")).extract().asString();
        assertTrue(!metrics.contains("operation=\"Junk") && !metrics.contains("operation=\"Once"), "junk names took no slot");
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).toList();
    }
}
