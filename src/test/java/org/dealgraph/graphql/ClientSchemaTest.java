package org.dealgraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema clients generate their types from: the SDL served is the committed {@code graph/schema.graphql}
 * (a change to the API is a visible diff), declares every scalar it names with {@code @specifiedBy}, and decimals
 * are plain numbers.
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class ClientSchemaTest extends SeedGraphTest {

    static final Path COMMITTED = Path.of("graph/schema.graphql");

    @Test
    void theServedSchemaIsTheCommittedOne() throws IOException {
        var served = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        var committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        if (!served.equals(committed)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/schema.graphql"), served);
        }
        assertEquals(committed, served, "The GraphQL schema changed. If that is intended, review the diff and commit it: "
                + "cp target/schema.graphql graph/schema.graphql");
    }

    @Test
    void everyScalarUsedIsDeclaredWithItsSpecification() {
        var served = given().get("/graphql/schema.graphql").then().extract().asString();
        // graphql-java builds a schema from the text alone, as graphql-js's buildSchema and code generators do.
        var registry = new graphql.schema.idl.SchemaParser().parse(served);
        var schema = graphql.schema.idl.UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
        for (var name : ClientSchema.SPECIFIED_BY.keySet()) {
            if (schema.getType(name) != null) {
                assertEquals(ClientSchema.SPECIFIED_BY.get(name), ((graphql.schema.GraphQLScalarType) schema.getType(name)).getSpecifiedByUrl(), name);
            }
        }
        GraphQL.post("{ __type(name: \"BigDecimal\") { specifiedByURL } }")
                .body("data.__type.specifiedByURL", equalTo(ClientSchema.SPECIFIED_BY.get("BigDecimal")));
    }

    @Test
    void decimalsArePlainNumbers() {
        var body = GraphQL.post("{ agreement(id: \"openai-msft-revenue-share\") { ratePercent } agreements(first: 100) { nodes { money { amount } stakePercent ratePercent } } }")
                .statusCode(200).extract().asString();
        assertTrue(body.contains("\"ratePercent\":20"), body);
        // The revision's epoch in extensions is a UUID, whose hex digits may read as an exponent.
        var data = body.contains("\"extensions\"") ? body.substring(0, body.lastIndexOf("\"extensions\"")) : body;
        assertFalse(Pattern.compile("\\d[eE][+-]?\\d").matcher(data).find(), "no exponent in " + data);
    }

    @Test
    void closedVocabulariesAreEnums() {
        GraphQL.post("{ companies(kind: CLOUD_PROVIDER, first: 100) { nodes { id kinds } } }")
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.companies.nodes.id", hasItem("aws"))
                .body("data.companies.nodes[0].kinds", hasItem("CLOUD_PROVIDER"));
        GraphQL.post("{ companies(kind: \"CLOUD_PROVIDER\") { nodes { id } } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        var served = given().get("/graphql/schema.graphql").then().extract().asString();
        for (var field : new String[] {"kinds: [CompanyKind", "relation: ConnectionRelation", "change: FactChangeKind", "kind: AmendmentKind!"}) {
            assertTrue(served.contains(field), field);
        }
    }
}
