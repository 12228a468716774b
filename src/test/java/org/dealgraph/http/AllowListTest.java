package org.dealgraph.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** In allow-list mode only registered documents run, whichever way a client sends a document. */
@QuarkusTest
@TestProfile(AllowListTest.AllowListOnly.class)
@WithTestResource(Neo4jTestResource.class)
class AllowListTest extends SeedGraphTest {

    static final String REGISTERED = "{ company(id: \"openai\") { name } }";

    public static class AllowListOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                var directory = Files.createTempDirectory("persisted");
                Files.writeString(directory.resolve("company.graphql"), REGISTERED);
                return Map.of("dealgraph.graphql.persisted-queries.directory", directory.toString(),
                        "dealgraph.graphql.persisted-queries.allow-list-only", "true");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void onlyRegisteredDocumentsRunHoweverTheyAreSent() {
        var hash = PersistedQueries.sha256(REGISTERED);
        given().contentType(ContentType.JSON).body(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))))
                .post("/graphql").then().statusCode(200).body("data.company.name", equalTo("OpenAI"));
        given().contentType(ContentType.JSON).body(Map.of("query", REGISTERED)).post("/graphql")
                .then().statusCode(200).body("data.company.name", equalTo("OpenAI"));
        var other = "{ companies { totalCount } }";
        given().contentType(ContentType.JSON).body(Map.of("query", other)).post("/graphql")
                .then().statusCode(403).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        given().queryParam("query", other).get("/graphql")
                .then().statusCode(403).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        given().contentType("application/graphql").body(other.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/graphql")
                .then().statusCode(403).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        given().contentType(ContentType.JSON).body("[{\"query\": \"" + other.replace("\"", "\\\"") + "\"}]").post("/graphql")
                .then().statusCode(403).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", other, "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", PersistedQueries.sha256(other)))))
                .post("/graphql").then().statusCode(403).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_ALLOWED"));
    }
}
