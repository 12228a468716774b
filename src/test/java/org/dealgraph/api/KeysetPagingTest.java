package org.dealgraph.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.SeedGraphTest;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Relay cursors are keysets: paging forwards with first/after and backwards with last/before gives every row once, in
 * the order of a single page, for every ordering; and a page goes on after its cursor's row when a load adds rows
 * before it.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class KeysetPagingTest extends SeedGraphTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "agreements|orderBy: ANNOUNCED, direction: ASC", "agreements|orderBy: ANNOUNCED, direction: DESC",
            "agreements|orderBy: AMOUNT, direction: ASC", "agreements|orderBy: AMOUNT, direction: DESC",
            "agreements|orderBy: TOTAL_VALUE, direction: DESC", "agreements|orderBy: TITLE, direction: ASC",
            "agreements|orderBy: AMOUNT, direction: DESC, filter: {kinds: [COMPUTE_COMMITMENT]}",
            "agreements|orderBy: ANNOUNCED, direction: ASC, filter: {party: \"openai\"}",
            "companies|nameContains: \"a\"", "companies|", "people|", "sources|"})
    void pagesForwardAndBackwardGiveEveryRowOnceInOrder(String listAndArguments) {
        var list = listAndArguments.substring(0, listAndArguments.indexOf('|'));
        var arguments = listAndArguments.substring(list.length() + 1);
        var all = ids(GraphQL.data("{ %s(first: 100, %s) { nodes { id } } }".formatted(list, arguments)).getList(list + ".nodes.id"));
        assertTrue(all.size() > 2, list + " " + arguments);

        var forward = new ArrayList<String>();
        String after = null;
        for (int guard = 0; guard < 100; guard++) {
            var page = GraphQL.post("query($c: String) { %s(first: 2, after: $c, %s) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"
                    .formatted(list, arguments), variables("c", after)).body("errors", org.hamcrest.Matchers.nullValue()).extract().jsonPath().setRootPath("data");
            forward.addAll(page.getList(list + ".edges.node.id"));
            assertEquals(after != null, page.getBoolean(list + ".pageInfo.hasPreviousPage"));
            if (!page.getBoolean(list + ".pageInfo.hasNextPage")) {
                break;
            }
            after = page.getString(list + ".pageInfo.endCursor");
        }
        assertEquals(all, forward, "forward, " + arguments);

        var backward = new ArrayList<String>();
        String before = null;
        for (int guard = 0; guard < 100; guard++) {
            var page = GraphQL.post("query($c: String) { %s(last: 2, before: $c, %s) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor } } }"
                    .formatted(list, arguments), variables("c", before)).body("errors", org.hamcrest.Matchers.nullValue()).extract().jsonPath().setRootPath("data");
            backward.addAll(0, page.getList(list + ".nodes.id"));
            assertEquals(before != null, page.getBoolean(list + ".pageInfo.hasNextPage"));
            if (!page.getBoolean(list + ".pageInfo.hasPreviousPage")) {
                break;
            }
            before = page.getString(list + ".pageInfo.startCursor");
        }
        assertEquals(all, backward, "backward, " + arguments);
    }

    @Test
    void aCompanysAgreementsPageAsAConnectionInTheListsOrder() {
        var list = GraphQL.data("{ company(id: \"openai\") { agreements { id } } }").<String>getList("company.agreements.id");
        assertTrue(list.size() > 5);
        var paged = new ArrayList<String>();
        String after = null;
        for (int guard = 0; guard < 100; guard++) {
            var page = GraphQL.post("query($c: String) { company(id: \"openai\") { agreementsConnection(first: 4, after: $c) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }",
                    variables("c", after)).body("errors", org.hamcrest.Matchers.nullValue()).extract().jsonPath().setRootPath("data.company.agreementsConnection");
            assertEquals(list.size(), page.getInt("totalCount"));
            paged.addAll(page.getList("edges.node.id"));
            if (!page.getBoolean("pageInfo.hasNextPage")) {
                break;
            }
            after = page.getString("pageInfo.endCursor");
        }
        assertEquals(list, paged);
        var last = GraphQL.data("{ company(id: \"openai\") { agreementsConnection(last: 2, kinds: [EQUITY_INVESTMENT]) { nodes { id kind } } } }")
                .<String>getList("company.agreementsConnection.nodes.kind");
        assertEquals(List.of("EQUITY_INVESTMENT", "EQUITY_INVESTMENT"), last);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSourcesCitationsPageOneAtATime() {
        var sources = GraphQL.data("{ sources(first: 100) { nodes { id citedBy { id confidence } } } }").<Map<String, Object>>getList("sources.nodes");
        for (var source : sources) {
            var expected = ((List<Map<String, Object>>) source.get("citedBy")).stream().map(c -> c.get("id") + "/" + c.get("confidence")).sorted().toList();
            var paged = new ArrayList<String>();
            String after = null;
            for (int guard = 0; guard < 100; guard++) {
                var page = GraphQL.post("query($s: ID!, $c: String) { source(id: $s) { citations(first: 1, after: $c) { totalCount nodes { id confidence } pageInfo { hasNextPage endCursor } } } }",
                        Map.of("s", source.get("id"), "c", after == null ? "" : after).entrySet().stream()
                                .filter(e -> !"".equals(e.getValue())).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                        .body("errors", org.hamcrest.Matchers.nullValue()).extract().jsonPath().setRootPath("data.source.citations");
                assertEquals(expected.size(), page.getInt("totalCount"));
                for (Map<String, Object> node : page.<Map<String, Object>>getList("nodes")) {
                    paged.add(node.get("id") + "/" + node.get("confidence"));
                }
                if (!page.getBoolean("pageInfo.hasNextPage")) {
                    break;
                }
                after = page.getString("pageInfo.endCursor");
            }
            assertEquals(expected, paged.stream().sorted().toList(), "citations of " + source.get("id"));
        }
    }

    @Test
    void aPageContinuesAfterItsRowWhenALoadAddsRowsBeforeIt() {
        // The one test here that writes: the tests after it read a freshly loaded seed again.
        SeedGraph.invalidate();
        var first = GraphQL.data("{ agreements(first: 10) { nodes { id } pageInfo { endCursor } } }");
        var seen = new LinkedHashSet<String>(first.getList("agreements.nodes.id"));
        var before = ids(GraphQL.data("{ agreements(first: 100) { nodes { id } } }").getList("agreements.nodes.id"));

        // Three agreements announced before everything on the first page: an offset would now repeat its last three rows.
        var file = new StringBuilder("""
                sources:
                  - {id: paging-source, url: "https://example.org/paging", publisher: Example, published: 2001-01-01}
                agreements:
                """);
        for (int i = 0; i < 3; i++) {
            file.append("""
                      - id: paging-early-%d
                        kind: EQUITY_INVESTMENT
                        title: Early investment %d
                        parties: [{company: microsoft, role: INVESTOR}, {company: openai, role: INVESTEE}]
                        announced: 2001-01-0%d
                        sources: [{source: paging-source, confidence: REPORTED}]
                    """.formatted(i, i, i + 1));
        }
        Curator.loadFile(Curator.TOKEN, "paging.yaml", file.toString(), false).statusCode(200).body("outcome", equalTo("LOADED"));

        String after = first.getString("agreements.pageInfo.endCursor");
        while (after != null) {
            var page = GraphQL.post("query($c: String) { agreements(first: 10, after: $c) { nodes { id } pageInfo { hasNextPage endCursor } } }",
                    variables("c", after)).extract().jsonPath().setRootPath("data");
            for (String id : page.<String>getList("agreements.nodes.id")) {
                assertTrue(seen.add(id), "no row twice: " + id);
            }
            after = page.getBoolean("agreements.pageInfo.hasNextPage") ? page.getString("agreements.pageInfo.endCursor") : null;
        }
        assertEquals(new LinkedHashSet<>(before), seen, "every row that was there is seen once, none skipped");
        assertFalse(seen.contains("paging-early-0"), "rows added before the cursor are not on later pages");
    }

    @Test
    void aCursorOfAnotherOrderingOrMixedDirectionsAreRefused() {
        var cursor = GraphQL.data("{ agreements(first: 1, orderBy: TITLE) { pageInfo { endCursor } } }").getString("agreements.pageInfo.endCursor");
        GraphQL.post("{ agreements(first: 1, orderBy: AMOUNT, after: \"" + cursor + "\") { nodes { id } } }")
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"))
                .body("errors[0].message", containsString("another ordering"));
        GraphQL.post("{ agreements(first: 1, last: 1) { nodes { id } } }").body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"));
        GraphQL.post("{ agreements(after: \"bm9wZQ\") { nodes { id } } }").body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"));
    }

    private static List<String> ids(List<String> ids) {
        return ids;
    }

    private static Map<String, Object> variables(String name, Object value) {
        var variables = new HashMap<String, Object>();
        variables.put(name, value);
        return variables;
    }
}
