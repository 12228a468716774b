package org.dealgraph.curation;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.dealgraph.seed.SeedLoader;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.DealFiles;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The curators' GraphQL mutations, and the credential every write needs. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class CuratorMutationsTest extends FreshSeedGraphTest {

    private static final String RECORD = """
            mutation($a: AgreementEntryInput!, $s: [SourceEntryInput], $c: [CompanyEntryInput]) {
              recordAgreement(agreement: $a, sources: $s, companies: $c) { outcome added changed } }""";

    private static final Map<String, Object> MISTRAL_DEAL = Map.of(
            "id", "mistral-azure-2026",
            "kind", "COMPUTE_COMMITMENT",
            "title", "Mistral's Azure commitment",
            "parties", List.of(Map.of("company", "mistral", "role", "CUSTOMER"), Map.of("company", "microsoft", "role", "PROVIDER")),
            "announced", "2026-03",
            "money", "~EUR 1.5B",
            "sources", List.of(Map.of("source", "test-mistral", "confidence", "REPORTED")));

    private static final Map<String, Object> VARIABLES = Map.of("a", MISTRAL_DEAL,
            "s", List.of(Map.of("id", "test-mistral", "url", "https://example.com/mistral", "publisher", "Example")),
            "c", List.of(Map.of("id", "mistral", "name", "Mistral AI", "kinds", List.of("AI_LAB"))));

    @Test
    void withoutACredentialNothingIsWritten() {
        var before = TestGraph.checksum(driver);
        Curator.graphql(null, RECORD, VARIABLES).statusCode(200)
                .body("data.recordAgreement", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHORIZED"))
                .body("errors[0].message", containsString("Authorization: Bearer"));
        Curator.graphql("not-a-token", RECORD, VARIABLES).statusCode(200)
                .body("errors[0].extensions.code", equalTo("UNAUTHORIZED"))
                .body("errors[0].message", containsString("not valid"));
        Curator.graphql(Curator.READER_TOKEN, RECORD, VARIABLES).statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Curator.loadFile(null, "x.yaml", DealFiles.XAI_ORACLE, false).statusCode(401);
        Curator.loadFile("not-a-token", "x.yaml", DealFiles.XAI_ORACLE, false).statusCode(401);
        Curator.loadFile(Curator.READER_TOKEN, "x.yaml", DealFiles.XAI_ORACLE, false).statusCode(403);
        assertEquals(before, TestGraph.checksum(driver));
    }

    @Test
    void readsStayOpenEvenWithABadCredential() {
        Curator.graphql("not-a-token", "{ company(id: \"openai\") { name } }", Map.of()).statusCode(200)
                .body("data.company.name", equalTo("OpenAI"));
    }

    @Test
    void aCuratorRecordsAnAgreementWithANewPartyAndSource() {
        Curator.graphql(Curator.TOKEN, RECORD, VARIABLES).statusCode(200)
                .body("errors", nullValue())
                .body("data.recordAgreement.outcome", equalTo("LOADED"))
                .body("data.recordAgreement.added", equalTo(3));
        var data = GraphQL.data("{ agreement(id: \"mistral-azure-2026\") { money { text currency } announced { precision } parties { company { name } } } }");
        assertEquals("~EUR 1.5B", data.getString("agreement.money.text"));
        assertEquals("MONTH", data.getString("agreement.announced.precision"));
    }

    @Test
    void invalidInputIsAValidationErrorNamingThePath() {
        var bad = new java.util.HashMap<>(MISTRAL_DEAL);
        bad.put("money", "EUR -3");
        bad.put("parties", List.of(Map.of("company", "mistral", "role", "CUSTOMER")));
        var before = TestGraph.checksum(driver);
        Curator.graphql(Curator.TOKEN, RECORD, Map.of("a", bad, "s", VARIABLES.get("s"), "c", VARIABLES.get("c"))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("agreements[0].money"))
                .body("errors[0].message", containsString("agreements[0].parties: must name at least two parties"));
        assertEquals(before, TestGraph.checksum(driver));
    }

    @Test
    void amendingAnAgreementChangesItsStateFromTheDate() {
        var amendment = Map.<String, Object>of(
                "id", "aws-openai-exclusivity-2026", "kind", "PARTNERSHIP", "title", "Hypothetical amendment",
                "parties", List.of(Map.of("company", "openai", "role", "PARTNER"), Map.of("company", "aws", "role", "PARTNER")),
                "announced", "2026-09-01",
                "sources", List.of(Map.of("source", "tomshardware-amazon-50b", "confidence", "INFERRED")));
        Curator.graphql(Curator.TOKEN, """
                mutation($by: AgreementEntryInput!) {
                  amendAgreement(agreement: "aws-openai-compute-2025", by: $by, kind: AMENDMENT, effective: "2026-09-01",
                    changes: [{field: "exclusive", to: "true"}]) { outcome added } }""", Map.of("by", amendment))
                .statusCode(200).body("errors", nullValue()).body("data.amendAgreement.added", equalTo(1));
        var data = GraphQL.data("""
                { agreement(id: "aws-openai-compute-2025") { a: state(asOf: "2026-08-31") { exclusive } b: state(asOf: "2026-09-01") { exclusive basis { confidence } } } }""");
        assertTrue(data.get("agreement.a.exclusive") == null);
        assertTrue(data.getBoolean("agreement.b.exclusive"));
        assertEquals("INFERRED", data.getString("agreement.b.basis.confidence"));
    }

    @Test
    void upsertsAddThenChangeKeepingARevision() {
        Curator.graphql(Curator.TOKEN, "mutation { upsertCompany(company: {id: \"openai\", name: \"OpenAI\", aliases: [\"OpenAI Group PBC\"], kinds: [\"AI_LAB\", \"OTHER\"]}) { outcome changed } }", Map.of())
                .statusCode(200).body("errors", nullValue()).body("data.upsertCompany.changed", equalTo(1));
        Curator.graphql(Curator.TOKEN, """
                mutation { upsertPerson(person: {id: "sarah-friar", name: "Sarah Friar", roles: [{title: "CFO", company: "openai",
                  sources: [{source: "aicnbc-21082", confidence: "INFERRED"}]}]}) { outcome added } }""", Map.of())
                .statusCode(200).body("errors", nullValue()).body("data.upsertPerson.added", equalTo(1));
        assertEquals(1, TestGraph.count(driver, "MATCH (:Company {id: 'openai'})-[:HAD_REVISION]->(r:Revision) RETURN count(r)"));
        assertEquals("CFO", GraphQL.data("{ person(id: \"sarah-friar\") { roles { title } } }").getString("person.roles[0].title"));
    }

    @Test
    void attachingASourceAddsItAndSurvivesReloads() {
        Curator.graphql(Curator.TOKEN, """
                mutation { attachSource(agreement: "meta-nebius-2026", confidence: STATED, facts: ["money"],
                  source: {id: "test-nebius-6k", url: "https://example.com/nebius-6k", publisher: "Nebius 6-K"}) }""", Map.of())
                .statusCode(200).body("errors", nullValue()).body("data.attachSource", equalTo(true));
        var file = SeedLoader.files().stream().filter(f -> f.name().startsWith("30-")).findFirst().orElseThrow();
        Curator.loadFile(Curator.TOKEN, file.name(), file.content().replace("money: up to USD 27B", "money: up to USD 27.5B"), false)
                .statusCode(200).body("changed", equalTo(1));
        var sources = GraphQL.data("{ agreement(id: \"meta-nebius-2026\") { sources { source { id } } } }").getList("agreement.sources.source.id");
        assertTrue(sources.contains("test-nebius-6k"), sources::toString);
        Curator.graphql(Curator.TOKEN, """
                mutation { attachSource(agreement: "no-such-deal", confidence: STATED,
                  source: {id: "test-x", url: "https://example.com/x", publisher: "X"}) }""", Map.of())
                .statusCode(200).body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        assertFalse(sources.isEmpty());
    }
}
