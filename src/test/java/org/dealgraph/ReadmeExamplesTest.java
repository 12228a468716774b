package org.dealgraph;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every GraphQL example of the README followed by its answer gets exactly that answer from the seed graph. */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class ReadmeExamplesTest extends SeedGraphTest {

    private static final Pattern EXAMPLE = Pattern.compile("```graphql\\n(.*?)```\\n```json\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Example(String query, String answer) {
    }

    static List<Example> examples() throws IOException {
        var readme = Files.readString(Path.of("README.md"));
        var examples = new ArrayList<Example>();
        var matcher = EXAMPLE.matcher(readme);
        while (matcher.find()) {
            examples.add(new Example(matcher.group(1), matcher.group(2)));
        }
        return examples;
    }

    @Test
    void everyExampleAnswersAsWritten() throws IOException {
        var examples = examples();
        assertTrue(examples.size() >= 4, "the README shows its examples: " + examples.size());
        for (var example : examples) {
            var body = given().contentType("application/json").body(Map.of("query", example.query()))
                    .post("/graphql").then().statusCode(200).extract().asString();
            assertEquals(JSON.readTree(example.answer()), JSON.readTree(body), example.query());
        }
    }
}
