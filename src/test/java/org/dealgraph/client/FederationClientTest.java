package org.dealgraph.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dealgraph.testing.Federated;
import org.dealgraph.testing.NodeTools;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * dealgraph in a supergraph, with the real tools (src/client/federation/supergraph.js): its subgraph SDL composed by
 * {@code @apollo/composition} beside a second subgraph, queries crossing both through {@code @apollo/gateway} (the
 * second subgraph asking dealgraph's {@code _entities}, dealgraph's companies gaining the other's field), and the cost
 * the GraphQL Cost Directives specification gives six queries from the supergraph's {@code @cost} and {@code @listSize}
 * equal to what dealgraph enforces (for nodes(ids:), an upper bound of it: the specification sizes lists by Int
 * arguments only, and dealgraph counts the ids given).
 */
@Tag("slow")
@QuarkusTest
@TestProfile(Federated.class)
@WithTestResource(Neo4jTestResource.class)
class FederationClientTest extends SeedGraphTest {

    private static final Path CLIENT = Path.of("src/client");

    @TestHTTPResource("/graphql")
    URL graphql;

    @Test
    void composedWithASecondSubgraphQueriedThroughTheGatewayAndCostedAsTheSpecificationSays() throws Exception {
        NodeTools.requireNpm();
        run(Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        var output = run(Map.of("DEALGRAPH_URL", graphql.toString()), "node", "federation/supergraph.js");
        assertTrue(output.contains("supergraph: all checks passed"), output);
        var json = JsonPath.from(output.substring(output.indexOf('{'), output.lastIndexOf('}') + 1));
        assertEquals("OpenAI", json.getString("intoNews.data.company.name"));
        assertEquals(List.of("openai in the news"), json.getList("intoNews.data.company.newsMentions"));
        assertEquals(List.of("OpenAI", "Microsoft", "Anthropic"), json.getList("fromNews.data.topStories.company.name"),
                "the gateway asked dealgraph's _entities for the companies the other subgraph named");
        List<Map<String, Object>> costs = json.getList("costs");
        assertEquals(6, costs.size());
        for (var cost : costs) {
            if (Boolean.TRUE.equals(cost.get("bound"))) {
                assertTrue(((Number) cost.get("spec")).intValue() > ((Number) cost.get("service")).intValue(), cost.toString());
            } else {
                assertEquals(cost.get("spec"), cost.get("service"), cost.get("name") + ": " + cost);
            }
        }
    }

    private static String run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        return NodeTools.run(CLIENT, "supergraph", environment, command);
    }
}
