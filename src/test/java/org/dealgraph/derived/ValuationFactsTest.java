package org.dealgraph.derived;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The valuation term end to end: deal file → graph → GraphQL, with basis and sources, amended, and refused where it does not fit. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class ValuationFactsTest extends FreshSeedGraphTest {

    @Test
    void theSeedValuesOpenAIAtItsLatestRound() {
        var data = GraphQL.data("""
                { company(id: "openai") {
                    before: valuation(asOf: "2025-01-01") { postMoney { text } }
                    mid: valuation(asOf: "2025-12-31") { postMoney { text } stated { text kind } agreementId }
                    now: valuation(asOf: "2026-03-01") { postMoney { text } stated { text kind money { text } } roundSize { text }
                      confidence basis { rule inputs { agreementId role sources { source { url } confidence } } } } } }""");
        assertTrue(data.get("company.before") == null, "no round states a valuation before 2025-03-31");
        assertEquals("USD 300B", data.getString("company.mid.postMoney.text"));
        assertEquals("POST_MONEY", data.getString("company.mid.stated.kind"));
        assertEquals("softbank-openai-round-2025", data.getString("company.mid.agreementId"));
        assertEquals("USD 840B", data.getString("company.now.postMoney.text"));
        assertEquals("USD 730B pre-money", data.getString("company.now.stated.text"));
        assertEquals("USD 110B", data.getString("company.now.roundSize.text"));
        assertEquals("STATED", data.getString("company.now.confidence"));
        assertEquals("on 2026-03-01: latest round 2026-02-27, USD 730B pre-money + USD 110B round = USD 840B post-money",
                data.getString("company.now.basis.rule"));
        List<String> urls = data.getList("company.now.basis.inputs.sources.source.url.flatten()");
        assertTrue(urls.contains("https://tomshardware.com/tech-industry/amazon-invests-50-billion-in-openai"), urls::toString);
    }

    @Test
    void eachInvestorsImpliedStakeComesFromItsFirmMoney() {
        var data = GraphQL.data("""
                { nvidia: agreement(id: "nvidia-openai-equity-2026") { valuation { text } roundSize { text }
                    postMoneyValuation(asOf: "2026-03-01") { postMoney { text } basis { rule } }
                    impliedStake(asOf: "2026-03-01") { percent approximate confidence basis { rule } } }
                  amazon: agreement(id: "amazon-openai-equity-2026") { impliedStake(asOf: "2026-03-01") { percent basis { rule } } }
                  softbank: agreement(id: "softbank-openai-round-2025") { impliedStake(asOf: "2025-06-01") { percent approximate } } }""");
        assertEquals("USD 730B pre-money", data.getString("nvidia.valuation.text"));
        assertEquals("USD 840B", data.getString("nvidia.postMoneyValuation.postMoney.text"));
        assertEquals(3.57f, data.getFloat("nvidia.impliedStake.percent"));
        assertTrue(data.getString("nvidia.impliedStake.basis.rule").endsWith("NVIDIA: USD 30B ÷ USD 840B post-money "
                + "(USD 730B pre-money + USD 110B round) = 3.57%"), data.getString("nvidia.impliedStake.basis.rule"));
        assertEquals(1.79f, data.getFloat("amazon.impliedStake.percent"), "the conditional USD 35B buys nothing yet");
        assertEquals(10, data.getInt("softbank.impliedStake.percent"));
        assertTrue(data.getBoolean("softbank.impliedStake.approximate"), "~USD 30B");
    }

    @Test
    void aRoundWithoutAValuationIsNotApplicable() {
        GraphQL.post("{ agreement(id: \"msft-openai-equity-2019\") { impliedStake(asOf: \"2026-01-01\") { percent } } }")
                .statusCode(200).body("errors[0].extensions.code", equalTo("NOT_APPLICABLE"))
                .body("errors[0].message", containsString("states no valuation"));
        GraphQL.post("{ agreement(id: \"nvidia-openai-loi-2025\") { postMoneyValuation { postMoney { text } } } }")
                .statusCode(200).body("errors[0].extensions.code", equalTo("NOT_APPLICABLE"))
                .body("errors[0].message", containsString("is a MEMORANDUM, not an EQUITY_INVESTMENT or RECAPITALIZATION"));
    }

    @Test
    void aValuationLoadedFromAFileIsAmendedAndExplained() {
        var file = """
                sources: [{id: test-round, url: "https://example.com/round", publisher: Example}]
                companies: [{id: test-lab, name: Test Lab, kinds: [AI_LAB]}, {id: test-fund, name: Test Fund, kinds: [INVESTOR]}]
                agreements:
                  - id: test-fund-lab-2025
                    kind: EQUITY_INVESTMENT
                    title: Test Fund's investment in Test Lab
                    parties: [{company: test-fund, role: INVESTOR}, {company: test-lab, role: INVESTEE}]
                    announced: 2025-05-01
                    money: USD 2B
                    valuation: USD 18B pre-money
                    sources: [{source: test-round, confidence: REPORTED, facts: [money, valuation]}]
                """;
        Curator.loadFile(Curator.TOKEN, "round.yaml", file, false).statusCode(200).body("outcome", equalTo("LOADED"));
        var first = GraphQL.data("{ company(id: \"test-lab\") { valuation(asOf: \"2025-06-01\") { postMoney { text } confidence basis { rule } } } }");
        assertEquals("USD 20B", first.getString("company.valuation.postMoney.text"), "the whole round: USD 18B + USD 2B");
        assertEquals("REPORTED", first.getString("company.valuation.confidence"));

        var amendment = Map.<String, Object>of("id", "test-fund-lab-fix", "kind", "EQUITY_INVESTMENT", "title", "Corrected terms",
                "parties", List.of(Map.of("company", "test-fund", "role", "INVESTOR"), Map.of("company", "test-lab", "role", "INVESTEE")),
                "announced", "2025-09-01", "sources", List.of(Map.of("source", "test-round", "confidence", "STATED")));
        Curator.graphql(Curator.TOKEN, """
                mutation($by: AgreementEntryInput!) {
                  amendAgreement(agreement: "test-fund-lab-2025", by: $by, kind: AMENDMENT, effective: "2025-09-01",
                    changes: [{field: "valuation", from: "USD 18B pre-money", to: "usd 25b post-money"}]) { outcome } }""",
                Map.of("by", amendment)).statusCode(200).body("errors", nullValue());
        var data = GraphQL.data("""
                { agreement(id: "test-fund-lab-2025") {
                    before: state(asOf: "2025-08-31") { valuation { text } }
                    after: state(asOf: "2025-09-01") { valuation { text kind } }
                    amendedBy { changes { field from to } }
                    impliedStake(asOf: "2025-10-01") { percent basis { rule } } } }""");
        assertEquals("USD 18B pre-money", data.getString("agreement.before.valuation.text"));
        assertEquals("USD 25B post-money", data.getString("agreement.after.valuation.text"), "stored in its canonical form");
        assertEquals(8, data.getInt("agreement.impliedStake.percent"));
        assertTrue(data.getString("agreement.impliedStake.basis.rule").contains("test-fund-lab-fix (2025-09-01): valuation → USD 25B post-money"),
                data.getString("agreement.impliedStake.basis.rule"));
    }

    @Test
    void aValuationOnAnotherKindOrInAnotherFormIsRefusedWithItsPath() {
        var file = """
                sources: [{id: test-src, url: "https://example.com/src", publisher: Example}]
                agreements:
                  - id: test-compute
                    kind: COMPUTE_COMMITMENT
                    title: Not a round
                    parties: [{company: openai, role: CUSTOMER}, {company: aws, role: PROVIDER}]
                    announced: 2026-01-01
                    valuation: USD 1B post-money
                    sources: [{source: test-src, confidence: STATED}]
                  - id: test-round
                    kind: EQUITY_INVESTMENT
                    title: A round
                    parties: [{company: nvidia, role: INVESTOR}, {company: openai, role: INVESTEE}]
                    announced: 2026-01-01
                    valuation: USD 1B
                    roundSize: lots
                    sources: [{source: test-src, confidence: STATED}]
                """;
        Curator.loadFile(Curator.TOKEN, "bad.yaml", file, false).statusCode(422).body("outcome", equalTo("REJECTED"))
                .body("problems.path", hasItem("agreements[0].valuation"))
                .body("problems.message", hasItem("applies to [EQUITY_INVESTMENT, RECAPITALIZATION] agreements, not to a COMPUTE_COMMITMENT"))
                .body("problems.path", hasItem("agreements[1].valuation"))
                .body("problems.path", hasItem("agreements[1].roundSize"));
    }
}
