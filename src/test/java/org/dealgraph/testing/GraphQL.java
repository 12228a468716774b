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

    /**
     * A response's data and errors as one JSON text, for comparing whole answers: errors without their locations
     * (where an error points in the query text differs between two forms of a query; what it says does not) and in the
     * order of their paths (root fields may finish in either order).
     */
    public static String answer(JsonPath body) {
        var answer = new java.util.LinkedHashMap<String, Object>();
        answer.put("data", body.get("data"));
        java.util.List<Map<String, Object>> errors = body.get("errors");
        answer.put("errors", errors == null ? null : errors.stream().map(e -> {
            var copy = new java.util.LinkedHashMap<>(e);
            copy.remove("locations");
            return copy;
        }).sorted(java.util.Comparator.comparing(e -> String.valueOf(e.get("path")))).toList());
        return json(answer);
    }

    /** A value read from JSON written back as JSON text, its maps in the order they were read. */
    public static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
