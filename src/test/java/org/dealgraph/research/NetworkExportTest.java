package org.dealgraph.research;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.document.JsonDocument;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The graph as researchers take it away (GET /research/export): GraphML that networkx reads back with the graph's own
 * counts, CSV tables with typed headers, JSON-LD a processor expands into the triples expected of a company; one
 * company's neighbourhood without dangling edges; a date and a moment; and graph/notebooks/network.py run as written.
 */
@org.junit.jupiter.api.Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class NetworkExportTest extends SeedGraphTest {

    private static final String NODES = """
            RETURN COUNT { (:Company) } + COUNT { (:Person) } + COUNT { (:Product) } + COUNT { (:Agreement) } AS nodes,
                   COUNT { (:Company)-[:PARTY_TO]->(:Agreement) } + COUNT { (:Agreement)-[:CONCERNS]->(:Product) }
                   + COUNT { (:Agreement)-[:AMENDS]->(:Agreement) } + COUNT { (:Company)-[:OFFERS]->(:Product) }
                   + COUNT { (:Company)-[:SUBSIDIARY_OF]->(:Company) } + COUNT { (:Person)-[:HOLDS]->(:Role)-[:AT]->(:Company) } AS edges,
                   COUNT { (:Agreement) } AS agreements, COUNT { (:Company) } AS companies""";

    private static byte[] export(String query) {
        return given().get("/research/export?" + query).then().statusCode(200).extract().asByteArray();
    }

    private Map<String, Long> counts() {
        try (var session = driver.session()) {
            var r = session.run(NODES).single();
            var counts = new HashMap<String, Long>();
            r.keys().forEach(k -> counts.put(k, r.get(k).asLong()));
            return counts;
        }
    }

    /** Node ids and edges (source → target, type) of a GraphML document. */
    private record GraphMl(Set<String> nodes, List<String[]> edges) {
        static GraphMl parse(byte[] xml) throws Exception {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            var nodes = new HashSet<String>();
            var found = document.getElementsByTagName("node");
            for (int i = 0; i < found.getLength(); i++) {
                nodes.add(((Element) found.item(i)).getAttribute("id"));
            }
            var edges = new ArrayList<String[]>();
            var links = document.getElementsByTagName("edge");
            for (int i = 0; i < links.getLength(); i++) {
                var e = (Element) links.item(i);
                edges.add(new String[] {e.getAttribute("source"), e.getAttribute("target")});
            }
            return new GraphMl(nodes, edges);
        }
    }

    @Test
    void theWholeGraphAsGraphMlHasTheGraphsNodesAndEdges() throws Exception {
        var graph = GraphMl.parse(export("format=graphml"));
        var counts = counts();
        assertEquals(counts.get("nodes"), (long) graph.nodes().size());
        assertEquals(counts.get("edges"), (long) graph.edges().size());
        assertTrue(graph.nodes().contains("company:openai"), "ids are <type>:<business id>");
        for (var edge : graph.edges()) {
            assertTrue(graph.nodes().contains(edge[0]) && graph.nodes().contains(edge[1]), "an edge between nodes of the document: " + List.of(edge));
        }
    }

    @Test
    void oneCompanysNeighbourhoodHasItsAgreementsAndNoDanglingEdge() throws Exception {
        var graph = GraphMl.parse(export("format=graphml&company=aws"));
        List<String> expected;
        try (var session = driver.session()) {
            expected = session.run("MATCH (:Company {id: 'aws'})-[:PARTY_TO]->(a:Agreement) RETURN DISTINCT 'agreement:' + a.id AS id ORDER BY id")
                    .list(r -> r.get("id").asString());
        }
        assertEquals(expected, graph.nodes().stream().filter(n -> n.startsWith("agreement:")).sorted().toList());
        assertTrue(graph.nodes().containsAll(List.of("company:aws", "company:openai", "product:bedrock")), graph.nodes()::toString);
        for (var edge : graph.edges()) {
            assertTrue(graph.nodes().contains(edge[0]) && graph.nodes().contains(edge[1]), "an edge between nodes of the document: " + List.of(edge));
        }
        // The same by seed/export, as a curator's script asks for it.
        var script = new ProcessBuilder("bash", "seed/export", "--url", "http://localhost:" + io.restassured.RestAssured.port,
                "--format", "graphml", "--company", "aws").start();
        var written = script.getInputStream().readAllBytes();
        assertTrue(script.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, script.exitValue(), new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(graph.nodes(), GraphMl.parse(written).nodes());
        given().get("/research/export?format=graphml&company=no-such-company").then().statusCode(404)
                .body("error.code", org.hamcrest.Matchers.equalTo("NOT_FOUND"));
    }

    @Test
    void csvTablesHaveTypedHeadersAndEveryRow() throws Exception {
        var tables = new HashMap<String, List<String>>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(export("format=csv")))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                tables.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
        }
        assertThat(tables.keySet(), hasItem("edges/PARTY_TO.csv"));
        assertThat(tables.get("nodes/company.csv").get(0), startsWith("id:string,name:string,kinds:string[],aliases:string[]"));
        assertThat(tables.get("nodes/agreement.csv").get(0), containsString("announced:date"));
        assertThat(tables.get("nodes/agreement.csv").get(0), containsString("amount:double"));
        assertEquals(counts().get("agreements") + 1, tables.get("nodes/agreement.csv").size());
        assertEquals(counts().get("companies") + 1, tables.get("nodes/company.csv").size());
        assertTrue(tables.get("nodes/source.csv").size() > 1, "sources and their claims are in the tables");
    }

    @Test
    void jsonLdExpandsToTheTriplesOfACompany() throws Exception {
        var body = export("format=jsonld&company=openai");
        var rdf = JsonLd.toRdf(JsonDocument.of(new ByteArrayInputStream(body))).get();
        var openai = "urn:dealgraph:company:openai";
        var triples = new ArrayList<String>();
        for (var quad : rdf.toList()) {
            triples.add(quad.getSubject().getValue() + " " + quad.getPredicate().getValue() + " " + quad.getObject().getValue());
        }
        assertThat(triples, hasItem(openai + " http://www.w3.org/1999/02/22-rdf-syntax-ns#type https://schema.org/Organization"));
        assertThat(triples, hasItem(openai + " https://schema.org/name OpenAI"));
        assertThat(triples, hasItem(openai + " https://schema.org/identifier openai"));
        // A party of an agreement is a node of its own, naming the company and its role.
        assertTrue(triples.stream().anyMatch(t -> t.endsWith("urn:dealgraph:vocab:company " + openai)), "openai is a party");
        assertTrue(triples.stream().anyMatch(t -> t.contains("urn:dealgraph:vocab:confidence STATED")), "claims keep their confidence");
        assertTrue(triples.stream().anyMatch(t -> t.startsWith("urn:dealgraph:agreement:msft-openai-ip-license https://schema.org/name")));
        given().get("/research/context.jsonld").then().statusCode(200).body("'@context'.Organization", org.hamcrest.Matchers.equalTo("schema:Organization"));
    }

    @Test
    void aDateAndAMomentNarrowTheGraph() throws Exception {
        var before = GraphMl.parse(export("format=graphml&asOf=2020-01-01"));
        long announced;
        try (var session = driver.session()) {
            announced = session.run("MATCH (a:Agreement) WHERE a.announced <= date('2020-01-01') RETURN count(a) AS n").single().get("n").asLong();
        }
        assertEquals(announced, before.nodes().stream().filter(n -> n.startsWith("agreement:")).count());
        var known = GraphMl.parse(export("format=graphml&knownAsOf=2001-01-01T00:00:00Z"));
        assertEquals(Set.of(), known.nodes(), "the graph held nothing in 2001");
        given().get("/research/export?format=xml").then().statusCode(400).body("error.code", org.hamcrest.Matchers.equalTo("BAD_ARGUMENT"))
                .body("error.message", containsString("format"));
        given().get("/research/export?format=csv&asOf=yesterday").then().statusCode(400).body("error.message", containsString("asOf"));
        given().get("/research/export?format=csv&knownAsOf=2026-01-01").then().statusCode(400).body("error.message", containsString("knownAsOf"));
    }

    @jakarta.inject.Inject
    ResearchLimits limits;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "dealgraph.cypher.max-concurrent")
    int slots;

    /** An export takes one of the slots statements take (per client and overall) while it streams. */
    @Test
    void anExportWaitsForASlot() {
        var held = new ArrayList<ResearchLimits.Permit>();
        try {
            for (int i = 0; i < slots; i++) {
                held.add(limits.admit("identity:slot-holder-" + i));
            }
            given().get("/research/export?format=csv").then().statusCode(429)
                    .body("error.code", org.hamcrest.Matchers.equalTo("LIMIT_EXCEEDED")).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        } finally {
            held.forEach(ResearchLimits.Permit::close);
        }
        given().get("/research/export?format=csv").then().statusCode(200);
    }

    /** graph/notebooks/network.py, run as a researcher runs it, against this service: its figures are the graph's. */
    @Test
    void theResearchersExampleRunsAndItsFiguresAreTheGraphs() throws Exception {
        var python = python();
        var url = "http://localhost:" + io.restassured.RestAssured.port;
        var process = new ProcessBuilder(python, "graph/notebooks/network.py", "--url", url, "--json").redirectErrorStream(false).start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err);
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = new ObjectMapper().readValue(out, Map.class);
        var counts = counts();
        assertEquals(counts.get("nodes"), ((Number) figures.get("nodes")).longValue(), "networkx read every node");
        assertEquals(counts.get("edges"), ((Number) figures.get("edges")).longValue(), "networkx read every edge");
        assertEquals(counts.get("agreements"), ((Number) figures.get("agreementsByCypher")).longValue());
        @SuppressWarnings("unchecked")
        var central = (List<Map<String, Object>>) figures.get("central");
        assertEquals("openai", central.get(0).get("company"), "OpenAI has the most partners in the seed graph: " + central);
        double usd2025;
        try (var session = driver.session()) {
            usd2025 = session.run("""
                    MATCH (a:Agreement {kind: 'COMPUTE_COMMITMENT', amountCurrency: 'USD'}) WHERE a.announced.year = 2025 AND a.amountValue IS NOT NULL
                    RETURN sum(toFloat(a.amountValue)) AS total""").single().get("total").asDouble();
        }
        @SuppressWarnings("unchecked")
        var perYear = (List<Map<String, Object>>) figures.get("computeCommitments");
        var row = perYear.stream().filter(r -> ((Number) r.get("year")).intValue() == 2025 && "USD".equals(r.get("currency"))).findFirst().orElseThrow();
        assertEquals(usd2025, ((Number) row.get("total")).doubleValue(), 1.0);
    }

    /** A Python with networkx and pandas: the one on the PATH, or Debian's (.ci/run installs python3-networkx, python3-pandas). */
    static String python() throws IOException, InterruptedException {
        for (var candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                var check = new ProcessBuilder(candidate, "-c", "import networkx, pandas").redirectErrorStream(true).start();
                check.getInputStream().readAllBytes();
                if (check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not there: the next one
            }
        }
        if (System.getenv("CI") == null) {
            Assumptions.abort("no Python with networkx and pandas here (Debian: python3-networkx python3-pandas; .ci/run installs them)");
        }
        throw new AssertionError("no Python with networkx and pandas: .ci/run installs python3-networkx and python3-pandas");
    }
}
