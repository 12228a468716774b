package org.dealgraph.research;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An agreement's links as the graph held them: its products, tranches, source claims (with their texts) and the
 * amendments made to it (with their fields) are changed by a later load, a claim is retracted and restored, and the
 * agreement changed once more; every answer captured after a step — GraphQL, the researchers' query 13 and the network
 * export — is given again, whole, when asked afterwards for the moment of that step.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class LinksAsKnownTest extends FreshSeedGraphTest {

    private static final String DEAL = """
            sources:
              - {id: kept-a, url: "https://example.org/kept-a", publisher: Example, published: 2026-03-01}
              - {id: kept-b, url: "https://example.org/kept-b", publisher: Example, published: 2026-03-02}
            agreements:
              - id: kept-license
                kind: IP_LICENSE
                title: A license whose links change
                parties: [{company: microsoft, role: LICENSEE}, {company: openai, role: LICENSOR}]
                products: [azure]
                announced: 2026-03-01
                effectiveFrom: 2026-03-01
                exclusive: true
                money: USD 10B
                tranches:
                  - {label: first, money: USD 4B}
                  - {label: option, money: USD 6B, conditional: true}
                sources:
                  - {source: kept-a, confidence: INFERRED, claim: "the first reading"}
                  - {source: kept-b, confidence: REPORTED}
              - id: kept-amendment
                kind: PARTNERSHIP
                title: The license made non-exclusive
                parties: [{company: microsoft, role: PARTNER}, {company: openai, role: PARTNER}]
                announced: 2026-05-01
                amends:
                  - agreement: kept-license
                    kind: AMENDMENT
                    effective: 2026-06-01
                    summary: no longer exclusive from June
                    changes:
                      - {field: exclusive, to: false}
                sources: [{source: kept-a, confidence: STATED}]
            """;

    private static final String CORRECTED = DEAL.replace("products: [azure]", "products: [chatgpt]")
            .replace("{label: first, money: USD 4B}", "{label: first, money: USD 5B}")
            .replace("{label: option, money: USD 6B, conditional: true}", "{label: second, money: USD 5B}")
            .replace("the first reading", "the corrected reading")
            .replace("effective: 2026-06-01", "effective: 2026-09-01").replace("no longer exclusive from June", "no longer exclusive from September");

    private static final String QUERY = """
            query($at: DateTime) {
              agreement(id: "kept-license", knownAsOf: $at) {
                id title products { id } tranches { label money { text } conditional }
                sources { source { id } confidence claim }
                amendedBy { agreementId kind effective { text } summary changes { field to } sources { source { id } claim } }
                license(asOf: "2026-07-01") { exclusive basis { rule confidence } }
                totalValue(asOf: "2026-07-01") { committed { text } basis { rule } } }
              amendment: agreement(id: "kept-amendment", knownAsOf: $at) { amends { agreementId effective { text } summary } }
              reported: agreements(knownAsOf: $at, filter: {party: "openai", minConfidence: REPORTED, kinds: [IP_LICENSE], announcedFrom: "2026-02-28"}, first: 5) {
                edges { node { id } } }
              timeline(company: "openai", from: "2026-05-15", to: "2026-12-31", knownAsOf: $at) { date { text } kind agreementId summary }
            }""";

    @Test
    void linksCapturedAfterAStepAreGivenAgainForTheMomentOfThatStep() {
        var fact = Map.<String, Object>of("agreement", "kept-license", "source", "kept-b");
        var steps = List.<Runnable>of(
                () -> Curator.loadFile(Curator.TOKEN, "kept.yaml", DEAL, false).statusCode(200),
                () -> Curator.loadFile(Curator.TOKEN, "kept.yaml", CORRECTED, false).statusCode(200),
                () -> Curator.graphql(Curator.TOKEN, "mutation($fact: FactInput!) { retractFact(fact: $fact, reason: \"test\") { id } }",
                        Map.of("fact", fact)).body("errors", nullValue()),
                () -> Curator.graphql(Curator.TOKEN, "mutation($fact: FactInput!) { restoreFact(fact: $fact, reason: \"test\") { kind } }",
                        Map.of("fact", fact)).body("errors", nullValue()),
                () -> Curator.loadFile(Curator.TOKEN, "kept.yaml", CORRECTED.replace("A license whose links change", "A license, retitled"),
                        false).statusCode(200));
        var moments = new ArrayList<Instant>();
        var answers = new ArrayList<String>();
        var rows = new ArrayList<List<Object>>();
        var exports = new ArrayList<String>();
        for (var step : steps) {
            step.run();
            answers.add(answer(null));
            moments.add(Instant.now());
            rows.add(asKnown(moments.get(moments.size() - 1)));
            exports.add(export(moments.get(moments.size() - 1)));
        }

        for (int i = 0; i < moments.size(); i++) {
            assertEquals(answers.get(i), answer(moments.get(i)), "GraphQL, as known after step " + (i + 1));
            assertEquals(rows.get(i), asKnown(moments.get(i)), "query 13, as known after step " + (i + 1));
            assertEquals(exports.get(i), export(moments.get(i)), "the network export, as known after step " + (i + 1));
        }
        // What each step showed, so that equal answers cannot hide a read that sees nothing change.
        var first = JsonPath.from(answers.get(0));
        assertEquals(List.of("azure"), first.getList("data.agreement.products.id"), answers.get(0));
        assertEquals(List.of("first USD 4B false", "option USD 6B true"), tranches(first));
        assertEquals(List.of("kept-a the first reading", "kept-b null"), claims(first));
        assertEquals("2026-06-01 no longer exclusive from June", first.getString("data.agreement.amendedBy[0].effective.text") + " "
                + first.getString("data.agreement.amendedBy[0].summary"));
        assertEquals(false, first.getBoolean("data.agreement.license.exclusive"), "non-exclusive from June, asked for July");
        assertEquals("2026-06-01", first.getString("data.amendment.amends[0].effective.text"));
        assertEquals(List.of("kept-license"), first.getList("data.reported.edges.node.id"));
        var second = JsonPath.from(answers.get(1));
        assertEquals(List.of("chatgpt"), second.getList("data.agreement.products.id"));
        assertEquals(List.of("first USD 5B false", "second USD 5B false"), tranches(second));
        assertEquals(List.of("kept-a the corrected reading", "kept-b null"), claims(second));
        assertEquals(true, second.getBoolean("data.agreement.license.exclusive"), "non-exclusive only from September");
        assertNotEquals(first.getString("data.agreement.totalValue.committed.text"), second.getString("data.agreement.totalValue.committed.text"));
        var retracted = JsonPath.from(answers.get(2));
        assertEquals(List.of("kept-a the corrected reading"), claims(retracted));
        assertEquals(List.of(), retracted.getList("data.reported.edges.node.id"), "no claim REPORTED or better while it stood retracted");
        assertEquals(List.of("kept-a the corrected reading", "kept-b null"), claims(JsonPath.from(answers.get(3))));
        assertEquals(List.of("kept-license"), JsonPath.from(answers.get(3)).getList("data.reported.edges.node.id"));
        assertEquals("A license, retitled", JsonPath.from(answers.get(4)).getString("data.agreement.title"));
        assertNotEquals(exports.get(0), exports.get(1));
    }

    private static String answer(Instant knownAsOf) {
        var variables = new HashMap<String, Object>();
        variables.put("at", knownAsOf == null ? null : knownAsOf.toString());
        return GraphQL.answer(Curator.graphql(null, QUERY, variables).statusCode(200).extract().jsonPath());
    }

    private static List<String> tranches(JsonPath answer) {
        List<Map<String, Object>> tranches = answer.getList("data.agreement.tranches");
        return tranches.stream().map(t -> t.get("label") + " " + ((Map<?, ?>) t.get("money")).get("text") + " " + t.get("conditional")).toList();
    }

    private static List<String> claims(JsonPath answer) {
        List<Map<String, Object>> claims = answer.getList("data.agreement.sources");
        return claims.stream().map(c -> ((Map<?, ?>) c.get("source")).get("id") + " " + c.get("claim")).sorted().toList();
    }

    /** Query 13's row for the license as known at {@code moment}. */
    private static List<Object> asKnown(Instant moment) {
        String text;
        try {
            text = Files.readString(Path.of("graph", "queries", "13_agreement_as_known_on_a_date.cypher"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        var json = JsonPath.from(CypherEndpointTest.cypher(text, Map.of("agreement", "kept-license", "knownAsOf", moment.toString()))
                .statusCode(200).extract().asString());
        List<List<Object>> found = json.getList("rows");
        assertEquals(1, found.size(), json::prettify);
        return found.get(0);
    }

    /**
     * The network export of the licensee's neighbourhood as known at {@code moment}, as JSON-LD: its nodes and links,
     * each as JSON, sorted (the export streams rows in the store's order, which a rewrite of a link changes).
     */
    private static String export(Instant moment) {
        List<Object> graph = JsonPath.from(given().get("/research/export?format=jsonld&company=microsoft&knownAsOf=" + moment)
                .then().statusCode(200).extract().asString()).getList("'@graph'");
        return String.join("\n", graph.stream().map(GraphQL::json).sorted().toList());
    }
}
