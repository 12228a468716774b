package org.dealgraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The warm-up asks about the companies party to the most agreements, each with its most connected agreement. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class SampleFactsTest extends SeedGraphTest {

    @Inject
    SampleFacts samples;

    @Test
    void theCompaniesWithTheMostAgreementsEachWithItsMostConnectedAgreement() {
        var richest = samples.richest(3);
        assertEquals(3, richest.size());
        try (var session = driver.session()) {
            // Counted here by other means than the sample's (every company, a count of rows, not of a pattern).
            Map<String, Long> agreements = session.run("MATCH (c:Company)-[:PARTY_TO]->(a:Agreement) RETURN c.id AS c, count(DISTINCT a) AS n")
                    .stream().collect(Collectors.toMap(r -> r.get("c").asString(), r -> r.get("n").asLong()));
            var chosen = richest.stream().map(SampleFacts.AgreementAndParty::company).toList();
            long fewestChosen = chosen.stream().mapToLong(agreements::get).min().orElseThrow();
            agreements.forEach((company, n) -> assertTrue(chosen.contains(company) || n <= fewestChosen,
                    () -> company + " is party to " + n + " agreements, more than a chosen one (" + fewestChosen + ")"));
            for (int i = 1; i < chosen.size(); i++) {
                assertTrue(agreements.get(chosen.get(i - 1)) >= agreements.get(chosen.get(i)), "richest first: " + chosen);
            }
            for (var pair : richest) {
                var degrees = session.run("""
                        MATCH (:Company {id: $company})-[:PARTY_TO]->(a:Agreement)
                        OPTIONAL MATCH (a)-[r]-() RETURN a.id AS a, count(r) AS degree""", Map.of("company", pair.company()))
                        .stream().collect(Collectors.toMap(r -> r.get("a").asString(), r -> r.get("degree").asLong()));
                assertTrue(degrees.containsKey(pair.agreement()), pair + ": the company is party to the agreement");
                long most = degrees.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                assertEquals(most, degrees.get(pair.agreement()), pair + ": the company's most connected agreement");
            }
        }
    }

    @Test
    void asManyAsAsked() {
        assertEquals(1, samples.richest(1).size());
        assertFalse(samples.richest(50).isEmpty());
    }
}
