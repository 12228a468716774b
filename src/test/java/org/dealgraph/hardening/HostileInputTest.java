package org.dealgraph.hardening;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.dealgraph.testing.TestGraph;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Hostile input at every door but {@code /cypher} (that one is {@code HostileStatementsTest}), each with the exact
 * code it must get and the field it must name: GraphQL arguments and variables, the curator mutations, deal files
 * through {@code /deals} (authenticated, so the parser is reached) and {@code seed/load}. Real control characters,
 * direction overrides and invalid UTF-8 among them. Nothing is ever written.
 */
@Tag("hardening")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class HostileInputTest extends SeedGraphTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private static Arguments graphql(String query, Map<String, Object> variables, String code, String names) {
        return Arguments.of(query, variables, code, names);
    }

    static Stream<Arguments> graphqlArguments() {
        var filter = "query($f: AgreementFilter) { agreements(filter: $f) { totalCount } }";
        var owed = "{ agreement(id: \"openai-msft-revenue-share\") { owed(revenue: %s, currency: \"%s\", from: \"%s\", to: \"%s\") { committed { text } } } }";
        return Stream.of(
                graphql("{ agreements(first: -1) { totalCount } }", null, "BAD_ARGUMENT", "agreements.first"),
                graphql("{ agreements(first: 101) { totalCount } }", null, "LIMIT_EXCEEDED", "first"),
                graphql("{ agreements(after: \"garbage\") { totalCount } }", null, "BAD_ARGUMENT", "after"),
                graphql("{ agreements(after: \"cG9zOi01\") { totalCount } }", null, "BAD_ARGUMENT", "after"),
                graphql("{ agreements(filter: {minAmount: -5}) { totalCount } }", null, "BAD_ARGUMENT", "minAmount"),
                graphql("{ agreements(filter: {currency: \"dollars\"}) { totalCount } }", null, "BAD_ARGUMENT", "currency"),
                graphql("{ agreements(filter: {kinds: [LOAN]}) { totalCount } }", null, "GRAPHQL_VALIDATION_FAILED", "kinds"),
                graphql("{ agreements(orderBy: NOPE) { totalCount } }", null, "GRAPHQL_VALIDATION_FAILED", "orderBy"),
                graphql("{ agreement(id: \"msft-openai-ip-license\") { license(asOf: \"2026-13-45\") { exclusive } } }", null,
                        "GRAPHQL_VALIDATION_FAILED", "asOf"),
                graphql("{ stake(holder: \"microsoft\", company: \"openai\", asOf: \"2026-02-30\") { percent } }", null,
                        "GRAPHQL_VALIDATION_FAILED", "asOf"),
                graphql("{ stake(holder: \"microsoft\", company: \"openai\", asOf: \"27/04/2026\") { percent } }", null,
                        "GRAPHQL_VALIDATION_FAILED", "asOf"),
                graphql("{ servingClouds(company: \"openai\", asOf: \"yesterday\") { anyCloud } }", null, "GRAPHQL_VALIDATION_FAILED", "asOf"),
                graphql("{ timeline(company: \"openai\", from: \"2026-01-01\", to: \"2025-01-01\") { kind } }", null, "BAD_ARGUMENT", "'to'"),
                graphql("{ agreement(id: \"aws-openai-compute-2025\") { license(asOf: \"2026-01-01\") { exclusive } } }", null,
                        "NOT_APPLICABLE", "IP_LICENSE"),
                graphql("{ agreement(id: \"aws-openai-compute-2025\") { revenueShare(asOf: \"2026-01-01\") { active } } }", null,
                        "NOT_APPLICABLE", "REVENUE_SHARE"),
                graphql("{ agreement(id: \"\") { id } }", null, "NOT_FOUND", "''"),
                graphql("{ company(id: \"no-such-company\") { id } }", null, "NOT_FOUND", "no-such-company"),
                graphql("{ company(id: \"a\\u0000b\") { id } }", null, "NOT_FOUND", "company"),
                graphql("{ person(id: \"\\u202Eevil\") { id } }", null, "NOT_FOUND", "person"),
                graphql("{ search(text: \"\") { id } }", null, "BAD_ARGUMENT", "search.text"),
                graphql("{ search(text: \"" + "x".repeat(201) + "\") { id } }", null, "BAD_ARGUMENT", "search.text"),
                graphql(owed.formatted("-5", "USD", "2026-01-01", "2026-12-31"), null, "BAD_ARGUMENT", "owed.revenue"),
                graphql(owed.formatted("5", "usd", "2026-01-01", "2026-12-31"), null, "BAD_ARGUMENT", "currency"),
                graphql(owed.formatted("5", "USD", "2026-12-31", "2026-01-01"), null, "BAD_ARGUMENT", "'to'"),
                graphql("query($n: Int) { agreements(first: $n) { totalCount } }", Map.of("n", "many"), "GRAPHQL_VALIDATION_FAILED", "first"),
                graphql("query($n: Int) { agreements(first: $n) { totalCount } }", Map.of("n", 1e12), "BAD_ARGUMENT", "agreements"),
                graphql("query($id: ID!) { agreement(id: $id) { id } }", Map.of(), "GRAPHQL_VALIDATION_FAILED", "'id'"),
                graphql(filter, Map.of("f", Map.of("minAmount", "lots")), "GRAPHQL_VALIDATION_FAILED", "filter"),
                graphql(filter, Map.of("f", Map.of("nope", 1)), "GRAPHQL_VALIDATION_FAILED", "'nope'"),
                graphql(filter, Map.of("f", Map.of("kinds", List.of("LOAN"))), "GRAPHQL_VALIDATION_FAILED", "'f'"),
                graphql("{ agreement(id: \"x\") { nope } }", null, "GRAPHQL_VALIDATION_FAILED", "'nope'"),
                graphql("{ agreement(ident: \"x\") { id } }", null, "GRAPHQL_VALIDATION_FAILED", "argument 'id'"),
                graphql("{ agreement(id: $x) { id } }", null, "GRAPHQL_VALIDATION_FAILED", "'x'"),
                graphql("{ agreements(first: \"ten\") { totalCount } }", null, "GRAPHQL_VALIDATION_FAILED", "'first'"),
                graphql("{ agreements(filter: {minAmount: \"lots\"}) { totalCount } }", null, "GRAPHQL_VALIDATION_FAILED", "'filter.minAmount'"),
                graphql("mutation { loadDeals(content: \"agreements: []\") { outcome } }", null, "UNAUTHORIZED", "curator token"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("graphqlArguments")
    void graphqlArgumentsAndVariables(String query, Map<String, Object> variables, String code, String names) {
        unchanged(() -> {
            var body = new HashMap<String, Object>();
            body.put("query", query);
            if (variables != null) {
                body.put("variables", variables);
            }
            var response = given().contentType("application/json").body(body).post("/graphql").then().statusCode(200).extract();
            assertEquals(code, response.path("errors[0].extensions.code"), response::asString);
            String message = response.path("errors[0].message");
            assertTrue(message.contains(names), () -> "names " + names + ": " + message);
            assertClean(response);
        });
    }

    private static Arguments mutation(String query, Map<String, Object> variables, String names) {
        return Arguments.of(query, variables, names);
    }

    static Stream<Arguments> mutationInputs() {
        var company = "mutation($c: CompanyEntryInput!) { upsertCompany(company: $c) { outcome } }";
        var agreement = "mutation($a: AgreementEntryInput!) { recordAgreement(agreement: $a) { outcome } }";
        return Stream.of(
                mutation(company, Map.of("c", companyInput("Bad Id", "Name", List.of())), "companies[0].id"),
                mutation(company, Map.of("c", companyInput("ok-co", "   ", List.of())), "companies[0].name"),
                mutation(company, Map.of("c", companyInput("ok-co", "Nul\u0000Name", List.of())), "companies[0].name: contains the control character U+0000"),
                mutation(company, Map.of("c", companyInput("ok-co", "Bell\u0007", List.of())), "companies[0].name: contains the control character U+0007"),
                mutation(company, Map.of("c", companyInput("ok-co", "Escape\u001b[31m", List.of())), "companies[0].name: contains the control character U+001B"),
                mutation(company, Map.of("c", companyInput("ok-co", "C1\u0085", List.of())), "companies[0].name: contains the control character U+0085"),
                mutation(company, Map.of("c", companyInput("ok-co", "evil\u202Egnp.exe", List.of())), "companies[0].name: contains the direction override U+202E"),
                mutation(company, Map.of("c", companyInput("ok-co", "isolate\u2066x", List.of())), "companies[0].name: contains the direction override U+2066"),
                mutation(company, Map.of("c", companyInput("ok-co", "Fine", List.of("ok", "bad\u0000"))), "companies[0].aliases[1]"),
                mutation(company, Map.of("c", Map.of("id", "ok-co", "name", "Fine", "kinds", List.of("WIZARD"))), "companies[0].kinds[0]"),
                mutation(agreement, Map.of("a", agreementInput(Map.of("money", "USD -1B"))), "agreements[0].money"),
                mutation(agreement, Map.of("a", agreementInput(Map.of("money", "XYZ 1B"))), "agreements[0].money"),
                mutation(agreement, Map.of("a", agreementInput(Map.of("announced", "2026-02-30"))), "agreements[0].announced"),
                mutation(agreement, Map.of("a", agreementInput(Map.of("ratePercent", "120"))), "agreements[0].ratePercent"),
                mutation(agreement, Map.of("a", agreementInput(Map.of("title", "   "))), "agreements[0].title"),
                mutation(agreement, Map.of("a", agreementInput(Map.of("title", "Hidden\u0000title"))), "agreements[0].title: contains the control character"),
                mutation(agreement, Map.of("a", agreementInput(Map.of("summary", "line\u000bfeed"))), "agreements[0].summary: contains the control character U+000B"),
                mutation(agreement, Map.of("a", agreementInput(Map.of("sources", List.of()))), "agreements[0].sources"),
                mutation(agreement, Map.of("a", agreementInput(Map.of("parties", List.of(Map.of("company", "openai", "role", "CUSTOMER"),
                        Map.of("company", "no-such-company", "role", "PROVIDER"))))), "agreements[0].parties[1].company"),
                mutation(agreement, Map.of("a", agreementInput(Map.of("parties", List.of(Map.of("company", "openai", "role", "LICENSEE"),
                        Map.of("company", "aws", "role", "PROVIDER"))))), "agreements[0].parties[0].role"),
                mutation("mutation($c: String!) { loadDeals(content: $c) { outcome problems { path message } } }", Map.of("c", "{{{"), "line"),
                mutation("mutation($c: String!) { loadDeals(content: $c) { outcome problems { path message } } }",
                        Map.of("c", "companies:\n  - {id: x-co, name: \"x\\u0000\", kinds: [AI_LAB]}\n"), "companies[0].name"));
    }

    private static Map<String, Object> companyInput(String id, String name, List<String> aliases) {
        return Map.of("id", id, "name", name, "kinds", List.of("AI_LAB"), "aliases", aliases);
    }

    private static Map<String, Object> agreementInput(Map<String, Object> changes) {
        var input = new HashMap<String, Object>(Map.of("id", "hostile-deal", "kind", "COMPUTE_COMMITMENT", "title", "A deal",
                "parties", List.of(Map.of("company", "openai", "role", "CUSTOMER"), Map.of("company", "aws", "role", "PROVIDER")),
                "announced", "2026-01-15", "money", "USD 1B",
                "sources", List.of(Map.of("source", "theaitrack-openai-aws", "confidence", "STATED"))));
        input.putAll(changes);
        return input;
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("mutationInputs")
    void curatorMutations(String query, Map<String, Object> variables, String names) {
        unchanged(() -> {
            var response = Curator.graphql(Curator.TOKEN, query, variables).statusCode(200).extract();
            if (query.contains("loadDeals")) {
                // A whole file answers with its report, as /deals does.
                assertEquals("REJECTED", response.path("data.loadDeals.outcome"), response::asString);
                List<String> paths = response.path("data.loadDeals.problems.path");
                assertTrue(paths.stream().anyMatch(p -> p.startsWith(names)), () -> "names " + names + ": " + response.asString());
            } else {
                assertEquals("VALIDATION", response.path("errors[0].extensions.code"), response::asString);
                String message = response.path("errors[0].message");
                assertTrue(message.contains(names), () -> "names " + names + ": " + message);
            }
            assertClean(response);
        });
    }

    static final String FILE = """
            sources:
              - {id: hostile-src, url: "https://example.com/hostile", publisher: Example}
            agreements:
              - id: hostile-deal
                kind: COMPUTE_COMMITMENT
                title: A deal
                parties: [{company: openai, role: CUSTOMER}, {company: aws, role: PROVIDER}]
                announced: 2026-01-15
                effectiveFrom: 2026-02-01
                money: USD 1B
                sources: [{source: hostile-src, confidence: STATED}]
            """;

    private static Arguments file(String what, String from, String to, String path) {
        return Arguments.of(what, FILE.replace(from, to).getBytes(StandardCharsets.UTF_8), 422, path);
    }

    private static Arguments bytes(String what, byte[] content, int status, String path) {
        return Arguments.of(what, content, status, path);
    }

    private static byte[] withBytes(String before, byte[] bad, String after) {
        var head = before.getBytes(StandardCharsets.UTF_8);
        var tail = after.getBytes(StandardCharsets.UTF_8);
        var all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        return all;
    }

    static Stream<Arguments> dealFiles() {
        var start = FILE.substring(0, FILE.indexOf("A deal"));
        var end = FILE.substring(FILE.indexOf("A deal") + "A deal".length());
        return Stream.of(
                file("negative amount", "money: USD 1B", "money: USD -1B", "agreements[0].money"),
                file("unknown currency", "money: USD 1B", "money: XYZ 1B", "agreements[0].money"),
                file("amount without currency", "money: USD 1B", "money: 1000000", "agreements[0].money"),
                file("rate over 100%", "money: USD 1B", "ratePercent: 120", "agreements[0].ratePercent"),
                file("stake over 100%", "money: USD 1B", "stakePercent: '101'", "agreements[0].stakePercent"),
                file("impossible day", "announced: 2026-01-15", "announced: 2026-02-30", "agreements[0].announced"),
                file("not a date", "announced: 2026-01-15", "announced: next spring", "agreements[0].announced"),
                file("end before start", "money: USD 1B", "effectiveUntil: 2025-12", "agreements[0].effectiveUntil"),
                file("unknown kind", "kind: COMPUTE_COMMITMENT", "kind: LOAN", "agreements[0].kind"),
                file("role that does not fit", "role: CUSTOMER}", "role: LICENSEE}", "agreements[0].parties[0].role"),
                file("unknown role", "role: CUSTOMER}", "role: BUYER}", "agreements[0].parties[0].role"),
                file("unknown party", "{company: aws, role: PROVIDER}", "{company: no-such-company, role: PROVIDER}", "agreements[0].parties[1].company"),
                file("unknown confidence", "confidence: STATED}", "confidence: RUMOURED}", "agreements[0].sources[0].confidence"),
                file("unknown source", "{source: hostile-src, confidence", "{source: nowhere, confidence", "agreements[0].sources[0].source"),
                file("relative url", "https://example.com/hostile", "/hostile", "sources[0].url"),
                file("javascript url", "https://example.com/hostile", "javascript:alert(1)", "sources[0].url"),
                file("file url", "https://example.com/hostile", "file:///etc/passwd", "sources[0].url"),
                file("id not a slug", "id: hostile-deal", "id: Hostile Deal!", "agreements[0].id"),
                file("id with a Cypher quote", "id: hostile-deal", "id: \"x'}) DETACH DELETE n //\"", "agreements[0].id"),
                file("unknown field", "money: USD 1B", "price: USD 1B", "agreements[0].price"),
                file("blank title", "title: A deal", "title: '   '", "agreements[0].title"),
                file("title too long", "title: A deal", "title: " + "x".repeat(301), "agreements[0].title"),
                file("NUL escaped in YAML", "title: A deal", "title: \"A\\0deal\"", "agreements[0].title"),
                file("escape sequence in a name", "publisher: Example", "publisher: \"Ex\\e[2Jample\"", "sources[0].publisher"),
                file("direction override", "title: A deal", "title: \"A \\u202E deal\"", "agreements[0].title"),
                file("a list where a text belongs", "title: A deal", "title: [a, b]", "agreements[0].title"),
                file("a mapping where a list belongs", "agreements:", "agreements: {}\nx:", "agreements"),
                bytes("raw BEL in YAML", (start + "A\u0007deal" + end).getBytes(StandardCharsets.UTF_8), 422, "line"),
                bytes("invalid UTF-8 byte", withBytes(start, new byte[] {(byte) 0xff, (byte) 0xfe}, end), 400, "(file)"),
                bytes("overlong UTF-8 slash", withBytes(start, new byte[] {(byte) 0xc0, (byte) 0xaf}, end), 400, "(file)"),
                bytes("UTF-8 encoded surrogate", withBytes(start, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, end), 400, "(file)"),
                bytes("truncated UTF-8 at the end", withBytes(FILE, new byte[] {(byte) 0xe2, (byte) 0x82}, ""), 400, "(file)"),
                bytes("Latin-1 instead of UTF-8", (start + "Caf\u00e9" + end).getBytes(StandardCharsets.ISO_8859_1), 400, "(file)"),
                bytes("empty", new byte[0], 422, "(file)"),
                bytes("a JSON list", "[1, 2]".getBytes(StandardCharsets.UTF_8), 422, "(file)"),
                bytes("a JSON field of the wrong type", "{\"agreements\": \"x\"}".getBytes(StandardCharsets.UTF_8), 422, "agreements"),
                bytes("an unknown top-level field with anchors", "a: &a [x, x]\nb: [*a, *a]\n".getBytes(StandardCharsets.UTF_8), 422, "a"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dealFiles")
    void dealFilesThroughDeals(String what, byte[] content, int status, String path) {
        unchanged(() -> {
            var response = given().contentType("text/plain").accept("application/json").header("Authorization", "Bearer " + Curator.TOKEN)
                    .body(content).post("/deals").then().extract();
            assertEquals(status, response.statusCode(), () -> what + ": " + response.asString());
            assertEquals("REJECTED", response.path("outcome"), what);
            List<String> paths = response.path("problems.path");
            assertNotNull(paths, what);
            assertTrue(paths.stream().anyMatch(p -> p.startsWith(path)), () -> what + ": expected " + path + " in " + response.asString());
            assertClean(response);
        });
    }

    static Stream<Arguments> doors() {
        return Stream.of(
                Arguments.of("no credential", null, "text/plain", 401, "UNAUTHORIZED"),
                Arguments.of("a reader's token", Curator.READER_TOKEN, "text/plain", 403, "FORBIDDEN"),
                Arguments.of("a token nobody issued", "forged-token", "text/plain", 401, "UNAUTHORIZED"),
                Arguments.of("a curator token with a NUL", Curator.TOKEN + "\u0000", "text/plain", 401, "UNAUTHORIZED"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("doors")
    void dealFilesWithoutTheRightCredential(String what, String token, String type, int status, String code) {
        unchanged(() -> {
            var request = given().contentType(type).accept("application/json").body(FILE);
            if (token != null) {
                request = request.header("X-API-Key", token);
            }
            var response = request.post("/deals").then().extract();
            assertEquals(status, response.statusCode(), what);
            assertEquals(code, response.path("code"), what);
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("seedLoadFiles")
    void theSeedScript(String what, byte[] content, String expected) throws Exception {
        var file = Files.createTempFile(Path.of("target"), "hostile-", ".yaml");
        Files.write(file, content);
        unchanged(() -> {
            try {
                var process = new ProcessBuilder("bash", "seed/load", "--url", "http://localhost:" + port, "--token", Curator.TOKEN,
                        file.toString()).redirectErrorStream(true).start();
                var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(1, process.waitFor(), output);
                assertTrue(output.contains("REJECTED, nothing written") && output.contains(expected), () -> what + ": " + output);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    static Stream<Arguments> seedLoadFiles() {
        var start = FILE.substring(0, FILE.indexOf("A deal"));
        var end = FILE.substring(FILE.indexOf("A deal") + "A deal".length());
        return Stream.of(
                Arguments.of("invalid UTF-8", withBytes(start, new byte[] {(byte) 0xff}, end), "(file): is not valid UTF-8"),
                Arguments.of("a NUL in a title", FILE.replace("title: A deal", "title: \"A\\0deal\"").getBytes(StandardCharsets.UTF_8),
                        "agreements[0].title: contains the control character U+0000"),
                Arguments.of("an unknown party", FILE.replace("{company: aws, role: PROVIDER}", "{company: nobody, role: PROVIDER}")
                        .getBytes(StandardCharsets.UTF_8), "agreements[0].parties[1].company"));
    }

    @org.junit.jupiter.api.Test
    void invalidUtf8InAGraphqlBody() {
        unchanged(() -> {
            var body = withBytes("{\"query\": \"{ company(id: \\\"a", new byte[] {(byte) 0xff}, "\\\") { id } }\"}");
            for (var accept : List.of("application/json", "application/graphql-response+json")) {
                var response = given().contentType("application/json").accept(accept).body(body).post("/graphql").then().extract();
                assertEquals(400, response.statusCode(), accept);
                assertEquals("BAD_REQUEST", response.path("errors[0].extensions.code"));
                assertTrue(response.<String>path("errors[0].message").contains("UTF-8"));
            }
        });
    }

    @org.junit.jupiter.api.Test
    void aMutationOverGetIsRefused() {
        given().queryParam("query", "mutation { loadDeals(content: \"agreements: []\") { outcome } }").get("/graphql").then()
                .statusCode(405).body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("METHOD_NOT_ALLOWED"));
    }

    @org.junit.jupiter.api.Test
    void thereAreOverOneHundredFiftyWithCypher() {
        var count = graphqlArguments().count() + mutationInputs().count() + dealFiles().count() + doors().count()
                + seedLoadFiles().count() + 2 + org.dealgraph.research.HostileStatementsTestAccess.refusedCount();
        System.out.printf("hostile inputs with exact codes: %d%n", count);
        assertTrue(count >= 150, "" + count);
    }

    private void unchanged(Runnable request) {
        var before = TestGraph.checksum(driver);
        request.run();
        assertEquals(before, TestGraph.checksum(driver), "nothing was written");
    }

    private static void assertClean(ExtractableResponse<Response> response) {
        var text = response.asString();
        assertFalse(text.contains("\tat ") || text.contains("java.") || text.contains("org.neo4j") || text.contains("System error"), text);
    }
}
