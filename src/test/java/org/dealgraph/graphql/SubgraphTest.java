package org.dealgraph.graphql;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.dealgraph.database.Graph;
import org.dealgraph.testing.Federated;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * dealgraph as an Apollo Federation 2 subgraph ({@code dealgraph.federation.enabled}): its SDL, entities resolved in
 * one statement however many are asked, and the request limits applying to {@code _entities} as to any field. The
 * supergraph itself (composition, a gateway over two subgraphs) is tried by the client project: FederationClientTest.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(Federated.class)
@WithTestResource(Neo4jTestResource.class)
class SubgraphTest extends SeedGraphTest {

    private static final String ENTITIES = """
            query($representations: [_Any!]!) { _entities(representations: $representations) {
              __typename
              ... on Company { id name agreements(first: 2) { id } }
              ... on Agreement { id title parties { role company { id } } }
              ... on Person { id name }
              ... on Source { id publisher }
              ... on Product { id name } } }""";

    @Inject
    Graph graph;

    @Test
    void theSubgraphSchemaLinksFederationAndKeysTheFiveEntitiesById() {
        var sdl = GraphQL.data("{ _service { sdl } }").getString("_service.sdl");
        assertThat(sdl, containsString("@link(import : [\"@key\", \"@cost\", \"@listSize\", \"FieldSet\"], url : \"https://specs.apollo.dev/federation/v2.9\")"));
        for (var type : List.of("Company", "Agreement", "Person", "Source", "Product")) {
            assertThat(sdl, org.hamcrest.Matchers.matchesPattern("(?s).*\ntype " + type + " implements [^{]*@key\\(fields : \"id\"\\).*"));
        }
        assertThat(sdl, containsString("@cost(weight : 101)"));
        assertThat(sdl, containsString("sizedFields : [\"edges\", \"nodes\"]"));
    }

    @Test
    void entitiesOfEveryTypeAreReadInOneStatementInTheOrderAsked() {
        var representations = List.<Map<String, Object>>of(
                Map.of("__typename", "Company", "id", "openai"),
                Map.of("__typename", "Agreement", "id", "msft-openai-ip-license"),
                Map.of("__typename", "Company", "id", "msft-openai-ip-license"),
                Map.of("__typename", "Company", "id", "no-such-company"),
                Map.of("__typename", "Company", "id", "microsoft"));
        var before = graph.queryCount();
        var body = GraphQL.post(ENTITIES, Map.of("representations", representations)).statusCode(200)
                .body("errors", nullValue())
                .body("data._entities[0].name", equalTo("OpenAI"))
                .body("data._entities[1].__typename", equalTo("Agreement"))
                .body("data._entities[1].parties.company.id", org.hamcrest.Matchers.hasItems("microsoft", "openai"))
                .body("data._entities[2]", nullValue())
                .body("data._entities[3]", nullValue())
                .body("data._entities[4].name", equalTo("Microsoft"))
                .extract().jsonPath();
        assertEquals(2, body.getList("data._entities[0].agreements").size());
        // The entities in one statement; the companies' agreements, below them, in one more.
        assertEquals(2, graph.queryCount() - before, () -> graph.statementsSince(before).toString());
    }

    @Test
    void aHundredRepresentationsAreOneStatementAndCostWhatTheirListSizeSays() {
        var representations = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 100; i++) {
            representations.add(Map.of("__typename", i % 2 == 0 ? "Company" : "Agreement", "id", i % 2 == 0 ? "openai" : "msft-openai-ip-license"));
        }
        var before = graph.queryCount();
        var body = GraphQL.post("query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Company { id } ... on Agreement { id } } }",
                Map.of("r", representations)).statusCode(200).body("errors", nullValue()).extract().jsonPath();
        assertEquals(100, body.getList("data._entities").size());
        assertEquals(1, graph.queryCount() - before, () -> graph.statementsSince(before).toString());
        // _entities weighs 101 per representation given (a root field's statement, replacing the entity's own 1); ids cost nothing.
        assertEquals(100 * 101, body.getInt("extensions.cost.estimated"));
    }

    @Test
    void theLimitsApplyToEntitiesAsToAnyField() {
        var representations = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 100; i++) {
            representations.add(Map.of("__typename", "Company", "id", "openai"));
        }
        var before = graph.queryCount();
        GraphQL.post("query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { agreements(first: 100) { id parties { company { id } } } } } }",
                Map.of("r", representations)).statusCode(200)
                .body("errors[0].extensions.code", equalTo("LIMIT_EXCEEDED"))
                .body("errors[0].extensions.limit", equalTo("cost"))
                .body("errors[0].extensions.measured", equalTo(100 * (101 + 100 * (1 + 3 * (1 + 1)))));
        assertEquals(before, graph.queryCount(), "refused before any statement");
        GraphQL.post(ENTITIES, Map.of("representations", List.of(Map.of("__typename", "Deal", "id", "x")))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"))
                .body("errors[0].message", containsString("representations[0].__typename"));
    }
}
