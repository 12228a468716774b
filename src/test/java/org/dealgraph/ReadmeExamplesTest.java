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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every GraphQL example of the README and of docs/ followed by its answer gets exactly that answer from the seed graph. */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class ReadmeExamplesTest extends SeedGraphTest {

    private static final Pattern EXAMPLE = Pattern.compile("```graphql\\n(.*?)```\\n```json\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Example(String query, String answer) {
    }

    static List<Example> examples(Path page) throws IOException {
        var examples = new ArrayList<Example>();
        var matcher = EXAMPLE.matcher(Files.readString(page));
        while (matcher.find()) {
            examples.add(new Example(matcher.group(1), matcher.group(2)));
        }
        return examples;
    }

    @Test
    void everyExampleAnswersAsWritten() throws IOException {
        assertTrue(examples(Path.of("README.md")).size() >= 1, "the README shows a frontend's example");
        var examples = new ArrayList<>(examples(Path.of("README.md")));
        try (var docs = Files.list(Path.of("docs"))) {
            for (var page : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                examples.addAll(examples(page));
            }
        }
        assertTrue(examples.size() >= 5, "the pages show their examples: " + examples.size());
        for (var example : examples) {
            var body = given().contentType("application/json").body(Map.of("query", example.query()))
                    .post("/graphql").then().statusCode(200).extract().asString();
            // Every response also names the graph revision it was read from (extensions.revision), which the README leaves out.
            var answer = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(body);
            assertTrue(answer.path("extensions").path("revision").path("number").canConvertToLong(), body);
            answer.remove("extensions");
            assertEquals(JSON.readTree(example.answer()), answer, example.query());
        }
    }
}
