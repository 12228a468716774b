package org.dealgraph.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.response.ValidatableResponse;

/** Requests with the test profile's credentials. */
public final class Curator {

    public static final String TOKEN = "test-curator-token";
    public static final String READER_TOKEN = "test-reader-token";

    private Curator() {
    }

    public static ValidatableResponse graphql(String token, String query, Map<String, Object> variables) {
        var body = new HashMap<String, Object>();
        body.put("query", query);
        body.put("variables", variables);
        var request = given().contentType("application/json").body(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.post("/graphql").then();
    }

    public static ValidatableResponse loadFile(String token, String name, String content, boolean dryRun) {
        var request = given().contentType("text/plain").accept("application/json").body(content)
                .queryParam("file", name).queryParam("dryRun", dryRun);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.post("/deals").then();
    }
}
