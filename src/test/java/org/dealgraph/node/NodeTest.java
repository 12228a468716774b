package org.dealgraph.node;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Relay's object identification: any entity by its global id, and ids that stay unique over all kinds of fact. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class NodeTest extends FreshSeedGraphTest {

    @Test
    void everyKindOfEntityIsANode() {
        GraphQL.post("""
                { nodes(ids: ["openai", "msft-openai-ip-license", "denise-dresser", "azure", "aiwire-dresser-memo", "dresser-memo-2026-04", "nothing-here"]) {
                    __typename id
                    ... on Company { name }
                    ... on Agreement { title kind }
                    ... on Product { name }
                } }""")
                .body("errors", nullValue())
                .body("data.nodes.__typename", contains("Company", "Agreement", "Person", "Product", "Source", "Statement"))
                .body("data.nodes[6]", nullValue())
                .body("data.nodes.size()", equalTo(7))
                .body("data.nodes[0].name", equalTo("OpenAI"))
                .body("data.nodes[1].kind", equalTo("IP_LICENSE"));
        GraphQL.post("{ node(id: \"aws\") { id ... on Company { agreements(first: 1) { id } } } }")
                .body("data.node.id", equalTo("aws"));
        GraphQL.post("{ node(id: \"no-such-thing\") { id } }")
                .body("data.node", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    @Test
    void anIdTakenByAnotherKindOfFactIsRefusedWithItsPath() {
        Curator.loadFile(Curator.TOKEN, "clash.yaml", """
                companies:
                  - {id: azure, name: Azure Inc., kinds: [OTHER]}
                """, false).statusCode(422)
                .body("outcome", equalTo("REJECTED"))
                .body("problems[0].path", equalTo("companies[0].id"))
                .body("problems[0].message", containsString("is the id of a product"));
        GraphQL.post("{ node(id: \"azure\") { __typename } }").body("data.node.__typename", equalTo("Product"));
    }
}
