package org.dealgraph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A file is written in batches as it is read, yet the order of its lists and of its entries does not matter: a fact may
 * link to one the file gives later (a statement before the agreements it is about, a company before its parent, an
 * agreement amending one in a later batch). The same facts in any order make the same graph.
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class FileOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** More agreements than one batch holds, so that an amendment can point into a later batch. */
    private static final int AGREEMENTS = DealBatches.SIZE + 2;

    @Inject
    Driver driver;

    @Inject
    DealService deals;

    @Test
    void theSameFactsInAnyOrderMakeTheSameGraph() throws Exception {
        SeedGraph.invalidate();
        var sections = sections();

        TestGraph.clean(driver);
        load(sections, List.of("sources", "companies", "people", "agreements", "statements"));
        var written = TestGraph.exportLines(driver);
        assertEquals(1L, count("MATCH (:Agreement {id: 'order-ag-0'})-[:AMENDS]->(:Agreement {id: 'order-ag-" + (AGREEMENTS - 1) + "'}) RETURN count(*)"),
                "an amendment of an agreement in a later batch");
        assertEquals(1L, count("MATCH (:Agreement {id: 'order-ag-10'})-[:AMENDS]->(:Agreement {id: 'order-ag-11'}) RETURN count(*)"));
        assertEquals(1L, count("MATCH (:Agreement {id: 'order-ag-" + (AGREEMENTS - 1) + "'})-[:AMENDS]->(:Agreement {id: 'order-ag-0'}) RETURN count(*)"));
        assertEquals(1L, count("MATCH (:Company {id: 'order-co-0'})-[:SUBSIDIARY_OF]->(:Company {id: 'order-co-1'}) RETURN count(*)"),
                "a parent given after its subsidiary");
        assertEquals(1L, count("MATCH (:Company {id: 'order-co-2'})-[:SUBSIDIARY_OF]->(:Company {id: 'order-co-0'}) RETURN count(*)"));
        assertEquals(2L, count("MATCH (:Person {id: 'order-person'})-[:MADE]->(:Statement {id: 'order-st'})-[:ABOUT]->(:Agreement) RETURN count(*)"));
        assertEquals(2L * AGREEMENTS, count("MATCH (:Company)-[:PARTY_TO]->(a:Agreement) WHERE a.id STARTS WITH 'order-ag-' RETURN count(*)"));

        for (var order : List.of(List.of("statements", "agreements", "people", "companies", "sources"),
                List.of("agreements", "statements", "sources", "companies", "people"))) {
            TestGraph.clean(driver);
            load(sections, order);
            TestGraph.assertSameLines(written, TestGraph.exportLines(driver), "the lists in the order " + order);
        }
        TestGraph.clean(driver);
    }

    private void load(Map<String, Object> sections, List<String> order) throws Exception {
        var file = new LinkedHashMap<String, Object>();
        order.forEach(name -> file.put(name, sections.get(name)));
        var report = deals.load("order.json", JSON.writeValueAsString(file), false);
        assertEquals(LoadReport.Outcome.LOADED, report.outcome(), report.summary());
    }

    private long count(String cypher) {
        try (var session = driver.session()) {
            return session.run(cypher).single().get(0).asLong();
        }
    }

    private static Map<String, Object> sections() {
        var sections = new LinkedHashMap<String, Object>();
        sections.put("sources", List.of(Map.of("id", "order-src", "url", "https://example.com/order", "publisher", "Example")));
        sections.put("companies", List.of(
                Map.of("id", "order-co-0", "name", "Order Zero", "parent", "order-co-1"),
                Map.of("id", "order-co-1", "name", "Order One"),
                Map.of("id", "order-co-2", "name", "Order Two", "parent", "order-co-0")));
        sections.put("people", List.of(Map.of("id", "order-person", "name", "Order Person",
                "roles", List.of(Map.of("company", "order-co-1", "title", "CEO",
                        "sources", List.of(Map.of("source", "order-src", "confidence", "REPORTED")))))));
        sections.put("statements", List.of(Map.of("id", "order-st", "by", "order-person", "date", "2026-01-02",
                "summary", "On two agreements", "about", List.of("order-ag-0", "order-ag-" + (AGREEMENTS - 1)),
                "sources", List.of(Map.of("source", "order-src", "confidence", "REPORTED")))));
        var agreements = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < AGREEMENTS; i++) {
            var a = new LinkedHashMap<String, Object>();
            a.put("id", "order-ag-" + i);
            a.put("kind", "COMPUTE_COMMITMENT");
            a.put("title", "Order agreement " + i);
            a.put("parties", List.of(Map.of("company", "order-co-" + (i % 3), "role", "CUSTOMER"),
                    Map.of("company", "order-co-" + ((i + 1) % 3), "role", "PROVIDER")));
            a.put("announced", "2026-01-01");
            a.put("money", "USD " + (i + 1) + "M");
            a.put("sources", List.of(Map.of("source", "order-src", "confidence", "REPORTED")));
            var target = i == 0 ? AGREEMENTS - 1 : i == 10 ? 11 : i == AGREEMENTS - 1 ? 0 : -1;
            if (target >= 0) {
                a.put("amends", List.of(Map.of("agreement", "order-ag-" + target, "kind", "EXPANSION", "effective", "2026-02-01")));
            }
            agreements.add(a);
        }
        sections.put("agreements", agreements);
        return sections;
    }
}
