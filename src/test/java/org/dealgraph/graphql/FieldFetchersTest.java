package org.dealgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.inject.Inject;

import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class FieldFetchersTest extends SeedGraphTest {

    private static final Class<?> DIRECT = FieldFetchers.ComponentFetcher.class;

    @Inject
    GraphQLSchema schema;

    private Object fetcherOf(String type, String field) {
        return fetcherOf(schema, type, field);
    }

    /** The fetcher the served schema runs for a field (OperationFetchersTest reads them too). */
    static Object fetcherOf(GraphQLSchema schema, String type, String field) {
        var object = (GraphQLObjectType) schema.getType(type);
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field), object.getFieldDefinition(field));
    }

    @Test
    void plainRecordComponentsAreReadDirectlyAndFormattedOnesAreLeftToSmallRye() {
        assertInstanceOf(DIRECT, fetcherOf("Agreement", "title"));
        assertInstanceOf(DIRECT, fetcherOf("Agreement", "kind"));
        assertInstanceOf(DIRECT, fetcherOf("Agreement", "parties"));
        assertFalse(DIRECT.isInstance(fetcherOf("Money", "amount")), "BigDecimal keeps SmallRye's");
        assertFalse(DIRECT.isInstance(fetcherOf("FuzzyDate", "earliest")), "dates keep SmallRye's");
        assertInstanceOf(DefaultGraphqlFieldVisibility.class, schema.getCodeRegistry().getFieldVisibility());
    }

    @Test
    void answersAreTheSame() {
        var data = GraphQL.data("""
                { agreement(id: "aws-openai-compute-2025") { title kind binding termYears money { amount text ceiling }
                    announced { earliest text precision } parties { role company { id name } } } }""");
        assertEquals("COMPUTE_COMMITMENT", data.getString("agreement.kind"));
        assertEquals("USD 38B", data.getString("agreement.money.text"));
        assertEquals(true, data.getBoolean("agreement.binding"));
        assertEquals("2025-11-03", data.getString("agreement.announced.earliest"));
        assertEquals(2, data.getList("agreement.parties").size());
    }

    @Test
    void everyPageKeepsItsRelayNameWithEdgesNodesAndPageInfo() {
        for (var row : java.util.List.of("Agreement", "Company", "Person", "Source")) {
            var connection = (GraphQLObjectType) schema.getType(row + "Connection");
            var edge = (GraphQLObjectType) schema.getType(row + "Edge");
            assertEquals(java.util.List.of("edges", "nodes", "pageInfo", "totalCount"), connection.getFieldDefinitions().stream()
                    .map(f -> f.getName()).sorted().toList(), row);
            assertEquals(row + "Edge", graphql.schema.GraphQLTypeUtil.simplePrint(
                    graphql.schema.GraphQLTypeUtil.unwrapAll(connection.getFieldDefinition("edges").getType())));
            assertEquals(row, graphql.schema.GraphQLTypeUtil.simplePrint(
                    graphql.schema.GraphQLTypeUtil.unwrapAll(edge.getFieldDefinition("node").getType())));
            assertEquals(null, schema.getType("Paged_" + row), "SmallRye's generic name is not shown");
        }
        var page = GraphQL.data("{ people(first: 2) { totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage } } }");
        assertEquals(page.getList("people.nodes.id"), page.getList("people.edges.node.id"));
    }
}
