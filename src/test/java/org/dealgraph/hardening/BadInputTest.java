package org.dealgraph.hardening;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.dealgraph.deal.SeedLoader;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.driver.Driver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Malformed and hostile requests, each answered with a specific error — never a stack trace or an internal
 * message — and the graph left exactly as it was.
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final List<String> HOSTILE = List.of(
            "' OR 1=1 //",
            "\"}) MATCH (n) DETACH DELETE n //",
            "x'}) DETACH DELETE n RETURN 1 //",
            "*/ CALL db.createLabel('Hacked') /*",
            "$ids",
            "\\u0000\\u0001",
            "<script>alert(1)</script>",
            "é世界🙂\u202E",
            "a".repeat(10_000),
            "${jndi:ldap://localhost/a}");

    private static final List<String> STRING_ARGUMENTS = List.of(
            "{ agreement(id: $v) { id } }",
            "{ company(id: $v) { id } }",
            "{ person(id: $v) { id } }",
            "{ source(id: $v) { id } }",
            "{ search(text: $v) { id } }",
            "{ timeline(company: $v) { kind } }",
            "{ agreements(filter: {party: $v}) { totalCount } }",
            "{ companies(nameContains: $v) { totalCount } }",
            "{ stake(holder: $v, company: \"openai\") { percent } }",
            "{ servingClouds(company: $v) { anyCloud } }");

    @Inject
    Driver driver;

    @Inject
    SeedLoader seed;

    private String before;
    private int cases;

    @BeforeAll
    void snapshot() {
        SeedGraph.ensureLoaded(driver, seed);
        before = TestGraph.checksum(driver);
    }

    @BeforeEach
    void count() {
        cases++;
    }

    @AfterAll
    void theGraphIsUnchanged() {
        assertEquals(before, TestGraph.checksum(driver), "after " + cases + " bad requests");
        System.out.printf("bad-input suite: %d requests, graph unchanged%n", cases);
    }

    static Stream<Arguments> injections() {
        var all = new ArrayList<Arguments>();
        for (var query : STRING_ARGUMENTS) {
            for (var value : HOSTILE) {
                all.add(Arguments.of(query.replace("$v", "$value").replaceFirst("\\{", "query(\\$value: String!) {"), value));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("injections")
    void injectionAttemptsAreJustStrings(String query, String value) {
        var response = given().contentType("application/json").body(Map.of("query", query, "variables", Map.of("value", value)))
                .post("/graphql");
        assertClean(response);
        assertTrue(response.statusCode() == 200, () -> "status " + response.statusCode());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("invalid JSON", "application/json", "{\"query\": ", 400),
                Arguments.of("JSON array", "application/json", "[1, 2]", 400),
                Arguments.of("empty body", "application/json", "", 400),
                Arguments.of("query not a string", "application/json", "{\"query\": 42}", 400),
                Arguments.of("no query", "application/json", "{\"variables\": {}}", 400),
                Arguments.of("unparseable query", "application/json", "{\"query\": \"{ agreement(id: \"}", 400),
                Arguments.of("unknown field", "application/json", "{\"query\": \"{ agreement(id: \\\"x\\\") { nope } }\"}", 400),
                Arguments.of("unknown argument", "application/json", "{\"query\": \"{ agreement(ident: \\\"x\\\") { id } }\"}", 400),
                Arguments.of("wrong argument type", "application/json", "{\"query\": \"{ agreements(first: \\\"ten\\\") { totalCount } }\"}", 400),
                Arguments.of("variable of the wrong type", "application/json",
                        "{\"query\": \"query($n: Int) { agreements(first: $n) { totalCount } }\", \"variables\": {\"n\": \"many\"}}", 200),
                Arguments.of("undeclared variable", "application/json", "{\"query\": \"{ agreement(id: $x) { id } }\"}", 400),
                Arguments.of("invalid date", "application/json", "{\"query\": \"{ stake(holder: \\\"microsoft\\\", company: \\\"openai\\\", asOf: \\\"2026-02-30\\\") { percent } }\"}", 200),
                Arguments.of("date in another format", "application/json", "{\"query\": \"{ stake(holder: \\\"microsoft\\\", company: \\\"openai\\\", asOf: \\\"27/04/2026\\\") { percent } }\"}", 200),
                Arguments.of("invalid currency", "application/json", "{\"query\": \"{ agreements(filter: {currency: \\\"dollars\\\"}) { totalCount } }\"}", 200),
                Arguments.of("negative page size", "application/json", "{\"query\": \"{ agreements(first: -1) { totalCount } }\"}", 200),
                Arguments.of("page size over the maximum", "application/json", "{\"query\": \"{ agreements(first: 101) { totalCount } }\"}", 400),
                Arguments.of("forged cursor", "application/json", "{\"query\": \"{ agreements(after: \\\"cG9zOi01\\\") { totalCount } }\"}", 200),
                Arguments.of("unknown enum value", "application/json", "{\"query\": \"{ agreements(filter: {kinds: [LOAN]}) { totalCount } }\"}", 400),
                Arguments.of("deep nesting", "application/json", "{\"query\": \"" + deep(40) + "\"}", 400),
                Arguments.of("aliases multiplied past the token limit", "application/json", "{\"query\": \"{ " + aliases(600) + " }\"}", 400),
                Arguments.of("too many tokens", "application/json", "{\"query\": \"{ " + "company(id: \\\"x\\\") { id } ".repeat(1500) + "}\"}", 400),
                Arguments.of("mutation without credential", "application/json", "{\"query\": \"mutation { loadDeals(content: \\\"agreements: []\\\") { outcome } }\"}", 200),
                Arguments.of("garbage deal file", "application/json", "{\"query\": \"mutation { loadDeals(content: \\\"{{{\\\") { outcome } }\"}", 200));
    }

    private static String deep(int levels) {
        return "{ companies { nodes { " + "parent { ".repeat(levels) + "id" + " }".repeat(levels) + " } } }";
    }

    private static String aliases(int count) {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("a").append(i).append(": company(id: \\\"openai\\\") { id } ");
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void malformedRequestsGetASpecificError(String what, String contentType, String body, int status) {
        var response = given().contentType(contentType).accept("application/graphql-response+json").body(body).post("/graphql");
        assertClean(response);
        assertEquals(status, response.statusCode(), () -> what + ": " + response.asString());
        assertTrue(response.asString().contains("\"errors\"") || response.asString().contains("\"message\"")
                || response.statusCode() == 400, () -> what + ": " + response.asString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void jsonClientsGet200WithErrors(String what, String contentType, String body, int status) {
        var response = given().contentType(contentType).accept("application/json").body(body).post("/graphql");
        assertClean(response);
        assertTrue(response.statusCode() == 200 || response.statusCode() == 400, () -> what + ": " + response.statusCode());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("oversized")
    void oversizedAndHostileDealFilesAreRefused(String what, String content, int status) {
        var response = given().contentType("text/plain").header("Authorization", "Bearer " + Curator.TOKEN).body(content).post("/deals");
        assertClean(response);
        assertEquals(status, response.statusCode(), () -> what + ": " + response.asString());
    }

    static Stream<Arguments> oversized() {
        return Stream.of(
                Arguments.of("YAML bomb", "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n", 422),
                Arguments.of("not YAML at all", "\u0000\u0001\u0002", 422),
                Arguments.of("a number", "42", 422),
                Arguments.of("deeply nested", "[".repeat(5000), 422));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("getRequests")
    void getIsForQueriesOnly(String what, String query, int status) {
        var response = given().accept("application/graphql-response+json").queryParam("query", query).get("/graphql");
        assertClean(response);
        assertEquals(status, response.statusCode(), () -> what + ": " + response.asString());
    }

    static Stream<Arguments> getRequests() {
        return Stream.of(
                Arguments.of("a query over GET", "{ company(id: \"openai\") { name } }", 200),
                Arguments.of("a mutation over GET", "mutation { upsertCompany(company: {id: \"x\", name: \"x\"}) { outcome } }", 405));
    }

    private static void assertClean(Response response) {
        var body = response.asString();
        for (var leak : List.of("Exception:", "\tat ", "at org.", "at java.", "org.neo4j", "org.dealgraph", "java.lang", "Caused by")) {
            assertFalse(body.contains(leak), () -> "leaks '" + leak + "': " + body.substring(0, Math.min(body.length(), 2000)));
        }
    }
}
