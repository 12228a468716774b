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

import org.dealgraph.seed.SeedLoader;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
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
@Tag("hardening")
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

    /**
     * Each argument a hostile string may reach, with the variable type it takes and the exact answer for a value that
     * names nothing: the string is looked up as data, never run, and the answer is what any unknown value gets.
     */
    private record Argument(String type, String query, String field, String answer) {
    }

    private static final List<Argument> ARGUMENTS = List.of(
            new Argument("ID!", "{ agreement(id: $v) { id } }", "agreement", "NOT_FOUND:agreement"),
            new Argument("ID!", "{ company(id: $v) { id } }", "company", "NOT_FOUND:company"),
            new Argument("ID!", "{ person(id: $v) { id } }", "person", "NOT_FOUND:person"),
            new Argument("ID!", "{ source(id: $v) { id } }", "source", "NOT_FOUND:source"),
            new Argument("String!", "{ search(text: $v) { id } }", "search", "[]"),
            new Argument("String!", "{ timeline(company: $v) { kind } }", "timeline", "NOT_FOUND:company"),
            new Argument("String!", "{ agreements(filter: {party: $v}) { totalCount } }", "agreements", "{\"totalCount\":0}"),
            new Argument("String!", "{ companies(nameContains: $v) { totalCount } }", "companies", "{\"totalCount\":0}"),
            new Argument("String!", "{ stake(holder: $v, company: \"openai\") { percent } }", "stake", "{\"percent\":null}"),
            new Argument("String!", "{ servingClouds(company: $v) { anyCloud } }", "servingClouds", "{\"anyCloud\":false}"));

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

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
        for (var argument : ARGUMENTS) {
            for (var value : HOSTILE) {
                all.add(Arguments.of(argument.query().replace("$v", "$value").replaceFirst("\\{", "query(\\$value: " + argument.type() + ") {"),
                        value, argument));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("injections")
    void injectionAttemptsAreJustStrings(String query, String value, Argument argument) throws Exception {
        var response = given().contentType("application/json").body(Map.of("query", query, "variables", Map.of("value", value)))
                .post("/graphql");
        assertClean(response);
        assertEquals(200, response.statusCode(), response::asString);
        var body = JSON.readTree(response.asString());
        // Every response names its graph revision; the answer is the rest.
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("extensions");
        var over200 = value.length() > 200;
        if (over200 && argument.field().equals("search")) {
            assertError(body, "search", "BAD_ARGUMENT", "validation failed: search.text size must be between 1 and 200");
        } else if (over200 && argument.field().equals("companies")) {
            assertError(body, "companies", "BAD_ARGUMENT", "validation failed: companies.nameContains size must be between 0 and 200");
        } else if (argument.answer().startsWith("NOT_FOUND:")) {
            assertError(body, argument.field(), "NOT_FOUND", "No " + argument.answer().substring(10) + " with id '" + value + "'");
        } else {
            assertEquals(JSON.readTree("{\"data\":{\"" + argument.field() + "\":" + argument.answer() + "}}"), body, response::asString);
        }
    }

    /** One error with this code and message, and the field answered null. */
    private static void assertError(com.fasterxml.jackson.databind.JsonNode body, String field, String code, String message) {
        assertEquals(1, body.path("errors").size(), body::toString);
        assertEquals(code, body.at("/errors/0/extensions/code").asText(), body::toString);
        assertEquals(message, body.at("/errors/0/message").asText(), body::toString);
        assertTrue(body.at("/data/" + field).isNull(), body::toString);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("invalid JSON", "application/json", "{\"query\": ", 400, 400, "BAD_REQUEST"),
                Arguments.of("JSON array", "application/json", "[1, 2]", 400, 400, "BAD_REQUEST"),
                Arguments.of("empty body", "application/json", "", 400, 400, "BAD_REQUEST"),
                Arguments.of("query not a string", "application/json", "{\"query\": 42}", 400, 400, "BAD_REQUEST"),
                Arguments.of("no query", "application/json", "{\"variables\": {}}", 400, 400, "BAD_REQUEST"),
                Arguments.of("unparseable query", "application/json", "{\"query\": \"{ agreement(id: \"}", 400, 200, "GRAPHQL_PARSE_FAILED"),
                Arguments.of("unknown field", "application/json", "{\"query\": \"{ agreement(id: \\\"x\\\") { nope } }\"}", 400, 200, "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("unknown argument", "application/json", "{\"query\": \"{ agreement(ident: \\\"x\\\") { id } }\"}", 400, 200, "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("wrong argument type", "application/json", "{\"query\": \"{ agreements(first: \\\"ten\\\") { totalCount } }\"}", 400, 200, "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("variable of the wrong type", "application/json",
                        "{\"query\": \"query($n: Int) { agreements(first: $n) { totalCount } }\", \"variables\": {\"n\": \"many\"}}", 200, 200, "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("undeclared variable", "application/json", "{\"query\": \"{ agreement(id: $x) { id } }\"}", 400, 200, "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("invalid date", "application/json", "{\"query\": \"{ stake(holder: \\\"microsoft\\\", company: \\\"openai\\\", asOf: \\\"2026-02-30\\\") { percent } }\"}", 200, 200, "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("date in another format", "application/json", "{\"query\": \"{ stake(holder: \\\"microsoft\\\", company: \\\"openai\\\", asOf: \\\"27/04/2026\\\") { percent } }\"}", 200, 200, "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("invalid currency", "application/json", "{\"query\": \"{ agreements(filter: {currency: \\\"dollars\\\"}) { totalCount } }\"}", 200, 200, "BAD_ARGUMENT"),
                Arguments.of("negative page size", "application/json", "{\"query\": \"{ agreements(first: -1) { totalCount } }\"}", 200, 200, "BAD_ARGUMENT"),
                Arguments.of("page size over the maximum", "application/json", "{\"query\": \"{ agreements(first: 101) { totalCount } }\"}", 400, 200, "LIMIT_EXCEEDED"),
                Arguments.of("forged cursor", "application/json", "{\"query\": \"{ agreements(after: \\\"cG9zOi01\\\") { totalCount } }\"}", 200, 200, "BAD_ARGUMENT"),
                Arguments.of("unknown enum value", "application/json", "{\"query\": \"{ agreements(filter: {kinds: [LOAN]}) { totalCount } }\"}", 400, 200, "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("deep nesting", "application/json", "{\"query\": \"" + deep(40) + "\"}", 400, 200, "LIMIT_EXCEEDED"),
                Arguments.of("aliases multiplied past the token limit", "application/json", "{\"query\": \"{ " + aliases(600) + " }\"}", 400, 200, "LIMIT_EXCEEDED"),
                Arguments.of("too many tokens", "application/json", "{\"query\": \"{ " + "company(id: \\\"x\\\") { id } ".repeat(1500) + "}\"}", 400, 200, "LIMIT_EXCEEDED"),
                Arguments.of("mutation without credential", "application/json", "{\"query\": \"mutation { loadDeals(content: \\\"agreements: []\\\") { outcome } }\"}", 200, 200, "UNAUTHORIZED"),
                Arguments.of("garbage deal file without a credential", "application/json", "{\"query\": \"mutation { loadDeals(content: \\\"{{{\\\") { outcome } }\"}", 200, 200, "UNAUTHORIZED"));
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
    void malformedRequestsGetASpecificError(String what, String contentType, String body, int status, int jsonStatus, String code) {
        var response = given().contentType(contentType).accept("application/graphql-response+json").body(body).post("/graphql");
        assertClean(response);
        assertEquals(status, response.statusCode(), () -> what + ": " + response.asString());
        assertEquals(code, response.jsonPath().getString("errors[0].extensions.code"), () -> what + ": " + response.asString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void jsonClientsGet200ForDocumentsAnd400ForWhatIsNotARequest(String what, String contentType, String body, int status, int jsonStatus,
            String code) {
        var response = given().contentType(contentType).accept("application/json").body(body).post("/graphql");
        assertClean(response);
        assertEquals(jsonStatus, response.statusCode(), () -> what + ": " + response.asString());
        assertEquals(code, response.jsonPath().getString("errors[0].extensions.code"), () -> what + ": " + response.asString());
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
