package org.dealgraph.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.dealgraph.database.Graph;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A company's agreements selected under companies are read in the companies' own statement and answer exactly what
 * the batched resolver answers when it reads them itself (forced here by a second, differently-argued alias).
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class CompanyAgreementsTest extends SeedGraphTest {

    private static final String FIELDS = "id kind title money { text } parties { role company { id name } } sources { confidence source { url } }";

    @Inject
    Graph graph;

    @ParameterizedTest
    @ValueSource(strings = {"", "(first: 2)", "(first: 0)", "(kinds: [COMPUTE_COMMITMENT, IP_LICENSE])", "(role: INVESTOR)",
            "(kinds: [EQUITY_INVESTMENT], role: INVESTEE, first: 1)"})
    @SuppressWarnings("unchecked")
    void readAheadAnswersWhatTheResolverReads(String arguments) {
        var readAhead = "{ companies(first: 100) { totalCount nodes { id agreements%s { %s } } edges { node { id agreements%s { %s } } } } }"
                .formatted(arguments, FIELDS, arguments, FIELDS);
        var before = graph.queryCount();
        var ahead = GraphQL.data(readAhead);
        assertEquals(1, graph.queryCount() - before, "companies and their agreements in one statement: " + readAhead);

        var resolved = GraphQL.data("{ companies(first: 100) { totalCount nodes { id agreements: agreements%s { %s } other: agreements(first: 100, role: LICENSOR) { id } } } }"
                .formatted(arguments, FIELDS));
        List<Map<String, Object>> expected = resolved.getList("companies.nodes");
        List<Map<String, Object>> actual = ahead.getList("companies.nodes");
        assertEquals(expected.size(), actual.size());
        assertFalse(expected.isEmpty());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("agreements"), actual.get(i).get("agreements"), expected.get(i).get("id") + " " + arguments);
        }
        assertEquals(ahead.getList("companies.nodes"), ahead.getList("companies.edges.node"));

        // Each agreement read under a company is the agreement itself: all its parties and sources, not the company's side.
        var lookups = new StringBuilder("{");
        var seen = new java.util.LinkedHashMap<String, Map<String, Object>>();
        for (var company : actual) {
            for (var agreement : (List<Map<String, Object>>) company.get("agreements")) {
                seen.putIfAbsent((String) agreement.get("id"), agreement);
            }
        }
        var ids = List.copyOf(seen.keySet());
        for (int i = 0; i < ids.size(); i++) {
            lookups.append(" a").append(i).append(": agreement(id: \"").append(ids.get(i)).append("\") { ").append(FIELDS).append(" }");
        }
        if (!ids.isEmpty()) {
            var looked = GraphQL.data(lookups + " }");
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(looked.getMap("a" + i), seen.get(ids.get(i)), ids.get(i));
            }
        }

        for (var id : List.of("openai", "microsoft", "no-such-company")) {
            var one = "{ company(id: \"%s\") { id agreements%s { %s } } }".formatted(id, arguments, FIELDS);
            before = graph.queryCount();
            var single = GraphQL.post(one);
            // An id the graph does not hold costs a second look: was it merged into another company (it then answers as that)?
            assertEquals(id.equals("no-such-company") ? 2 : 1, graph.queryCount() - before, one);
            if (!id.equals("no-such-company")) {
                var page = "{ companies(nameContains: \"%s\", first: 100) { nodes { id agreements%s { %s } } } }".formatted(id, arguments, FIELDS);
                List<Map<String, Object>> matches = GraphQL.data(page).getList("companies.nodes");
                assertEquals(matches.stream().filter(c -> c.get("id").equals(id)).findFirst().orElseThrow().get("agreements"),
                        single.extract().jsonPath().get("data.company.agreements"), one);
            }
        }
    }
}
