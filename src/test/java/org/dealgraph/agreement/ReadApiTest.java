package org.dealgraph.agreement;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;


import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class ReadApiTest extends SeedGraphTest {




    @Test
    void everyFactOfTheSeedArticleReadsBack() {
        var data = GraphQL.data("""
                { amended: agreement(id: "msft-openai-amended-2026") { announced { text precision } summary
                    amends { agreementId changes { field to } } sources { source { url publisher } confidence } }
                  revenueShare: agreement(id: "openai-msft-revenue-share") { ratePercent parties { role company { id } } }
                  azureShare: agreement(id: "msft-openai-azure-revenue-share") { parties { role company { id } } amendedBy { agreementId changes { field to } } }
                  license: agreement(id: "msft-openai-ip-license") { exclusive amendedBy { agreementId changes { field to } } }
                  msft: investments(investor: "microsoft", investee: "openai", asOf: "2026-04-28") { committed { amount } }
                  dresser: person(id: "denise-dresser") { name roles { title company { id } } statements { date { text } quote } }
                  jassy: person(id: "andy-jassy") { roles { title company { id } } statements { summary } }
                  aws: agreement(id: "aws-openai-expansion-2026") { money { text } termYears amends { agreementId kind } }
                  amazon: agreement(id: "amazon-openai-equity-2026") { money { text ceiling } tranches { label money { text } conditional } }
                  frontier: agreement(id: "aws-openai-frontier-distribution") { exclusive products { id } parties { role company { id } } }
                  bedrock: agreement(id: "aws-openai-bedrock-distribution") { products { id } announced { text } }
                  meta: combinedCommitments(customer: "meta", agreements: ["meta-coreweave-2026", "meta-nebius-2026"], asOf: "2026-05-01") { upTo { amount } }
                  azure: agreement(id: "msft-openai-azure-distribution") { primary state(asOf: "2026-05-01") { primary firstRelease anyCloud exclusive } }
                  agi: agreement(id: "openai-msft-revenue-share") { state(asOf: "2026-05-01") { conditions } } }""");
        assertEquals("2026-04-27", data.getString("amended.announced.text"));
        assertEquals("DAY", data.getString("amended.announced.precision"));
        assertThat(data.getString("amended.summary"), containsString("grounded in flexibility, certainty"));
        assertThat(data.getList("amended.sources.source.url"), hasItem("https://aicnbc.com/21082.html"));
        assertThat(data.getList("amended.amends.agreementId"), containsInAnyOrder("msft-openai-azure-distribution",
                "msft-openai-ip-license", "openai-msft-revenue-share", "msft-openai-azure-revenue-share"));
        assertEquals(20.0f, data.getFloat("revenueShare.ratePercent"));
        assertEquals("openai", data.getString("revenueShare.parties.find { it.role == 'PAYER' }.company.id"));
        assertEquals("microsoft", data.getString("azureShare.parties.find { it.role == 'PAYER' }.company.id"));
        assertEquals("2026-04-27", data.getString("azureShare.amendedBy[0].changes.find { it.field == 'effectiveUntil' }.to"));
        assertTrue(data.getBoolean("license.exclusive"));
        assertEquals("2032", data.getString("license.amendedBy[0].changes.find { it.field == 'effectiveUntil' }.to"));
        assertEquals("false", data.getString("license.amendedBy[1].changes.find { it.field == 'exclusive' }.to"));
        assertEquals(13_000_000_000L, data.getLong("msft.committed[0].amount"), "over $13 billion since 2019");
        assertEquals("Chief Revenue Officer", data.getString("dresser.roles[0].title"));
        assertEquals("openai", data.getString("dresser.roles[0].company.id"));
        assertEquals("limited our ability to meet enterprises where they are", data.getString("dresser.statements[0].quote"));
        assertEquals("CEO", data.getString("jassy.roles[0].title"));
        assertEquals("amazon", data.getString("jassy.roles[0].company.id"));
        assertThat(data.getString("jassy.statements[0].summary"), containsString("Bedrock"));
        assertEquals("USD 100B", data.getString("aws.money.text"));
        assertEquals(8, data.getInt("aws.termYears"));
        assertEquals("EXPANSION", data.getString("aws.amends[0].kind"));
        assertEquals("up to USD 50B", data.getString("amazon.money.text"));
        assertThat(data.getList("amazon.tranches.conditional"), containsInAnyOrder(true, false));
        assertTrue(data.getBoolean("frontier.exclusive"));
        assertEquals(List.of("frontier"), data.getList("frontier.products.id"));
        assertEquals("aws", data.getString("frontier.parties.find { it.role == 'DISTRIBUTOR' }.company.id"));
        assertEquals(List.of("bedrock"), data.getList("bedrock.products.id"));
        assertEquals(48_000_000_000L, data.getLong("meta.upTo[0].amount"));
        assertTrue(data.getBoolean("azure.state.primary"));
        assertTrue(data.getBoolean("azure.state.firstRelease"));
        assertTrue(data.getBoolean("azure.state.anyCloud"));
        assertFalse(data.getBoolean("azure.state.exclusive"));
        assertThat(data.getString("agi.state.conditions"), containsString("AGI trigger removed"));
    }

    @Test
    void datesKeepTheirPrecision() {
        var data = GraphQL.data("{ agreement(id: \"msft-openai-equity-2021\") { announced { text earliest latest precision approximate } money { text approximate } } }");
        assertEquals("2021", data.getString("agreement.announced.text"));
        assertEquals("2021-01-01", data.getString("agreement.announced.earliest"));
        assertEquals("2021-12-31", data.getString("agreement.announced.latest"));
        assertEquals("YEAR", data.getString("agreement.announced.precision"));
        assertEquals("~USD 2B", data.getString("agreement.money.text"));
        assertTrue(data.getBoolean("agreement.money.approximate"));
    }

    @Test
    void contradictionsBetweenSourcesAreKept() {
        var data = GraphQL.data("{ agreement(id: \"amazon-openai-equity-2026\") { announced { text } contradictions { claim source { publisher } } } }");
        assertEquals("2026-02-27", data.getString("agreement.announced.text"));
        assertThat(data.getList("agreement.contradictions.claim"), hasItem("announced: 2026-02-26"));
    }

    @Test
    void unknownIdsAreNullWithANotFoundCode() {
        GraphQL.post("{ agreement(id: \"no-such-deal\") { id } company(id: \"nobody\") { id } }")
                .statusCode(200)
                .body("data.agreement", nullValue())
                .body("data.company", nullValue())
                .body("errors.extensions.code", contains("NOT_FOUND", "NOT_FOUND"))
                .body("errors.message", hasItems("No agreement with id 'no-such-deal'", "No company with id 'nobody'"));
    }

    @Test
    void filtersCombineAndPagesFollowCursors() {
        var data = GraphQL.data("""
                { agreements(filter: {kinds: [COMPUTE_COMMITMENT], party: "meta", role: CUSTOMER}, orderBy: ANNOUNCED) {
                    totalCount nodes { id } } }""");
        assertEquals(4, data.getInt("agreements.totalCount"));
        assertEquals(List.of("meta-coreweave-2025", "meta-nebius-2025", "meta-nebius-2026", "meta-coreweave-2026"),
                data.getList("agreements.nodes.id"));

        var seen = new ArrayList<String>();
        String after = null;
        int pages = 0;
        do {
            var page = GraphQL.post("query($after: String) { agreements(first: 10, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
                    after == null ? Map.of() : Map.of("after", after)).statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.agreements.edges.node.id"));
            after = page.getBoolean("data.agreements.pageInfo.hasNextPage") ? page.getString("data.agreements.pageInfo.endCursor") : null;
            pages++;
        } while (after != null);
        assertEquals(4, pages);
        assertEquals(37, seen.size());
        assertEquals(37, seen.stream().distinct().count());
    }

    @Test
    void sortsByDerivedTotalValueAndFiltersByAmountAndConfidence() {
        var data = GraphQL.data("""
                { byTotal: agreements(filter: {party: "aws"}, orderBy: TOTAL_VALUE, direction: DESC, first: 1) { nodes { id } }
                  big: agreements(filter: {minAmount: 100000000000, currency: "USD"}, orderBy: AMOUNT, direction: DESC) { totalCount nodes { id } }
                  reported: agreements(filter: {minConfidence: STATED, kinds: [COMPUTE_COMMITMENT], party: "openai"}) { nodes { id } } }""");
        assertEquals(List.of("aws-openai-compute-2025"), data.getList("byTotal.nodes.id"), "38B + 100B outranks the 100B expansion alone");
        assertEquals(List.of("stargate-jv-2025", "openai-oracle-compute-2025", "openai-msft-azure-commitment-2025",
                "aws-openai-expansion-2026", "nvidia-openai-loi-2025"), data.getList("big.nodes.id"));
        assertThat(data.getList("reported.nodes.id"), not(hasItem("openai-oracle-compute-2025")));
    }

    @Test
    void badArgumentsAreRefusedNamingTheArgument() {
        GraphQL.post("{ agreements(first: 1000) { totalCount } }").statusCode(200)
                .body("data.agreements", nullValue())
                .body("errors[0].message", containsString("first"));
        GraphQL.post("{ agreements(filter: {minAmount: -5}) { totalCount } }").statusCode(200)
                .body("errors[0].message", containsString("minAmount"));
        GraphQL.post("{ agreement(id: \"openai-msft-revenue-share\") { license(asOf: \"2026-13-45\") { exclusive } } }").statusCode(200)
                .body("errors[0].message", containsString("asOf"));
        GraphQL.post("{ agreements(after: \"garbage\") { totalCount } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"))
                .body("errors[0].message", equalTo("Argument 'after' is not a cursor this API returned"));
        GraphQL.post("{ agreement(id: \"openai-msft-revenue-share\") { owed(revenue: 100, from: \"2027-02-01\", to: \"2027-01-01\") { committed { text } } } }")
                .statusCode(200).body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"))
                .body("errors[0].message", containsString("'to'"));
    }

    @Test
    void searchTimelineAndConnection() {
        var data = GraphQL.data("""
                { search(text: "amazon web") { type id }
                  searchAlias: search(text: "Alphabet") { id }
                  hostile: search(text: "OR (\\"x AND") { id }
                  timeline(company: "microsoft", from: "2026-04-27", to: "2026-04-27") { kind agreementId amendedAgreementId }
                  connection(from: "meta", to: "anthropic") { agreementCount steps { company { id } relation agreement { id } } } }""");
        assertEquals("aws", data.getString("search[0].id"));
        assertEquals("COMPANY", data.getString("search[0].type"));
        assertEquals("google", data.getString("searchAlias[0].id"));
        assertThat(data.getList("timeline.kind"), hasItems("ANNOUNCED", "AMENDMENT"));
        assertThat(data.getList("timeline.amendedAgreementId"), hasItem("msft-openai-ip-license"));
        assertEquals("meta", data.getString("connection.steps[0].company.id"));
        assertEquals("anthropic", data.getString("connection.steps[-1].company.id"));
        assertEquals(3, data.getInt("connection.agreementCount"));
    }

    @Test
    void companiesCarrySubsidiariesProductsAndPeople() {
        var data = GraphQL.data("""
                { company(id: "aws") { name aliases parent { id } products { id } people { id } }
                  amazon: company(id: "amazon") { subsidiaries { id } raised(asOf: "2026-05-01") { committed { text } } invested(asOf: "2026-05-01") { committed { text } } } }""");
        assertEquals("AWS", data.getString("company.name"));
        assertThat(data.getList("company.aliases"), hasItem("Amazon Web Services"));
        assertEquals("amazon", data.getString("company.parent.id"));
        assertEquals(List.of("bedrock"), data.getList("company.products.id"));
        assertEquals(List.of("matt-garman"), data.getList("company.people.id"));
        assertEquals(List.of("aws"), data.getList("amazon.subsidiaries.id"));
        assertEquals("USD 15B", data.getString("amazon.invested.committed[0].text"));
    }

    private static org.hamcrest.Matcher<Iterable<? super String>> not(org.hamcrest.Matcher<Iterable<? super String>> m) {
        return org.hamcrest.Matchers.not(m);
    }
}
