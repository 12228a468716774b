package org.dealgraph.derived;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;


import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The questions a reader of the facts asks, answered on the seed graph in a real Neo4j, with their basis. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class DerivedFactsTest extends SeedGraphTest {

    private static final String BASIS = "basis { rule confidence inputs { agreementId role detail confidence amount { text } sources { source { url } } } }";




    @Test
    void theAwsAgreementsAddUpTo138BillionWithTheExpansion() {
        var data = GraphQL.data("""
                { agreement(id: "aws-openai-compute-2025") {
                    totalValue(asOf: "2026-05-01") { committed { amount currency text } confidence %s }
                    before: totalValue(asOf: "2026-01-01") { committed { text } basis { inputs { agreementId role } } } } }""".formatted(BASIS));
        assertEquals("USD 138B", data.getString("agreement.totalValue.committed[0].text"));
        assertEquals(138_000_000_000L, data.getLong("agreement.totalValue.committed[0].amount"));
        assertEquals("USD 38B (2025-11-03) + USD 100B expansion (2026-02-27) = USD 138B",
                data.getString("agreement.totalValue.basis.rule"));
        assertEquals("STATED", data.getString("agreement.totalValue.confidence"));
        assertThat(data.getList("agreement.totalValue.basis.inputs.role"), contains("SUMMED", "SUMMED"));
        assertThat(data.getList("agreement.totalValue.basis.inputs.agreementId"),
                contains("aws-openai-compute-2025", "aws-openai-expansion-2026"));
        assertThat(data.getList("agreement.totalValue.basis.inputs[1].sources.source.url"),
                hasItem("https://tomshardware.com/tech-industry/amazon-invests-50-billion-in-openai"));

        assertEquals("USD 38B", data.getString("agreement.before.committed[0].text"));
        assertEquals("OUTSIDE_DATE", data.getString("agreement.before.basis.inputs.find { it.agreementId == 'aws-openai-expansion-2026' }.role"));
    }

    @Test
    void theExpansionIsWorth12Point5BillionAYear() {
        var data = GraphQL.data("""
                { expansion: agreement(id: "aws-openai-expansion-2026") { annualizedValue { committed { text amount } basis { rule } } }
                  base: agreement(id: "aws-openai-compute-2025") { annualizedValue(asOf: "2026-05-01") { committed { amount } basis { rule } } } }""");
        assertEquals("USD 12.5B", data.getString("expansion.annualizedValue.committed[0].text"));
        assertEquals("USD 100B / 8 years", data.getString("expansion.annualizedValue.basis.rule").split(" = ")[0]);
        // 38B / 7 + 100B / 8, each to the dollar
        assertEquals(5_428_571_429L + 12_500_000_000L, data.getLong("base.annualizedValue.committed[0].amount"));
    }

    @Test
    void microsoftsLicenseWasExclusiveUntilTheAmendmentAndEndsIn2032() {
        var data = GraphQL.data("""
                { agreement(id: "msft-openai-ip-license") {
                    before: license(asOf: "2026-04-26") { active exclusive endsOn { text latest } licensees { id } licensors { id } confidence %s }
                    after: license(asOf: "2026-04-28") { active exclusive endsOn { text } %s }
                    after2032: license(asOf: "2033-01-01") { active } } }""".formatted(BASIS, BASIS));
        assertTrue(data.getBoolean("agreement.before.active"));
        assertTrue(data.getBoolean("agreement.before.exclusive"));
        assertEquals("2032", data.getString("agreement.before.endsOn.text"));
        assertEquals("2032-12-31", data.getString("agreement.before.endsOn.latest"));
        assertEquals(List.of("microsoft"), data.getList("agreement.before.licensees.id"));
        assertEquals(List.of("openai"), data.getList("agreement.before.licensors.id"));
        assertEquals("REPORTED", data.getString("agreement.before.confidence"));
        assertEquals("OUTSIDE_DATE", data.getString(
                "agreement.before.basis.inputs.find { it.agreementId == 'msft-openai-amended-2026' }.role"));

        assertTrue(data.getBoolean("agreement.after.active"));
        assertFalse(data.getBoolean("agreement.after.exclusive"));
        assertEquals("2032", data.getString("agreement.after.endsOn.text"));
        assertEquals("AMENDED", data.getString("agreement.after.basis.inputs.find { it.agreementId == 'msft-openai-amended-2026' }.role"));
        assertTrue(data.getString("agreement.after.basis.rule").contains("msft-openai-amended-2026 (2026-04-27): exclusive → false"));
        assertFalse(data.getBoolean("agreement.after2032.active"));
    }

    @Test
    void theRevenueShareIsCappedThrough2030AndWhatIsOwedRespectsTheCap() {
        var data = GraphQL.data("""
                { agreement(id: "openai-msft-revenue-share") {
                    before: revenueShare(asOf: "2026-01-01") { active ratePercent cap { text } until { text } payers { id } payees { id } }
                    after: revenueShare(asOf: "2026-06-01") { active ratePercent cap { text } until { text } confidence %s }
                    underCap: owed(revenue: 10000000000, from: "2027-01-01", to: "2027-12-31") { committed { amount text } basis { rule confidence } }
                    atCap: owed(revenue: 50000000000, from: "2027-01-01", to: "2027-12-31", alreadyPaid: 30000000000) { committed { amount text } basis { rule } }
                    capUsed: owed(revenue: 50000000000, from: "2028-01-01", to: "2028-12-31", alreadyPaid: 38000000000) { committed { amount } }
                    afterTerm: owed(revenue: 50000000000, from: "2031-01-01", to: "2031-12-31") { committed { amount } basis { rule } } } }""".formatted(BASIS));
        assertEquals(20.0f, data.getFloat("agreement.before.ratePercent"));
        assertNull(data.get("agreement.before.cap"));
        assertNull(data.get("agreement.before.until"));
        assertEquals(List.of("openai"), data.getList("agreement.before.payers.id"));
        assertEquals(List.of("microsoft"), data.getList("agreement.before.payees.id"));

        assertEquals("USD 38B", data.getString("agreement.after.cap.text"));
        assertEquals("2030", data.getString("agreement.after.until.text"));
        assertEquals("REPORTED", data.getString("agreement.after.confidence"), "the cap rests on press reports");

        assertEquals("USD 2B", data.getString("agreement.underCap.committed[0].text"));
        assertTrue(data.getString("agreement.underCap.basis.rule").endsWith("min(20% × USD 10B, USD 38B cap − USD 0 paid) = USD 2B"));
        assertEquals("USD 8B", data.getString("agreement.atCap.committed[0].text"));
        assertEquals(0, data.getDouble("agreement.capUsed.committed[0].amount"));
        assertEquals(0, data.getDouble("agreement.afterTerm.committed[0].amount"));
        assertTrue(data.getString("agreement.afterTerm.basis.rule").contains("outside the term"));
    }

    @Test
    void microsoftStopsPayingOpenAIOnAzureFromTheAmendment() {
        var data = GraphQL.data("""
                { agreement(id: "msft-openai-azure-revenue-share") {
                    a: revenueShare(asOf: "2026-04-01") { active payers { id } }
                    b: revenueShare(asOf: "2026-04-28") { active until { text } } } }""");
        assertTrue(data.getBoolean("agreement.a.active"));
        assertEquals(List.of("microsoft"), data.getList("agreement.a.payers.id"));
        assertFalse(data.getBoolean("agreement.b.active"));
        assertEquals("2026-04-27", data.getString("agreement.b.until.text"));
    }

    @Test
    void microsoftHeld32Point5PercentBeforeTheRecapitalizationAndAbout27After() {
        var data = GraphQL.data("""
                { before: stake(holder: "microsoft", company: "openai", asOf: "2025-10-27") { percent approximate %s }
                  after: stake(holder: "microsoft", company: "openai", asOf: "2025-10-28") { percent approximate confidence }
                  never: stake(holder: "meta", company: "openai", asOf: "2026-01-01") { percent } }""".formatted(BASIS));
        assertEquals(32.5f, data.getFloat("before.percent"));
        assertFalse(data.getBoolean("before.approximate"));
        assertTrue(data.getString("before.basis.rule").contains("before msft-openai-definitive-2025"));
        assertEquals(27.0f, data.getFloat("after.percent"));
        assertTrue(data.getBoolean("after.approximate"));
        assertEquals("STATED", data.getString("after.confidence"));
        assertNull(data.get("never.percent"));
    }

    @Test
    void openAIModelsMayBeServedOnAnyCloudAfterTheAmendmentWithAzureFirst() {
        var data = GraphQL.data("""
                { before: servingClouds(company: "openai", asOf: "2026-03-01") { anyCloud primary { id } firstRelease { id }
                    clouds { provider { id } agreementId exclusive scope } %s }
                  after: servingClouds(company: "openai", asOf: "2026-05-01") { anyCloud primary { id } firstRelease { id }
                    clouds { provider { id } agreementId exclusive } basis { rule } } }""".formatted(BASIS));
        assertFalse(data.getBoolean("before.anyCloud"));
        assertEquals("microsoft", data.getString("before.primary.id"));
        assertNull(data.get("before.firstRelease"));
        assertTrue(data.getBoolean("before.clouds.find { it.agreementId == 'msft-openai-azure-distribution' }.exclusive"));
        assertThat(data.getList("before.clouds.agreementId"), not(hasItem("aws-openai-bedrock-distribution")));

        assertTrue(data.getBoolean("after.anyCloud"));
        assertEquals("microsoft", data.getString("after.primary.id"));
        assertEquals("microsoft", data.getString("after.firstRelease.id"));
        assertFalse(data.getBoolean("after.clouds.find { it.agreementId == 'msft-openai-azure-distribution' }.exclusive"));
        assertThat(data.getList("after.clouds.agreementId"), containsInAnyOrder("msft-openai-azure-distribution",
                "aws-openai-frontier-distribution", "aws-openai-bedrock-distribution"));
        assertTrue(data.getString("after.basis.rule").endsWith("any cloud provider permitted"));
    }

    @Test
    void metasCombinedCommitmentsKeepTheCeilingOutOfTheSum() {
        var data = GraphQL.data("""
                { article: combinedCommitments(customer: "meta", agreements: ["meta-coreweave-2026", "meta-nebius-2026"], asOf: "2026-05-01") {
                    committed { text } conditional { text } upTo { text ceiling } confidence %s }
                  all: combinedCommitments(customer: "meta", providers: ["coreweave", "nebius"], asOf: "2026-05-01") { committed { amount } upTo { amount } } }"""
                .formatted(BASIS));
        assertEquals("~USD 33B", data.getString("article.committed[0].text"));
        assertEquals("up to ~USD 48B", data.getString("article.upTo[0].text"), "the article's $48B is the ceiling");
        assertEquals("USD 15B", data.getString("article.conditional[0].text"));
        List<Map<String, Object>> inputs = data.getList("article.basis.inputs");
        var ceiling = inputs.stream().filter(i -> "EXCLUDED_CEILING".equals(i.get("role"))).toList();
        assertEquals(1, ceiling.size(), () -> "inputs: " + inputs);
        assertEquals("meta-nebius-2026", ceiling.get(0).get("agreementId"));
        assertThat(inputs.stream().filter(i -> "SUMMED".equals(i.get("role"))).map(i -> ((Map<?, ?>) i.get("amount")).get("text")).toList(),
                containsInAnyOrder("~USD 21B", "USD 12B"));
        assertTrue(data.getString("article.basis.rule").contains("not summed: up to USD 15B optional capacity of meta-nebius-2026 (ceiling)"));
        assertEquals(50_100_000_000L, data.getLong("all.committed[0].amount"));
        assertEquals(65_100_000_000L, data.getLong("all.upTo[0].amount"));
    }

    @Test
    void investmentTotalsSeparateCommittedConditionalAndCeilings() {
        var data = GraphQL.data("""
                { microsoft: investments(investor: "microsoft", investee: "openai", asOf: "2026-05-01") { committed { amount approximate } confidence basis { rule } }
                  amazon: investments(investor: "amazon", asOf: "2026-05-01") { committed { text } conditional { text } upTo { text } }
                  beforeAmazon: investments(investor: "amazon", asOf: "2026-01-01") { committed { text } basis { inputs { role } } }
                  nvidia: investments(investor: "nvidia", investee: "openai", asOf: "2026-05-01") { committed { text } basis { inputs { agreementId role } } } }""");
        assertEquals(13_000_000_000L, data.getLong("microsoft.committed[0].amount"));
        assertTrue(data.getBoolean("microsoft.committed[0].approximate"));
        assertEquals("REPORTED", data.getString("microsoft.confidence"));
        assertEquals("USD 15B", data.getString("amazon.committed[0].text"));
        assertEquals("USD 35B", data.getString("amazon.conditional[0].text"));
        assertEquals("up to USD 50B", data.getString("amazon.upTo[0].text"));
        assertThat(data.getList("beforeAmazon.committed"), empty());
        assertThat(data.getList("beforeAmazon.basis.inputs.role"), contains("OUTSIDE_DATE"));
        assertEquals("USD 30B", data.getString("nvidia.committed[0].text"));
        assertEquals("SUPERSEDED", data.getString("nvidia.basis.inputs.find { it.agreementId == 'nvidia-openai-loi-2025' }.role"));
    }

    @Test
    void stateOnADateAppliesTheAmendmentChain() {
        var data = GraphQL.data("""
                { agreement(id: "msft-openai-azure-cloud") {
                    s2024: state(asOf: "2024-06-01") { exclusive scope }
                    s2025: state(asOf: "2025-06-01") { exclusive scope }
                    s2026: state(asOf: "2026-01-01") { exclusive scope basis { inputs { agreementId role } } } } }""");
        assertTrue(data.getBoolean("agreement.s2024.exclusive"));
        assertFalse(data.getBoolean("agreement.s2025.exclusive"));
        assertEquals("right of first refusal on new capacity", data.getString("agreement.s2025.scope"));
        assertEquals("no right of first refusal", data.getString("agreement.s2026.scope"));
        assertThat(data.getList("agreement.s2026.basis.inputs.role"), contains("APPLIED", "AMENDED", "AMENDED"));
    }

    @Test
    void aLicenseQuestionOnAnotherKindIsATypedError() {
        GraphQL.post("{ agreement(id: \"aws-openai-compute-2025\") { license { exclusive } } }")
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("NOT_APPLICABLE"))
                .body("errors[0].message", equalTo("Agreement 'aws-openai-compute-2025' is a COMPUTE_COMMITMENT, not an IP_LICENSE"));
    }
}
