package org.dealgraph.research;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;


import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class CypherEndpointTest extends SeedGraphTest {




    static ValidatableResponse cypher(String statement, Map<String, Object> parameters) {
        return given().contentType("application/json").accept("application/json")
                .body(Map.of("statement", statement, "parameters", parameters)).post("/cypher").then();
    }

    @Test
    void answersColumnsAndRowsWithParameters() {
        cypher("MATCH (c:Company {id: $id}) RETURN c.name AS name, c.kinds AS kinds", Map.of("id", "aws")).statusCode(200)
                .body("columns", equalTo(java.util.List.of("name", "kinds")))
                .body("rows[0][0]", equalTo("AWS"))
                .body("rows[0][1][0]", equalTo("CLOUD_PROVIDER"))
                .body("truncated", equalTo(false));
    }

    @Test
    void rendersNodesRelationshipsPathsDatesAndNumbersFaithfully() {
        cypher("""
                MATCH p = (c:Company {id: 'aws'})-[r:SUBSIDIARY_OF]->(parent:Company)
                MATCH (a:Agreement {id: 'aws-openai-compute-2025'})
                RETURN c, r, p, a.announced AS announced, a.amount AS exactAmount, a.termYears AS years, 42 AS answer,
                       datetime('2026-04-27T10:15:00Z') AS at, duration('P8Y') AS term""", Map.of()).statusCode(200)
                .body("rows[0][0].labels", equalTo(java.util.List.of("Company")))
                .body("rows[0][0].properties.id", equalTo("aws"))
                .body("rows[0][1].type", equalTo("SUBSIDIARY_OF"))
                .body("rows[0][1].startElementId", equalTo(given().contentType("application/json")
                        .body(Map.of("statement", "MATCH (c:Company {id: 'aws'}) RETURN elementId(c)")).post("/cypher")
                        .then().extract().path("rows[0][0]")))
                .body("rows[0][2].nodes", hasSize(2))
                .body("rows[0][2].relationships[0].type", equalTo("SUBSIDIARY_OF"))
                .body("rows[0][3]", equalTo("2025-11-03"))
                .body("rows[0][4]", equalTo("38000000000"))
                .body("rows[0][5]", equalTo(7.0f))
                .body("rows[0][6]", equalTo(42))
                .body("rows[0][7]", equalTo("2026-04-27T10:15Z"))
                .body("rows[0][8]", equalTo("P96M0DT0S"));
    }

    @Test
    void rowsBeyondTheLimitAreCutAndSaidSo() {
        cypher("UNWIND range(1, 500) AS x RETURN x", Map.of()).statusCode(200)
                .body("rows", hasSize(50))
                .body("rowCount", equalTo(50))
                .body("truncated", equalTo(true))
                .body("rowLimit", equalTo(50));
    }

    @Test
    void aStatementOverTheTimeLimitIsTerminated() {
        cypher("UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)", Map.of()).statusCode(408)
                .body("error.code", equalTo("LIMIT_EXCEEDED"))
                .body("error.limit", equalTo("timeout"))
                .body("error.maximum", equalTo(5000));
    }

    @Test
    void aStatementOverTheLengthLimitIsRefusedUnread() {
        cypher("RETURN 1 " + "// padding ".repeat(2000), Map.of()).statusCode(400)
                .body("error.code", equalTo("LIMIT_EXCEEDED"))
                .body("error.limit", equalTo("length"))
                .body("error.maximum", equalTo(20000));
    }

    @Test
    void syntaxErrorsOnLaterLinesKeepTheirPositions() {
        cypher("MATCH (n:Company)\nWHERE n.id = 'aws'\nRETURN n,", Map.of()).statusCode(400)
                .body("error.code", equalTo("SYNTAX_ERROR"))
                .body("error.position.line", equalTo(3))
                .body("error.message", containsString("line 3"));
    }

    @Test
    void syntaxErrorsComeWithNeo4jsMessageAndPosition() {
        cypher("MATCH (n:Company RETURN n", Map.of()).statusCode(400)
                .body("error.code", equalTo("SYNTAX_ERROR"))
                .body("error.message", containsString("Invalid input"))
                .body("error.position.line", equalTo(1))
                .body("error.position.column", equalTo(18));
    }

    @Test
    void aMissingStatementOrParameterIsNamed() {
        given().contentType("application/json").body("{}").post("/cypher").then().statusCode(400)
                .body("error.message", containsString("'statement' is required"));
        cypher("MATCH (c:Company {id: $id}) RETURN c", Map.of()).statusCode(400)
                .body("error.code", equalTo("PARAMETER_MISSING"))
                .body("error.message", containsString("id"));
    }

    @Test
    void csvWhenAskedFor() {
        var csv = given().contentType("application/json").accept("text/csv")
                .body(Map.of("statement", "MATCH (c:Company) WHERE c.id IN ['aws', 'openai'] RETURN c.id AS id, c.aliases AS aliases ORDER BY id"))
                .post("/cypher").then().statusCode(200).header("X-Rows-Truncated", "false").extract().asString();
        assertEquals("id,aliases\r\naws,\"[\"\"Amazon Web Services\"\"]\"\r\nopenai,\"[\"\"OpenAI Group PBC\"\",\"\"OpenAI Inc.\"\"]\"\r\n", csv);
    }
}
