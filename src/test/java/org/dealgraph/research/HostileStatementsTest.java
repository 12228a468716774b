package org.dealgraph.research;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;

import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Statements a hostile caller would send to {@code POST /cypher}: each is refused with its own code, before it
 * runs, and leaves the graph exactly as it was. Spellings vary on purpose (case, comments, line breaks, tabs,
 * subqueries, parameters): the decision comes from Neo4j's plan, so none of them matter.
 */
@Tag("hardening")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class HostileStatementsTest extends SeedGraphTest {

    static final String FILE = "file:///etc/passwd";

    static String url() {
        return "http://127.0.0.1:" + RestAssured.port + "/q/health";
    }

    /** Reading files of the host or any network address through LOAD CSV, spelled every way we know. */
    static Stream<String> loadCsv() {
        return Stream.of(
                "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
                "load csv from 'file:///etc/passwd' as l return l",
                "LoAd CsV FrOm 'file:///proc/self/environ' AS l RETURN l",
                "LOAD/* a comment */CSV FROM 'file:///etc/passwd' AS l RETURN l",
                "LOAD\nCSV FROM 'file:///etc/passwd' AS l RETURN l",
                "LOAD\tCSV\tFROM\t'file:///etc/passwd' AS l RETURN l",
                "LOAD // a line comment\nCSV FROM 'file:///etc/passwd' AS l RETURN l",
                "LOAD\r\nCSV FROM 'file:///etc/passwd' AS l RETURN l",
                "LOAD CSV WITH HEADERS FROM 'file:///etc/passwd' AS l RETURN l",
                "LOAD CSV FROM 'file:///etc/passwd' AS l FIELDTERMINATOR ':' RETURN l",
                "CALL { LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l } RETURN l",
                "OPTIONAL CALL { LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l } RETURN l",
                "MATCH (c:Company) WITH c LIMIT 1 CALL (c) { LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l } RETURN l",
                "WITH 'file:///etc/passwd' AS u LOAD CSV FROM u AS l RETURN l",
                "UNWIND ['file:///etc/passwd'] AS u LOAD CSV FROM u AS l RETURN l",
                "LOAD CSV FROM $url AS l RETURN l",
                "LOAD CSV FROM 'file:///' + 'etc/passwd' AS l RETURN l",
                "LOAD CSV FROM 'file:/etc/passwd' AS l RETURN l",
                "LOAD CSV FROM 'FILE:///etc/passwd' AS l RETURN l",
                "CYPHER runtime=slotted LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
                "RETURN 1 AS x UNION LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l[0] AS x",
                "LOAD CSV FROM 'http://127.0.0.1:" + RestAssured.port + "/q/health' AS l RETURN l",
                "LOAD CSV FROM 'http://localhost:" + RestAssured.port + "/graphql?query=%7B__typename%7D' AS l RETURN l",
                "LOAD CSV FROM 'http://[::1]:" + RestAssured.port + "/q/health' AS l RETURN l",
                "LOAD CSV FROM 'http://169.254.169.254/latest/meta-data/' AS l RETURN l",
                "LOAD CSV FROM 'ftp://127.0.0.1/x' AS l RETURN l");
    }

    static Stream<Arguments> refused() {
        var loads = loadCsv().map(s -> Arguments.of(s, 403, "LOAD_CSV_REFUSED"));
        var others = Stream.of(
                // Writes in every form.
                Arguments.of("CREATE (:Company {id: 'hacked'})", 403, "WRITE_REFUSED"),
                Arguments.of("create (:Company {id: 'hacked'})", 403, "WRITE_REFUSED"),
                Arguments.of("CREATE/**/(:Company {id: 'hacked'})", 403, "WRITE_REFUSED"),
                Arguments.of("MERGE (c:Company {id: 'hacked'}) ON CREATE SET c.name = 'x'", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH (c:Company {id: 'openai'}) SET c.name = 'Hacked'", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH (c:Company {id: 'openai'}) SET c:Hacked", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH (c:Company {id: 'openai'}) SET c += {name: 'Hacked'}", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH (c:Company {id: 'openai'}) SET c[$key] = 1", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH (c:Company {id: 'openai'}) REMOVE c.name", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH (c:Company {id: 'openai'}) REMOVE c:Company", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH (c:Company {id: 'openai'}) DETACH DELETE c", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH ()-[r]->() WITH r LIMIT 1 DELETE r", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH ()-[r]->() WITH r LIMIT 1 SET r.hacked = true", 403, "WRITE_REFUSED"),
                Arguments.of("FOREACH (x IN [1] | CREATE (:Hacked))", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH (c:Company {id: 'openai'}) CALL (c) { SET c.hacked = true } RETURN c", 403, "WRITE_REFUSED"),
                Arguments.of("MATCH (c:Company {id: 'openai'}) CALL (c) { CREATE (h:Hacked) RETURN h } RETURN h", 403, "WRITE_REFUSED"),
                Arguments.of("UNWIND range(1, 3) AS i CALL (i) { CREATE (:Hacked {i: i}) } IN TRANSACTIONS OF 1 ROW", 403, "WRITE_REFUSED"),
                // Schema.
                Arguments.of("CREATE INDEX hacked IF NOT EXISTS FOR (n:Company) ON (n.name)", 403, "WRITE_REFUSED"),
                Arguments.of("CREATE FULLTEXT INDEX hacked IF NOT EXISTS FOR (n:Company) ON EACH [n.name]", 403, "WRITE_REFUSED"),
                Arguments.of("DROP INDEX company_names IF EXISTS", 403, "WRITE_REFUSED"),
                Arguments.of("CREATE CONSTRAINT hacked IF NOT EXISTS FOR (n:Company) REQUIRE n.name IS UNIQUE", 403, "WRITE_REFUSED"),
                Arguments.of("DROP CONSTRAINT company_id IF EXISTS", 403, "WRITE_REFUSED"),
                // Settings, users, databases, transactions.
                Arguments.of("SHOW SETTINGS", 403, "ADMINISTRATION_REFUSED"),
                Arguments.of("SHOW SETTINGS YIELD name, value WHERE name CONTAINS 'directories' RETURN name, value", 403, "ADMINISTRATION_REFUSED"),
                Arguments.of("SHOW USERS", 403, "ADMINISTRATION_REFUSED"),
                Arguments.of("show\nusers", 403, "ADMINISTRATION_REFUSED"),
                Arguments.of("SHOW CURRENT USER", 403, "ADMINISTRATION_REFUSED"),
                Arguments.of("SHOW DATABASES", 403, "ADMINISTRATION_REFUSED"),
                Arguments.of("SHOW TRANSACTIONS", 403, "ADMINISTRATION_REFUSED"),
                Arguments.of("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", 403, "ADMINISTRATION_REFUSED"),
                Arguments.of("CREATE USER hacker SET PASSWORD 'secret-password'", 403, "ADMINISTRATION_REFUSED"),
                Arguments.of("ALTER USER neo4j SET PASSWORD 'new-password-123'", 403, "ADMINISTRATION_REFUSED"),
                Arguments.of("DROP USER neo4j", 403, "ADMINISTRATION_REFUSED"),
                // Community Edition cannot even plan these; they are refused all the same.
                Arguments.of("SHOW PRIVILEGES", 400, "CYPHER_ERROR"),
                Arguments.of("STOP DATABASE neo4j", 400, "CYPHER_ERROR"),
                Arguments.of("USE system MATCH (n) RETURN n", 400, "CYPHER_ERROR"),
                // Configuration, connections and other procedures off the allow-list; unknown procedures.
                Arguments.of("CALL dbms.listConfig()", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL dbms.listConfig() YIELD name, value RETURN name, value", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL /* hidden */ dbms.listConfig()", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL `dbms`.`listConfig`()", 403, "PROCEDURE_REFUSED"),
                Arguments.of("MATCH (c:Company) WITH c LIMIT 1 CALL dbms.listConfig() YIELD name RETURN name", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL { CALL dbms.listConfig() YIELD name RETURN name } RETURN name", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL dbms.components()", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL dbms.info()", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL dbms.listConnections()", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL dbms.killConnection('bolt-1')", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL dbms.clientConfig()", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL dbms.queryJmx('*:*')", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL db.info()", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL db.stats.retrieve('GRAPH COUNTS')", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL db.clearQueryCaches()", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL db.createLabel('Hacked')", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL tx.setMetaData({hacked: true})", 403, "PROCEDURE_REFUSED"),
                Arguments.of("call DBMS.LISTCONFIG()", 403, "PROCEDURE_REFUSED"),
                Arguments.of("CALL apoc.load.json('file:///etc/passwd')", 403, "PROCEDURE_REFUSED"),
                // Two statements in one.
                Arguments.of("MATCH (n) RETURN n; CREATE (:Hacked)", 400, "SYNTAX_ERROR"));
        return Stream.concat(loads, others);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refused")
    void isRefusedWithItsCodeAndChangesNothing(String statement, int status, String code) {
        var before = TestGraph.checksum(driver);
        var body = CypherEndpointTest.cypher(statement, Map.of("url", FILE, "key", "hacked")).statusCode(status)
                .body("error.code", equalTo(code))
                .body("error.message", not(emptyOrNullString()))
                .extract().asString();
        assertFalse(body.contains("root:x:0:0"), body);
        assertFalse(body.contains("\"rows\""), body);
        if (status == 403) {
            assertTrue(body.contains("\"refused\""), () -> "names what it refused: " + body);
        }
        assertEquals(before, TestGraph.checksum(driver), "the graph is unchanged");
    }

    @Test
    void thereAreAtLeastFortyOfThem() {
        assertTrue(refused().count() >= 40);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("allowed")
    void whatResearchersNeedStillAnswers(String statement) {
        CypherEndpointTest.cypher(statement, Map.of()).statusCode(200).body("rowCount", org.hamcrest.Matchers.greaterThan(0));
    }

    static Stream<String> allowed() {
        return Stream.of(
                "CALL db.labels()",
                "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
                "CALL db.propertyKeys()",
                "CALL db.schema.visualization()",
                "CALL db.schema.nodeTypeProperties()",
                "CALL db.index.fulltext.queryNodes('names', 'open*') YIELD node, score RETURN node.id, score",
                "SHOW INDEXES",
                "SHOW CONSTRAINTS",
                "SHOW FUNCTIONS YIELD name WHERE name STARTS WITH 'date' RETURN name",
                "MATCH p = shortestPath((a:Company {id: 'openai'})-[*..6]-(b:Company {id: 'aws'})) RETURN length(p)",
                "MATCH p = ANY SHORTEST (a:Company {id: 'openai'})-[]-+(b:Company {id: 'aws'}) RETURN length(p)",
                "MATCH (c:Company) WHERE EXISTS { (c)<-[:PARTY_TO|HOLDS]-() } OR true RETURN count(c)",
                "MATCH (c:Company) CALL (c) { RETURN size(c.name) AS n } RETURN sum(n)",
                "MATCH (a:Agreement) RETURN a.kind, count(*) ORDER BY count(*) DESC",
                "UNWIND range(1, 3) AS x RETURN x * 2",
                "CYPHER runtime=slotted MATCH (c:Company {id: 'aws'}) RETURN c.name");
    }
}
