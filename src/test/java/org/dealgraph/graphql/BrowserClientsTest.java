package org.dealgraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What browsers, HTTP caches and Apollo's clients need from /graphql: CORS, ETags, persisted queries, media types. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class BrowserClientsTest extends FreshSeedGraphTest {

    private static final String QUERY = "{ company(id: \"openai\") { id name } }";

    @Test
    void aPreflightFromAnAllowedOriginSucceedsAndFromAnotherIsRefused() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").options("/graphql")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Expose-Headers", containsString("ETag"));
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST").options("/graphql")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "http://localhost:5173").contentType(ContentType.JSON).body(Map.of("query", QUERY)).post("/graphql")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:5173");
    }

    @Test
    void aGetIsRevalidatedByItsETagUntilALoadChangesTheGraph() {
        var first = given().queryParam("query", QUERY).get("/graphql").then().statusCode(200)
                .header("ETag", not(emptyOrNullString())).header("Cache-Control", containsString("no-cache")).extract();
        var tag = first.header("ETag");
        given().queryParam("query", QUERY).header("If-None-Match", tag).get("/graphql").then().statusCode(304).header("ETag", tag);
        // Another question is another tag.
        var other = given().queryParam("query", "{ company(id: \"aws\") { id } }").get("/graphql").then().extract().header("ETag");
        assertNotEquals(tag, other);

        Curator.loadFile(Curator.TOKEN, "etag.yaml", "companies:\n  - {id: etag-co, name: ETag Co, kinds: [OTHER]}\n", false)
                .statusCode(200).body("outcome", equalTo("LOADED"));
        var after = given().queryParam("query", QUERY).header("If-None-Match", tag).get("/graphql").then().statusCode(200)
                .body("data.company.name", equalTo("OpenAI")).extract().header("ETag");
        assertNotEquals(tag, after, "a load changes the tag");
        given().queryParam("query", QUERY).header("If-None-Match", after).get("/graphql").then().statusCode(304);
        // An answer with errors (NOT_FOUND here) is the same until the graph changes: tagged like any other.
        given().queryParam("query", "{ company(id: \"nobody\") { id } }").get("/graphql").then().statusCode(200)
                .header("Cache-Control", containsString("no-cache"));
    }

    @Test
    void aGetNamingItsOperationRunsThatOperationWithItsTextIntact() {
        var document = "query Mine { company(id: \"openai\") { name } } query Other { companies(nameContains: \"a+b%\") { totalCount } }";
        given().queryParam("query", document).queryParam("operationName", "Mine").get("/graphql").then().statusCode(200)
                .body("data.company.name", equalTo("OpenAI"));
        given().queryParam("query", document).queryParam("operationName", "Other").get("/graphql").then().statusCode(200)
                .body("errors", nullValue()).body("data.companies.totalCount", equalTo(0));
        given().queryParam("query", "query($n: String) { companies(nameContains: $n) { nodes { id } } }")
                .queryParam("variables", "{\"n\": \"Open+AI 100%\"}").get("/graphql").then().statusCode(200)
                .body("errors", nullValue());
    }

    @Test
    void automaticPersistedQueriesAskForTheTextOnceThenRunByHash() {
        var query = "{ company(id: \"aws\") { name } }";
        var hash = PersistedQueries.sha256(query);
        var extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
        given().contentType(ContentType.JSON).body(Map.of("extensions", extensions)).post("/graphql")
                .then().statusCode(200).body("errors[0].message", equalTo("PersistedQueryNotFound"))
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        given().contentType(ContentType.JSON).body(Map.of("query", query, "extensions", extensions)).post("/graphql")
                .then().statusCode(200).body("data.company.name", equalTo("AWS"));
        given().contentType(ContentType.JSON).body(Map.of("extensions", extensions)).post("/graphql")
                .then().statusCode(200).body("data.company.name", equalTo("AWS"));
        given().queryParam("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}").get("/graphql")
                .then().statusCode(200).body("data.company.name", equalTo("AWS")).header("ETag", not(emptyOrNullString()));
        given().contentType(ContentType.JSON).body(Map.of("query", "{ __typename }", "extensions", extensions)).post("/graphql")
                .then().statusCode(400).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_HASH_MISMATCH"));
    }

    @Test
    void theMediaTypesClientsTripOn() {
        given().accept("*/*").queryParam("query", QUERY).get("/graphql").then().statusCode(200)
                .contentType(startsWith("application/json"));
        given().queryParam("query", QUERY).get("/graphql").then().statusCode(200).contentType(startsWith("application/json"));
        given().accept("application/graphql-response+json").queryParam("query", QUERY).get("/graphql").then().statusCode(200)
                .contentType(startsWith("application/graphql-response+json"));
        for (var type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            given().contentType(type).body("{\"query\": \"{ __typename }\"}").post("/graphql").then().statusCode(415)
                    .body("errors[0].extensions.code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        }
        var noType = java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/graphql"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")).build();
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(noType, java.net.http.HttpResponse.BodyHandlers.ofString());
            org.junit.jupiter.api.Assertions.assertEquals(415, response.statusCode(), response.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        given().contentType(ContentType.JSON).body("this is not json").post("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
    }
}
