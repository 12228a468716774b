package org.dealgraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;

@Tag("slow")
class EmbeddedNeo4jTest {

    @Test
    void theGraphSurvivesARestart() {
        var directory = Neo4jTestResource.newDirectory("restart");
        var settings = Neo4jTestResource.embeddedSettings(directory, Neo4jTestResource.freePort());
        try (var server = EmbeddedNeo4j.start(settings)) {
            run(server, "CREATE (:Company {id: 'openai', name: 'OpenAI'})");
        }
        try (var server = EmbeddedNeo4j.start(settings)) {
            assertEquals("OpenAI", run(server, "MATCH (c:Company {id: 'openai'}) RETURN c.name AS v"));
        }
    }

    private static String run(EmbeddedNeo4j server, String cypher) {
        try (var driver = GraphDatabase.driver(server.boltUri(),
                AuthTokens.basic(Neo4jTestResource.USERNAME, Neo4jTestResource.PASSWORD));
                var session = driver.session()) {
            var records = session.run(cypher).list();
            return records.isEmpty() ? null : records.get(0).get("v").asString();
        }
    }
}
