package org.dealgraph.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.NodeTools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The frontend client in {@code src/client} (its locked packages installed here with {@code npm ci}; skipped, saying so, where
 * Node.js is missing and {@code CI} is unset): GraphQL Code Generator
 * generates its types from the committed SDL and from the live schema (the two must agree), TypeScript compiles them
 * strictly, and the program asks the questions of docs/graphql.md through Apollo Client, pages with Relay cursors while loads add
 * agreements, and waits for subscription events — against this service, on a freshly loaded seed graph.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class FrontendClientTest extends FreshSeedGraphTest {

    private static final Path CLIENT = Path.of("src/client");

    @TestHTTPResource("/graphql")
    URL graphql;

    @Test
    void aGeneratedTypedClientAsksAndPagesAndListens() throws Exception {
        NodeTools.requireNpm();
        run(Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        // Types from the committed SDL, compiled strictly.
        run(Map.of(), "npx", "graphql-codegen", "--config", "codegen.ts");
        run(Map.of(), "npx", "tsc", "--noEmit");
        // The same from the live schema by introspection: what a client generates must not depend on the route.
        run(Map.of("DEALGRAPH_SCHEMA", graphql.toString(), "DEALGRAPH_GENERATED", "generated/live/"), "npx", "graphql-codegen",
                "--config", "codegen.ts");
        assertEquals(Files.readString(CLIENT.resolve("src/gql/graphql.ts")), Files.readString(CLIENT.resolve("generated/live/graphql.ts")),
                "types generated from graph/schema.graphql and from the live schema are the same");

        run(Map.of(), "npx", "tsc");
        var output = run(Map.of("DEALGRAPH_URL", graphql.toString(), "DEALGRAPH_TOKEN", Curator.TOKEN), "node", "dist/run.js");
        assertTrue(output.contains("client: all checks passed"), output);
    }

    private static String run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        return NodeTools.run(CLIENT, "client", environment, command);
    }
}
