package org.dealgraph.research;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;


import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every example query in graph/queries runs through POST /cypher on the seed graph and gives the expected answer. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class ResearchQueriesTest extends SeedGraphTest {

    private static final Path QUERIES = Path.of("graph", "queries");




    /** Runs a query file with the parameters its header names; returns rows as column → value maps. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> run(String file) throws IOException {
        var text = Files.readString(QUERIES.resolve(file));
        assertTrue(text.startsWith("// Question: "), file + " starts with the question it answers");
        var parameters = text.lines().filter(l -> l.startsWith("// Parameters: ")).findFirst()
                .map(l -> l.substring("// Parameters: ".length())).orElseThrow(() -> new AssertionError(file + " names its parameters"));
        var body = Map.of("statement", text, "parameters", new ObjectMapper().readValue(parameters, Map.class));
        var json = io.restassured.path.json.JsonPath.from(CypherEndpointTest.cypher(text, (Map<String, Object>) body.get("parameters"))
                .statusCode(200).extract().asString())
                .using(new io.restassured.path.json.config.JsonPathConfig(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        List<String> columns = json.getList("columns");
        List<List<Object>> rows = json.getList("rows");
        return rows.stream().map(row -> {
            var map = new java.util.LinkedHashMap<String, Object>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i), row.get(i));
            }
            return (Map<String, Object>) map;
        }).toList();
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, String column, Object value) {
        return rows.stream().filter(r -> value.equals(r.get(column))).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + column + " = " + value + " in " + rows));
    }

    @Test
    void thereAreAtLeastTenQueriesEachWithItsQuestion() throws IOException {
        try (var files = Files.list(QUERIES)) {
            var names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cypher")).collect(Collectors.toList());
            assertTrue(names.size() >= 10, names::toString);
        }
    }

    @Test
    void committedEquityPerInvestor() throws IOException {
        var rows = run("01_committed_equity_per_investor.cypher");
        assertEquals(13_000_000_000.0, ((Number) row(rows, "investor", "microsoft").get("committedUsd")).doubleValue());
        assertEquals(15_000_000_000.0, ((Number) row(rows, "investor", "amazon").get("committedUsd")).doubleValue());
        assertEquals(30_000_000_000.0, ((Number) row(rows, "investor", "nvidia").get("committedUsd")).doubleValue(),
                "the superseded $100B letter of intent and the 'up to $10B' in Anthropic are not committed");
    }

    @Test
    void computeCommitmentsPerProviderByYear() throws IOException {
        var rows = run("02_compute_commitments_per_provider_by_year.cypher");
        var aws2026 = rows.stream().filter(r -> r.get("provider").equals("AWS") && ((Number) r.get("year")).intValue() == 2026).findFirst().orElseThrow();
        assertEquals(100_000_000_000.0, ((Number) aws2026.get("headlineUsd")).doubleValue());
        var nebius2026 = rows.stream().filter(r -> r.get("provider").equals("Nebius") && ((Number) r.get("year")).intValue() == 2026).findFirst().orElseThrow();
        assertEquals(0.0, ((Number) nebius2026.get("firmUsd")).doubleValue(), "an 'up to' headline is not firm");
    }

    @Test
    void licensesExclusiveOnADate() throws IOException {
        var rows = run("03_licenses_exclusive_on_date.cypher");
        assertEquals(true, row(rows, "license", "msft-openai-ip-license").get("exclusive"));
        assertEquals(List.of("Microsoft"), row(rows, "license", "msft-openai-ip-license").get("licensees"));
    }

    @Test
    void amendmentsInOrder() throws IOException {
        var rows = run("04_amendments_in_order.cypher");
        assertEquals(List.of("msft-openai-definitive-2025", "msft-openai-amended-2026"), rows.stream().map(r -> r.get("by")).toList());
        assertThat((List<String>) rows.get(1).get("changes"), hasItem("exclusive -> false"));
    }

    @Test
    void shortestConnection() throws IOException {
        var rows = run("05_shortest_connection.cypher");
        assertEquals(3, ((Number) rows.get(0).get("agreements")).intValue());
        var chain = (List<?>) rows.get(0).get("chain");
        assertEquals("Meta", chain.get(0));
        assertEquals("Anthropic", chain.get(chain.size() - 1));
    }

    @Test
    void factsRestingOnPressReports() throws IOException {
        var ids = run("06_facts_resting_on_press_reports.cypher").stream().map(r -> r.get("agreement")).toList();
        assertThat(ids, hasItems("openai-oracle-compute-2025", "msft-openai-equity-2021", "openai-coreweave-compute-2025"));
        assertThat(ids, not(hasItem("aws-openai-compute-2025")));
    }

    @Test
    void contradictingSources() throws IOException {
        var rows = run("07_contradicting_sources.cypher");
        assertEquals("announced: 2026-02-26", rows.stream().filter(r -> r.get("fact").equals("amazon-openai-equity-2026"))
                .findFirst().orElseThrow().get("claims"));
    }

    @Test
    void totalValueWithExpansions() throws IOException {
        var rows = run("08_total_value_with_expansions.cypher");
        assertEquals(138_000_000_000.0, ((Number) row(rows, "agreement", "aws-openai-compute-2025").get("totalValue")).doubleValue());
    }

    @Test
    void revenueSharesOnADate() throws IOException {
        var rows = run("09_revenue_shares_on_date.cypher");
        var share = row(rows, "agreement", "openai-msft-revenue-share");
        assertEquals("OpenAI", share.get("payer"));
        assertEquals("USD 38B", share.get("cap"));
        assertEquals("2030", share.get("until"));
        assertTrue(rows.stream().noneMatch(r -> r.get("agreement").equals("msft-openai-azure-revenue-share")), "ended 2026-04-27");
    }

    @Test
    void hubs() throws IOException {
        var rows = run("10_dealmaking_hubs.cypher");
        assertEquals(5, rows.size());
        assertEquals("openai", rows.get(0).get("company"));
    }

    @Test
    void peopleAndRoles() throws IOException {
        var rows = run("11_people_and_their_roles.cypher");
        assertEquals("Chief Revenue Officer", row(rows, "person", "Denise Dresser").get("title"));
        assertEquals("AWS", row(rows, "person", "Matt Garman").get("company"));
    }

    @Test
    void companyEventsInAPeriod() throws IOException {
        var events = run("12_company_events_in_a_period.cypher").stream().map(r -> r.get("date") + " " + r.get("event") + " " + r.get("agreement")).toList();
        assertThat(events, hasItems("2026-04-27 ANNOUNCED msft-openai-amended-2026",
                "2026-04-27 AMENDMENT by msft-openai-amended-2026 msft-openai-ip-license"));
    }
}
