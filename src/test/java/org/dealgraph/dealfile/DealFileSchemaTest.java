package org.dealgraph.dealfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The published JSON Schema of deal files, as an editor uses it: every shipped deal file passes; a broken one fails at
 * the same paths the loader names. The copy in seed/ is the one served.
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class DealFileSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path COMMITTED = Path.of("seed/deal-file.schema.json");

    @Test
    void theServedSchemaIsTheCommittedOne() throws Exception {
        var served = given().get("/schemas/deal-file.json").then().statusCode(200)
                .contentType("application/schema+json").body("$id", equalTo(DealFileSchema.ID)).extract().asString();
        Files.writeString(Path.of("target/deal-file.schema.json"), served);
        assertEquals(Files.readString(COMMITTED).strip(), served.strip(),
                "The deal-file schema changed. If intended, review and commit it: cp target/deal-file.schema.json " + COMMITTED);
    }

    @Test
    void everyShippedDealFilePasses() throws Exception {
        var schema = schema();
        try (var files = Files.list(Path.of("seed/deals"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                var errors = schema.validate(YAML.readTree(file.toFile()));
                assertTrue(errors.isEmpty(), file + ": " + errors);
            }
        }
    }

    @Test
    void aBrokenFileFailsWhereTheLoaderSaysItDoes() throws Exception {
        var broken = """
                sources:
                  - {id: schema-source, url: "https://example.org/schema", publisher: Example, published: 2026-05-01}
                agreements:
                  - id: Not A Slug
                    kind: COMPUTE_COMMITMENT
                    title: Broken on purpose
                    parties: [{company: microsoft, role: OWNER}, {company: openai, role: CUSTOMER}]
                    sources: [{source: schema-source, confidence: CERTAIN}]
                """;
        var fromSchema = schema().validate(YAML.readTree(broken)).stream().map(DealFileSchemaTest::path)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> fromLoader = Curator.loadFile(Curator.TOKEN, "broken.yaml", broken, true).statusCode(422)
                .extract().jsonPath().getList("problems.path");
        var expected = Set.of("agreements[0].id", "agreements[0].parties[0].role", "agreements[0].sources[0].confidence");
        assertTrue(fromSchema.containsAll(expected), "schema: " + fromSchema);
        for (var path : expected) {
            assertTrue(fromLoader.contains(path), "loader: " + fromLoader + " lacks " + path);
        }
    }

    private static JsonSchema schema() throws Exception {
        JsonNode node = new ObjectMapper().readTree(Files.readString(COMMITTED));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
    }

    /** The instance path as the loader writes it: "$.agreements[0].id" → "agreements[0].id". */
    private static String path(ValidationMessage message) {
        var path = message.getInstanceLocation().toString();
        return path.startsWith("$.") ? path.substring(2) : path;
    }
}
