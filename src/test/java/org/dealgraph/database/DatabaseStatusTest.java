package org.dealgraph.database;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.dealgraph.migration.SchemaMigrationsTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service pointed at an external Neo4j (an embedded one started by the test, as NEO4J_URI would). */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class DatabaseStatusTest {

    @Test
    void graphqlReportsTheExternalDatabaseItUses() {
        given().contentType("application/json")
                .body(Map.of("query", "{ database { mode boltUri neo4jVersion edition migrations { version checksum } } }"))
                .post("/graphql")
                .then().statusCode(200)
                .body("errors", nullValue())
                .body("data.database.mode", equalTo("EXTERNAL"))
                .body("data.database.boltUri", nullValue())
                .body("data.database.neo4jVersion", containsString("5.26"))
                .body("data.database.migrations", hasSize(SchemaMigrationsTest.migrationFileCount()))
                .body("data.database.migrations[0].checksum", notNullValue());
    }

    @Test
    void theExternalDatabaseIsTheOneThatWasMigrated() {
        try (var driver = GraphDatabase.driver(Neo4jTestResource.boltUri(),
                AuthTokens.basic(Neo4jTestResource.USERNAME, Neo4jTestResource.PASSWORD));
                var session = driver.session()) {
            long recorded = session.run("MATCH (m:_SchemaMigration) RETURN count(m) AS n").single().get("n").asLong();
            assertEquals(SchemaMigrationsTest.migrationFileCount(), recorded);
        }
    }

    @Test
    void readinessIsUpWhenNeo4jAnswers() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Neo4j connection health check' }.status", equalTo("UP"));
    }

    @Test
    void schemaUiAndMetricsAreServed() {
        given().get("/graphql/schema.graphql").then().statusCode(200).body(containsString("DatabaseStatus"));
        given().redirects().follow(true).get("/q/graphql-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
    }
}
