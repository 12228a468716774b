package org.dealgraph.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Sends GraphQL requests over HTTP, as a frontend would. */
public final class GraphQL {

    private GraphQL() {
    }

    public static ValidatableResponse post(String query) {
        return post(query, Map.of());
    }

    public static ValidatableResponse post(String query, Map<String, Object> variables) {
        var body = new HashMap<String, Object>();
        body.put("query", query);
        body.put("variables", variables);
        return given().contentType("application/json").body(body).post("/graphql").then();
    }

    /** The response of a query that must succeed without errors. */
    public static JsonPath data(String query) {
        var json = post(query).statusCode(200).extract().jsonPath();
        if (json.get("errors") != null) {
            throw new AssertionError("GraphQL errors: " + json.getList("errors"));
        }
        return json.setRootPath("data");
    }
}
