package org.dealgraph.load;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.dealgraph.seed.SeedLoader;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A dry run says, field by field, what a load would change: the terms as a deal file writes them, old → new. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class DryRunDiffTest extends FreshSeedGraphTest {

    @Test
    void aDryRunListsEveryChangedFieldOldToNew() {
        var file = SeedLoader.files().stream().filter(f -> f.name().equals("20-openai-amazon.yaml")).findFirst().orElseThrow().content()
                .replace("    termYears: 7\n    money: USD 38B", "    termYears: 8\n    money: ~USD 40B\n    exclusive: true")
                .replace("title: OpenAI models on Amazon Bedrock", "title: OpenAI models on Bedrock");
        Curator.loadFile(Curator.TOKEN, "changed.yaml", file, true).statusCode(200)
                .body("outcome", equalTo("DRY_RUN"))
                .body("changes.find { it.id == 'aws-openai-compute-2025' }.fields.field", hasItem("money"))
                .body("changes.find { it.id == 'aws-openai-compute-2025' }.fields.find { it.field == 'money' }.from", equalTo("USD 38B"))
                .body("changes.find { it.id == 'aws-openai-compute-2025' }.fields.find { it.field == 'money' }.to", equalTo("~USD 40B"))
                .body("changes.find { it.id == 'aws-openai-compute-2025' }.fields.find { it.field == 'termYears' }.to", equalTo("8"))
                .body("changes.find { it.id == 'aws-openai-compute-2025' }.fields.find { it.field == 'exclusive' }.from", equalTo(null))
                .body("changes.find { it.id == 'aws-openai-bedrock-distribution' }.fields.find { it.field == 'title' }.to",
                        equalTo("OpenAI models on Bedrock"));
        // What seed/load --dry-run prints.
        given().header("Authorization", "Bearer " + Curator.TOKEN).contentType("text/plain").accept("text/plain").body(file)
                .queryParam("file", "changed.yaml").queryParam("dryRun", true).post("/deals").then().statusCode(200)
                .body(containsString("~ Agreement aws-openai-compute-2025"))
                .body(containsString("money: USD 38B → ~USD 40B"))
                .body(containsString("exclusive: (none) → true"));
    }
}
