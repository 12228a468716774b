package org.dealgraph.research;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the graph knew, and when, asked in Cypher as a researcher asks it (graph/queries 13 and 14 through POST /cypher):
 * a deal is loaded, changed, amended, the amendment retracted and restored, a party merged into another; the answer
 * captured after each step is given again, whole, when asked afterwards for the moment of that step.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class KnownAsOfQueriesTest extends FreshSeedGraphTest {

    private static final String AS_KNOWN = "13_agreement_as_known_on_a_date.cypher";
    private static final String CHANGES = "14_changes_between_two_dates.cypher";

    private static final String DEAL = """
            sources:
              - {id: known-as-of-source, url: "https://example.org/known-as-of", publisher: Example, published: 2026-03-01}
            agreements:
              - id: known-as-of-compute
                kind: COMPUTE_COMMITMENT
                title: A commitment recorded, then corrected
                parties: [{company: openai, role: CUSTOMER}, {company: aws, role: PROVIDER}]
                announced: 2026-03-01
                money: USD 1B
                sources: [{source: known-as-of-source, confidence: STATED}]
            """;
    private static final String EXPANSION = """
            agreements:
              - id: known-as-of-expansion
                kind: COMPUTE_COMMITMENT
                title: Its expansion
                parties: [{company: openai, role: CUSTOMER}, {company: aws, role: PROVIDER}]
                announced: 2026-04-01
                money: USD 3B
                amends: [{agreement: known-as-of-compute, kind: EXPANSION, effective: 2026-04-01}]
                sources: [{source: known-as-of-source, confidence: REPORTED}]
            """;

    private static final String RETRACT = "mutation($fact: FactInput!) { retractFact(fact: $fact, reason: \"test\") { id } }";
    private static final String RESTORE = "mutation($fact: FactInput!) { restoreFact(fact: $fact, reason: \"test\") { kind } }";

    @Test
    void everyAnswerCapturedAfterAStepIsGivenAgainForTheMomentOfThatStep() throws Exception {
        var before = Instant.now();
        var steps = new ArrayList<Runnable>();
        steps.add(() -> Curator.loadFile(Curator.TOKEN, "known-as-of.yaml", DEAL, false).statusCode(200));
        steps.add(() -> Curator.loadFile(Curator.TOKEN, "known-as-of.yaml",
                DEAL.replace("USD 1B", "USD 2B").replace("recorded, then corrected", "as corrected"), false).statusCode(200));
        steps.add(() -> Curator.loadFile(Curator.TOKEN, "known-as-of-expansion.yaml", EXPANSION, false).statusCode(200));
        steps.add(() -> Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("agreement", "known-as-of-expansion")))
                .body("errors", nullValue()));
        steps.add(() -> Curator.graphql(Curator.TOKEN, RESTORE, Map.of("fact", Map.of("agreement", "known-as-of-expansion")))
                .body("errors", nullValue()));
        steps.add(() -> Curator.graphql(Curator.TOKEN,
                "mutation { mergeCompanies(company: \"aws\", into: \"amazon\", reason: \"test\") { kind } }", Map.of())
                .body("errors", nullValue()));
        steps.add(() -> Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("agreement", "known-as-of-compute")))
                .body("errors", nullValue()));

        var moments = new ArrayList<Instant>();
        var captured = new ArrayList<List<Map<String, Object>>>();
        var answered = new ArrayList<String>();
        var revisions = new ArrayList<Long>();
        for (var step : steps) {
            step.run();
            revisions.add(revision());
            answered.add(graphql(null));
            var now = Instant.now();
            moments.add(now);
            captured.add(asKnown("known-as-of-compute", now));
        }

        assertEquals(revisions.stream().sorted().distinct().toList(), revisions, "every write names a later revision: " + revisions);
        assertEquals(List.of(), asKnown("known-as-of-compute", before), "recorded later: not known before");
        assertThat(graphql(before), containsString("NOT_FOUND"));
        for (int i = 0; i < moments.size(); i++) {
            assertEquals(captured.get(i), asKnown("known-as-of-compute", moments.get(i)), "Cypher, as known after step " + (i + 1));
            assertEquals(answered.get(i), graphql(moments.get(i)), "GraphQL, as known after step " + (i + 1));
        }
        // Pinned to the revision each step made: the same answers; asked again after another load, the same bytes.
        for (int i = 0; i < revisions.size(); i++) {
            assertEquals(answered.get(i), graphqlAt(revisions.get(i)).get("answer"), "GraphQL, pinned to revision " + revisions.get(i));
        }
        var pinned = graphqlAt(revisions.get(1)).get("body");
        Curator.loadFile(Curator.TOKEN, "known-as-of-later.yaml", EXPANSION.replace("known-as-of-expansion", "known-as-of-later")
                .replace("aws", "amazon").replaceAll("(?m)^\\s*amends:.*\n", ""),
                false).statusCode(200);
        assertEquals(pinned, graphqlAt(revisions.get(1)).get("body"), "a read pinned to a revision, after a later load");
        assertThat(pinned, containsString("\"pinned\":true"));
        assertThat(Curator.graphql(null, "{ agreement(id: \"known-as-of-compute\", knownAt: 999999) { id } }", Map.of()).extract().asString(),
                containsString("NOT_FOUND"));
        assertThat(answered.get(2), containsString("USD 2B (2026-03-01) + USD 3B expansion (2026-04-01) = USD 5B"));
        assertThat(answered.get(3), containsString("\"rule\":\"USD 2B"));
        assertThat(io.restassured.path.json.JsonPath.from(answered.get(3)).getString("data.agreement.totalValue.basis.rule"),
                not(containsString("expansion")));
        // The page and the timeline: the expansion joins both when loaded, leaves them while retracted, and the party
        // (merged into another at step 6) has no page nor timeline since.
        var pages = answered.stream().map(a -> io.restassured.path.json.JsonPath.from(a)).toList();
        assertEquals(List.of("known-as-of-compute"), pages.get(0).getList("data.page.edges.node.id"));
        assertEquals(List.of("known-as-of-compute", "known-as-of-expansion"), pages.get(2).getList("data.page.edges.node.id"),
                "sorted by the total with the expansion: USD 5B before USD 3B");
        assertEquals(List.of("known-as-of-compute"), pages.get(3).getList("data.page.edges.node.id"));
        assertEquals(List.of(), pages.get(5).getList("data.page.edges.node.id"));
        assertEquals("aws", pages.get(4).getString("data.merged.id"));
        assertEquals("amazon", pages.get(5).getString("data.merged.id"), "aws, merged into amazon at step 6, answers as amazon since");
        assertThat(pages.get(2).getList("data.merged.agreements.id"), org.hamcrest.Matchers.hasItem("known-as-of-expansion"));
        assertThat(pages.get(3).getList("data.merged.agreements.id"), not(org.hamcrest.Matchers.hasItem("known-as-of-expansion")));
        assertThat(pages.get(2).getString("data.combinedCommitments.basis.rule"), containsString("known-as-of-expansion"));
        assertThat(pages.get(3).getString("data.combinedCommitments.basis.rule"), not(containsString("known-as-of-expansion")));
        assertEquals(List.of("known-as-of-compute", "aws"), pages.get(0).getList("data.nodes.id"));
        assertEquals(3, pages.get(0).getList("data.nodes").size());
        assertEquals(null, (Object) pages.get(0).get("data.nodes[2]"), "node(s): the expansion was not recorded yet");
        assertEquals(List.of("known-as-of-compute", "amazon", "known-as-of-expansion"), pages.get(5).getList("data.nodes.id"),
                "node(s): aws merged into amazon answers as amazon");
        assertEquals(List.of("aws-openai-expansion-2026", "known-as-of-compute", "known-as-of-expansion"),
                pages.get(2).getList("data.company.agreementsConnection.edges.node.id"));
        assertEquals(List.of("aws-openai-compute-2025", "aws-openai-expansion-2026", "known-as-of-compute"),
                pages.get(3).getList("data.company.agreementsConnection.edges.node.id"));
        assertThat(pages.get(2).getList("data.timeline.kind").toString(), containsString("EXPANSION"));
        assertThat(pages.get(3).getList("data.timeline.agreementId").toString(), not(containsString("known-as-of-expansion")));
        assertThat(pages.get(1).getList("data.timeline.title").toString(), containsString("A commitment as corrected"));
        assertThat(pages.get(0).getList("data.timeline.title").toString(), containsString("A commitment recorded, then corrected"));
        assertThat(answered.get(5), containsString("NOT_FOUND"));
        assertEquals(null, (Object) pages.get(5).get("data.timeline"));
        // What each step showed, so that equal answers cannot hide a query that sees nothing change.
        assertEquals("USD 1B|A commitment recorded, then corrected|[aws PROVIDER, openai CUSTOMER]|[]|false", summary(captured.get(0)));
        assertEquals("USD 2B|A commitment as corrected|[aws PROVIDER, openai CUSTOMER]|[]|false", summary(captured.get(1)));
        assertEquals("USD 2B|A commitment as corrected|[aws PROVIDER, openai CUSTOMER]|[known-as-of-expansion EXPANSION from 2026-04-01]|false",
                summary(captured.get(2)));
        assertEquals("USD 2B|A commitment as corrected|[aws PROVIDER, openai CUSTOMER]|[]|false", summary(captured.get(3)));
        assertEquals("USD 2B|A commitment as corrected|[aws PROVIDER, openai CUSTOMER]|[known-as-of-expansion EXPANSION from 2026-04-01]|false",
                summary(captured.get(4)));
        assertEquals("USD 2B|A commitment as corrected|[amazon PROVIDER, openai CUSTOMER]|[known-as-of-expansion EXPANSION from 2026-04-01]|false",
                summary(captured.get(5)));
        assertEquals("USD 2B|A commitment as corrected|[amazon PROVIDER, openai CUSTOMER]|[known-as-of-expansion EXPANSION from 2026-04-01]|true",
                summary(captured.get(6)));

        var changes = run(CHANGES, Map.of("from", before.toString(), "to", moments.get(moments.size() - 1).toString())).stream()
                .map(r -> r.get("change") + " " + r.get("fact")).toList();
        // A load is one moment (its transaction's clock): its facts are recorded at the same time, ordered by id.
        assertEquals(List.of("RECORDED known-as-of-compute", "RECORDED known-as-of-source", "CHANGED known-as-of-compute",
                "RECORDED known-as-of-expansion", "RETRACTED AGREEMENT known-as-of-expansion", "RESTORED AGREEMENT known-as-of-expansion",
                "RETRACTED COMPANY_MERGE aws", "RETRACTED AGREEMENT known-as-of-compute"), changes);
        var changed = run(CHANGES, Map.of("from", moments.get(0).toString(), "to", moments.get(1).toString()));
        assertEquals(1, changed.size(), changed::toString);
        assertThat("the change keeps what the fact was", (String) changed.get(0).get("detail"), containsString("recorded, then corrected"));
    }

    /** The graph revision a response names in its extensions. */
    private static long revision() {
        var body = Curator.graphql(null, "{ __typename }", Map.of()).statusCode(200).extract().jsonPath();
        assertThat(body.getString("extensions.revision.epoch"), not(nullValue()));
        return body.getLong("extensions.revision.number");
    }

    /** The agreement pinned to a graph revision: its data and errors ("answer", as {@link #graphql}) and the whole body. */
    private static Map<String, String> graphqlAt(long revision) {
        var body = Curator.graphql(null, QUERY.replace("$at: DateTime", "$at: Int").replace("knownAsOf: $at", "knownAt: $at"),
                Map.of("at", revision)).statusCode(200).extract().asString();
        return Map.of("answer", answer(io.restassured.path.json.JsonPath.from(body)), "body", body);
    }

    /**
     * The agreement (a total with its basis, its state on a date, its history), a page of a party's agreements sorted by
     * a derived total, a company's agreements as a connection, and a party's timeline, now or as known at a moment:
     * data and errors, as JSON.
     */
    private static final String QUERY = """
            query($at: DateTime) { agreement(id: "known-as-of-compute", knownAsOf: $at) {
              id title money { text } parties { role company { id name } } sources { source { id } confidence }
              totalValue(asOf: "2026-06-01") { committed { text } basis { rule confidence inputs { agreementId role detail } } }
              state(asOf: "2026-06-01") { effectiveUntil { earliest precision } }
              history { recordedFrom replacedBy } }
              page: agreements(knownAsOf: $at, filter: {party: "aws", kinds: [COMPUTE_COMMITMENT], announcedFrom: "2026-02-28"}, orderBy: TOTAL_VALUE,
                  direction: DESC, first: 2) {
                totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title money { text } parties { role company { id } } } } }
              license: agreement(id: "msft-openai-ip-license", knownAsOf: $at) {
                license(asOf: "2026-06-01") { active exclusive basis { rule confidence } } }
              company(id: "openai") { agreementsConnection(knownAsOf: $at, kinds: [COMPUTE_COMMITMENT], last: 3) {
                totalCount edges { cursor node { id money { text } } } } }
              nodes(ids: ["known-as-of-compute", "aws", "known-as-of-expansion"], knownAsOf: $at) {
                __typename id ... on Agreement { title money { text } } ... on Company { name } }
              search(text: "Amazon", knownAsOf: $at) { type id }
              merged: company(id: "aws", knownAsOf: $at) { id name
                agreements(kinds: [COMPUTE_COMMITMENT], knownAsOf: $at) { id money { text } }
                raised(asOf: "2026-06-01", knownAsOf: $at) { committed { text } } }
              combinedCommitments(customer: "openai", providers: ["aws"], asOf: "2026-06-01", knownAsOf: $at) {
                committed { text } basis { rule confidence } }
              timeline(company: "aws", from: "2026-02-28", knownAsOf: $at) {
                date { text } kind agreementId amendedAgreementId statementId title summary } }""";

    private static String graphql(Instant knownAsOf) {
        var variables = new java.util.HashMap<String, Object>();
        variables.put("at", knownAsOf == null ? null : knownAsOf.toString());
        return answer(Curator.graphql(null, QUERY, variables).statusCode(200).extract().jsonPath());
    }

    private static String answer(io.restassured.path.json.JsonPath body) {
        return org.dealgraph.testing.GraphQL.answer(body);
    }

    private static String summary(List<Map<String, Object>> rows) {
        assertEquals(1, rows.size(), rows::toString);
        var r = rows.get(0);
        return "%s %s|%s|%s|%s|%s".formatted(r.get("currency"), money(r.get("amount")), r.get("title"), r.get("parties"),
                r.get("amendedBy"), r.get("retracted"));
    }

    private static String money(Object amount) {
        return new java.math.BigDecimal(String.valueOf(amount)).movePointLeft(9).stripTrailingZeros().toPlainString() + "B";
    }

    private static List<Map<String, Object>> asKnown(String agreement, Instant moment) {
        return run(AS_KNOWN, Map.of("agreement", agreement, "knownAsOf", moment.toString()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> run(String file, Map<String, Object> parameters) {
        String text;
        try {
            text = Files.readString(Path.of("graph", "queries", file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        var json = io.restassured.path.json.JsonPath.from(CypherEndpointTest.cypher(text, parameters).statusCode(200).extract().asString());
        List<String> columns = json.getList("columns");
        List<List<Object>> rows = json.getList("rows");
        return rows.stream().map(row -> {
            var map = new LinkedHashMap<String, Object>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i), row.get(i));
            }
            return (Map<String, Object>) map;
        }).toList();
    }
}
