package org.dealgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.SelectedField;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What SmallRye does for every resolver call that the answer does not need: built once, or not at all. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class OperationFetchersTest extends SeedGraphTest {

    private static final String NESTED = """
            { company(id: "microsoft") { id name agreements(first: 20) { id title parties { role company { id name } }
                sources { confidence source { url } } products { id } } subsidiaries { id } } }""";

    @Inject
    GraphQLSchema schema;

    private Object fetcherOf(String type, String field) {
        return FieldFetchersTest.fetcherOf(schema, type, field);
    }

    @Test
    void aRequestBuildsNoFetcherOfItsOwn() {
        GraphQL.data(NESTED);
        long before = OperationFetchers.built();
        for (int i = 0; i < 3; i++) {
            assertEquals("microsoft", GraphQL.data(NESTED).getString("company.id"));
            GraphQL.data("{ agreement(id: \"aws-openai-compute-2025\") { id parties { company { id } } } }");
        }
        assertEquals(before, OperationFetchers.built(), "fetchers built by requests after the first");
    }

    @Test
    void theEngineServingRequestsAsksNoInstrumentationAboutEachField() throws ReflectiveOperationException {
        GraphQL.data("{ agreement(id: \"aws-openai-compute-2025\") { id } }");
        var producer = io.quarkus.arc.ClientProxy.unwrap(io.quarkus.arc.Arc.container().instance(io.smallrye.graphql.cdi.producer.GraphQLProducer.class).get());
        var service = read(producer, "executionService");
        var engine = (graphql.GraphQL) read(service, "graphQL");
        assertInstanceOf(OperationInstrumentation.class, engine.getInstrumentation(),
                "every engine step's chain flattened into one that skips the per-field hooks");
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                var field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name);
    }

    @Test
    void smallRyesResolversAreHandedASelectionItDoesNotRender() {
        assertInstanceOf(FieldFetchers.WithoutSelectedFields.class, fetcherOf("Query", "agreement"));
        assertInstanceOf(FieldFetchers.WithoutSelectedFields.class, fetcherOf("Company", "subsidiaries"));
        assertInstanceOf(FieldFetchers.TrivialWithoutSelectedFields.class, fetcherOf("Money", "amount"));

        var asked = new ArrayList<String>();
        DataFetchingFieldSelectionSet real = new DataFetchingFieldSelectionSet() {
            public boolean contains(String glob) { asked.add("contains " + glob); return true; }
            public boolean containsAnyOf(String glob, String... more) { return true; }
            public boolean containsAllOf(String glob, String... more) { return true; }
            public List<SelectedField> getFields() { asked.add("fields"); return List.of(); }
            public List<SelectedField> getImmediateFields() { asked.add("immediate"); return List.of(); }
            public List<SelectedField> getFields(String glob, String... more) { return List.of(); }
            public Map<String, List<SelectedField>> getFieldsGroupedByResultKey() { return Map.of(); }
            public Map<String, List<SelectedField>> getFieldsGroupedByResultKey(String glob, String... more) { return Map.of(); }
        };
        var environment = DataFetchingEnvironmentImpl.newDataFetchingEnvironment().selectionSet(real).build();
        var given = FieldFetchers.withoutSelectedFields(environment).build().getSelectionSet();
        assertEquals(List.of(), given.getFields());
        assertTrue(given.contains("totalCount"));
        given.getImmediateFields();
        assertEquals(List.of("contains totalCount", "immediate"), asked, "resolvers still read the real selection; SmallRye's rendering is not asked");
    }
}
