package org.dealgraph.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;
import org.neo4j.driver.summary.ResultSummary;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Defence in depth: with the endpoint's own plan check switched off, the database's settings alone (no file URLs,
 * an import directory of its own, every network address blocked) still stop every LOAD CSV of the hostile suite.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
@TestProfile(DatabaseSettingsTest.PolicyOff.class)
class DatabaseSettingsTest extends SeedGraphTest {

    public static class PolicyOff implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(AllowEverything.class);
        }
    }

    /** The plan check, switched off: every statement may run. */
    @Alternative
    @ApplicationScoped
    public static class AllowEverything extends StatementPolicy {
        public AllowEverything() {
            super(List.of("*"), List.of("*"));
        }

        @Override
        public Optional<Refusal> check(ResultSummary explained, Set<String> pluginFunctions) {
            return Optional.empty();
        }
    }

    static java.util.stream.Stream<String> loadCsv() {
        return HostileStatementsTest.loadCsv();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("loadCsv")
    void theDatabaseItselfRefusesFilesAndAddresses(String statement) {
        var before = TestGraph.checksum(driver);
        var response = CypherEndpointTest.cypher(statement, Map.of("url", HostileStatementsTest.FILE)).extract();
        var body = response.asString();
        assertEquals(400, response.statusCode(), body);
        assertEquals("CYPHER_ERROR", response.path("error.code"), body);
        String message = response.path("error.message");
        assertTrue(message.contains("dbms.security.allow_csv_import_from_file_urls") || message.contains("blocked via the configuration")
                || message.contains("unknown protocol") || message.contains("Invalid URL"), message);
        assertFalse(body.contains("root:x:0:0"), body);
        assertFalse(body.contains("\"status\""), body);
        assertEquals(before, TestGraph.checksum(driver));
    }
}
