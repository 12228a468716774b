package org.dealgraph.curation;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.dealgraph.seed.SeedLoader;
import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Retract, never erase: a retracted fact leaves every answer and derived value at once, stays in the history with
 * who, when and why, is not brought back by loading its file again, and comes back whole when restored.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class RetractionTest extends FreshSeedGraphTest {

    private static final String RETRACT = """
            mutation($fact: FactInput!, $reason: String!) { retractFact(fact: $fact, reason: $reason) {
              id kind agreementId sourceId companyId alias reason by at file active } }""";
    private static final String RESTORE = """
            mutation($fact: FactInput!, $reason: String!) { restoreFact(fact: $fact, reason: $reason) {
              kind reason by restoredAt restoredBy restoreReason active } }""";
    private static final String AWS_TOTAL = """
            { agreement(id: "aws-openai-compute-2025") { totalValue(asOf: "2026-05-01") { committed { text } } } }""";

    @Test
    void anAgreementRetractedLeavesEveryAnswerAndComesBackWhenRestored() {
        read(AWS_TOTAL).body("data.agreement.totalValue.committed[0].text", equalTo("USD 138B"));

        Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("agreement", "aws-openai-expansion-2026"),
                "reason", "test: the expansion was never signed")).statusCode(200)
                .body("errors", nullValue())
                .body("data.retractFact.kind", equalTo("AGREEMENT"))
                .body("data.retractFact.by", startsWith("curator token "))
                .body("data.retractFact.file", equalTo("retractFact"))
                .body("data.retractFact.active", equalTo(true));

        // Gone from every answer: the derived total, the agreement itself, the company's list, node(id), the path between companies.
        read(AWS_TOTAL).body("data.agreement.totalValue.committed[0].text", equalTo("USD 38B"));
        read("{ agreement(id: \"aws-openai-expansion-2026\") { id } }").body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        read("{ node(id: \"aws-openai-expansion-2026\") { id } }").body("data.node", nullValue());
        read("{ company(id: \"aws\") { agreements(first: 100) { id } } }")
                .body("data.company.agreements.id", not(hasItem("aws-openai-expansion-2026")));
        read("{ agreements(first: 100, filter: {party: \"aws\"}) { totalCount nodes { id } } }")
                .body("data.agreements.nodes.id", not(hasItem("aws-openai-expansion-2026")));
        // ... and in the history, with who, when and why.
        read("{ retractions(fact: \"aws-openai-expansion-2026\") { nodes { kind reason by active } } }")
                .body("data.retractions.nodes[0].reason", equalTo("test: the expansion was never signed"))
                .body("data.retractions.nodes[0].active", equalTo(true));

        // Loading its file again does not bring it back: the id is refused, with the retraction named.
        Curator.loadFile(Curator.TOKEN, "20-openai-amazon.yaml", seedFile("20-openai-amazon.yaml"), false).statusCode(422)
                .body("outcome", equalTo("REJECTED"))
                .body("problems.path", hasItem("agreements[1].id"))
                .body("problems.message", hasItem(containsString("was retracted (test: the expansion was never signed")))
                .body("problems.kind", everyItem(equalTo("RETRACTED")));
        // The service's own seed, loaded at every start, does not stop it: the file is left as the graph has it.
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> seed.loadAll(), "a restarted service starts");

        Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("agreement", "aws-openai-expansion-2026"), "reason", "again"))
                .body("errors[0].extensions.code", equalTo("CONFLICT"));

        Curator.graphql(Curator.TOKEN, RESTORE, Map.of("fact", Map.of("agreement", "aws-openai-expansion-2026"),
                "reason", "test: signed after all")).statusCode(200)
                .body("errors", nullValue())
                .body("data.restoreFact.restoreReason", equalTo("test: signed after all"))
                .body("data.restoreFact.active", equalTo(false));
        read(AWS_TOTAL).body("data.agreement.totalValue.committed[0].text", equalTo("USD 138B"));
        read("{ agreement(id: \"aws-openai-expansion-2026\") { sources { source { id } } } }")
                .body("data.agreement.sources.size()", equalTo(seedSourceCount()));
        Curator.loadFile(Curator.TOKEN, "20-openai-amazon.yaml", seedFile("20-openai-amazon.yaml"), false).statusCode(200)
                .body("outcome", equalTo("UNCHANGED"));
    }

    @Test
    void anAmendmentRetractedUndoesWhatItChangedOnEveryDate() {
        var license = "{ agreement(id: \"msft-openai-ip-license\") { license(asOf: \"2026-04-28\") { exclusive } } }";
        read(license).body("data.agreement.license.exclusive", equalTo(false));
        Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("agreement", "msft-openai-amended-2026"), "reason", "test"))
                .body("errors", nullValue());
        read(license).body("data.agreement.license.exclusive", equalTo(true));
        Curator.graphql(Curator.TOKEN, RESTORE, Map.of("fact", Map.of("agreement", "msft-openai-amended-2026"), "reason", "test"))
                .body("errors", nullValue());
        read(license).body("data.agreement.license.exclusive", equalTo(false));
    }

    @Test
    void aSourcesClaimAndACompanysAliasRetractedStayOutWhenTheirFilesAreLoadedAgain() {
        var sources = "{ agreement(id: \"aws-openai-bedrock-distribution\") { sources { source { id } } } }";
        read(sources).body("data.agreement.sources.source.id", hasItem("byteiota-gpt55"));
        Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("agreement", "aws-openai-bedrock-distribution",
                "source", "byteiota-gpt55"), "reason", "test: the article says nothing of Bedrock")).body("errors", nullValue())
                .body("data.retractFact.kind", equalTo("SOURCE_CLAIM"));
        read(sources).body("data.agreement.sources.source.id", not(hasItem("byteiota-gpt55")));
        // The agreement changed in its file: it is written again, without the retracted claim.
        var changed = seedFile("20-openai-amazon.yaml").replace("title: OpenAI models on Amazon Bedrock", "title: OpenAI models on Bedrock");
        Curator.loadFile(Curator.TOKEN, "20-openai-amazon.yaml", changed, false).statusCode(200).body("outcome", equalTo("LOADED"));
        read(sources).body("data.agreement.sources.source.id", not(hasItem("byteiota-gpt55")));
        Curator.graphql(Curator.TOKEN, RESTORE, Map.of("fact", Map.of("agreement", "aws-openai-bedrock-distribution",
                "source", "byteiota-gpt55"), "reason", "test")).body("errors", nullValue());
        read(sources).body("data.agreement.sources.source.id", hasItem("byteiota-gpt55"));

        var search = "{ search(text: \"MSFT\") { id } companies(nameContains: \"MSFT\") { nodes { id } } }";
        read(search).body("data.search.id", hasItem("microsoft")).body("data.companies.nodes.id", contains("microsoft"));
        Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("company", "microsoft", "alias", "MSFT"), "reason", "test"))
                .body("errors", nullValue()).body("data.retractFact.kind", equalTo("COMPANY_ALIAS"));
        read(search).body("data.search.id", not(hasItem("microsoft"))).body("data.companies.nodes", org.hamcrest.Matchers.empty());
        read("{ company(id: \"microsoft\") { aliases } }").body("data.company.aliases", not(hasItem("MSFT")));
        var companies = seedFile("00-companies.yaml").replace("aliases: [Microsoft Corporation, MSFT], kinds: [BIG_TECH, CLOUD_PROVIDER, INVESTOR]",
                "aliases: [Microsoft Corporation, MSFT], kinds: [BIG_TECH, CLOUD_PROVIDER, INVESTOR], description: changed");
        Curator.loadFile(Curator.TOKEN, "00-companies.yaml", companies, false).statusCode(200).body("outcome", equalTo("LOADED"));
        read("{ company(id: \"microsoft\") { aliases description } }").body("data.company.aliases", not(hasItem("MSFT")))
                .body("data.company.description", equalTo("changed"));
        Curator.graphql(Curator.TOKEN, RESTORE, Map.of("fact", Map.of("company", "microsoft", "alias", "MSFT"), "reason", "test"))
                .body("errors", nullValue());
        read(search).body("data.search.id", hasItem("microsoft"));
    }

    @Test
    void aDealFileRetractsAndRestoresAndIsIdempotent() {
        var retract = """
                retractions:
                  - {agreement: aws-openai-expansion-2026, reason: "file: never signed"}
                  - {company: microsoft, alias: MSFT, reason: "file: a ticker, not a name"}
                """;
        Curator.loadFile(Curator.TOKEN, "retract.yaml", retract, true).statusCode(200)
                .body("outcome", equalTo("DRY_RUN")).body("changed", equalTo(2));
        read(AWS_TOTAL).body("data.agreement.totalValue.committed[0].text", equalTo("USD 138B"));
        Curator.loadFile(Curator.TOKEN, "retract.yaml", retract, false).statusCode(200)
                .body("outcome", equalTo("LOADED")).body("changed", equalTo(2))
                .body("changes.id", hasItem("aws-openai-expansion-2026"));
        read(AWS_TOTAL).body("data.agreement.totalValue.committed[0].text", equalTo("USD 38B"));
        read("{ company(id: \"microsoft\") { aliases } }").body("data.company.aliases", not(hasItem("MSFT")));
        read("{ retractions(fact: \"aws-openai-expansion-2026\") { nodes { file reason } } }")
                .body("data.retractions.nodes[0].file", equalTo("retract.yaml"));
        Curator.loadFile(Curator.TOKEN, "retract.yaml", retract, false).statusCode(200).body("outcome", equalTo("UNCHANGED"));

        var restore = retract.replace("reason: \"file: never signed\"", "reason: \"signed after all\", restore: true")
                .replace("reason: \"file: a ticker, not a name\"", "reason: \"it is used as a name\", restore: true");
        Curator.loadFile(Curator.TOKEN, "restore.yaml", restore, false).statusCode(200)
                .body("outcome", equalTo("LOADED")).body("changed", equalTo(2));
        read(AWS_TOTAL).body("data.agreement.totalValue.committed[0].text", equalTo("USD 138B"));
        read("{ company(id: \"microsoft\") { aliases } }").body("data.company.aliases", hasItem("MSFT"));

        Curator.loadFile(Curator.TOKEN, "bad.yaml", """
                retractions:
                  - {agreement: no-such-deal, reason: "x"}
                  - {company: microsoft, reason: "no alias named"}
                """, false).statusCode(422).body("outcome", equalTo("REJECTED"))
                .body("problems.path", hasItem("retractions[1]"));
        Curator.loadFile(Curator.TOKEN, "bad.yaml", """
                retractions:
                  - {agreement: no-such-deal, reason: "x"}
                """, false).statusCode(422).body("problems.path", contains("retractions[0]"))
                .body("problems[0].message", containsString("no agreement 'no-such-deal'"));
    }

    @Test
    void aPersonsRoleRetractedStaysOutWhenTheirFileIsLoadedAgain() {
        var roles = "{ person(id: \"denise-dresser\") { roles { title company { id } } } }";
        var fact = Map.of("person", "denise-dresser", "company", "openai", "title", "Chief Revenue Officer");
        read(roles).body("data.person.roles.title", hasItem("Chief Revenue Officer"));
        Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", fact, "reason", "test: wrong company")).body("errors", nullValue())
                .body("data.retractFact.kind", equalTo("ROLE"));
        read(roles).body("data.person.roles", org.hamcrest.Matchers.empty());
        var changed = seedFile("00-companies.yaml").replace("name: Denise Dresser", "name: Denise Dresser\n    aliases: [D. Dresser]");
        Curator.loadFile(Curator.TOKEN, "00-companies.yaml", changed, false).statusCode(200).body("outcome", equalTo("LOADED"));
        read(roles).body("data.person.roles", org.hamcrest.Matchers.empty());
        read("{ retractions(fact: \"denise-dresser\") { nodes { kind title personId companyId } } }")
                .body("data.retractions.nodes[0].title", equalTo("Chief Revenue Officer"));
        Curator.graphql(Curator.TOKEN, RESTORE, Map.of("fact", fact, "reason", "test")).body("errors", nullValue());
        read(roles).body("data.person.roles.title", hasItem("Chief Revenue Officer"));
    }

    @Test
    void aCompanyRecordedTwiceIsMergedItsIdRedirectsAndTheMergeCanBeUndone() {
        var count = "{ company(id: \"amazon\") { agreementsConnection(first: 1) { totalCount } } }";
        int amazon = read(count).extract().path("data.company.agreementsConnection.totalCount");
        int aws = read("{ company(id: \"aws\") { agreementsConnection(first: 1) { totalCount } } }")
                .extract().path("data.company.agreementsConnection.totalCount");
        Curator.graphql(Curator.TOKEN, """
                mutation { mergeCompanies(company: "aws", into: "amazon", reason: "test: one company") { kind companyId survivorId by } }""",
                Map.of()).body("errors", nullValue()).body("data.mergeCompanies.kind", equalTo("COMPANY_MERGE"))
                .body("data.mergeCompanies.survivorId", equalTo("amazon"));
        read(count).body("data.company.agreementsConnection.totalCount", equalTo(amazon + aws));
        // The old id answers as the survivor; its name finds the survivor; its product and people moved with it.
        read("{ company(id: \"aws\") { id aliases products { id } people { id } } }")
                .body("data.company.id", equalTo("amazon"))
                .body("data.company.aliases", hasItem("AWS"))
                .body("data.company.products.id", hasItem("bedrock"))
                .body("data.company.people.id", hasItem("matt-garman"));
        read("{ node(id: \"aws\") { id ... on Company { name } } nodes(ids: [\"aws\", \"amazon\"]) { id } }")
                .body("data.node.id", equalTo("amazon")).body("data.nodes.id", contains("amazon", "amazon"));
        read("{ search(text: \"Amazon Web Services\") { id } }").body("data.search.id", hasItem("amazon"))
                .body("data.search.id", not(hasItem("aws")));
        read(AWS_TOTAL).body("data.agreement.totalValue.committed[0].text", equalTo("USD 138B"));
        // A file naming the merged id is refused with the survivor named.
        Curator.loadFile(Curator.TOKEN, "20-openai-amazon.yaml", seedFile("20-openai-amazon.yaml"), false).statusCode(422)
                .body("problems.message", hasItem(containsString("was merged into 'amazon'")))
                .body("problems.kind", hasItem("MERGED"));
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> seed.loadAll(), "a restarted service starts");

        Curator.graphql(Curator.TOKEN, RESTORE, Map.of("fact", Map.of("company", "aws", "into", "amazon"), "reason", "test: two companies"))
                .body("errors", nullValue());
        read(count).body("data.company.agreementsConnection.totalCount", equalTo(amazon));
        read("{ company(id: \"aws\") { id aliases products { id } } }").body("data.company.id", equalTo("aws"))
                .body("data.company.products.id", hasItem("bedrock"));
        read("{ company(id: \"amazon\") { aliases } }").body("data.company.aliases", not(hasItem("AWS")));
        Curator.loadFile(Curator.TOKEN, "20-openai-amazon.yaml", seedFile("20-openai-amazon.yaml"), false).statusCode(200)
                .body("outcome", equalTo("UNCHANGED"));
    }

    @Test
    void whatCannotBeRetractedIsSaidSo() {
        Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("agreement", "no-such-deal"), "reason", "x"))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("company", "microsoft"), "reason", "x"))
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"));
        Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("company", "microsoft", "alias", "Macrosoft"), "reason", "x"))
                .body("errors[0].extensions.code", equalTo("CONFLICT"));
        Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", Map.of("agreement", "msft-openai-ip-license"), "reason", " "))
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"));
        Curator.graphql(Curator.TOKEN, RESTORE, Map.of("fact", Map.of("agreement", "msft-openai-ip-license"), "reason", "x"))
                .body("errors[0].extensions.code", equalTo("CONFLICT"));
        Curator.graphql(null, RETRACT, Map.of("fact", Map.of("agreement", "msft-openai-ip-license"), "reason", "x"))
                .body("errors[0].extensions.code", equalTo("UNAUTHORIZED"));
        read("{ agreement(id: \"msft-openai-ip-license\") { id } }").body("data.agreement.id", equalTo("msft-openai-ip-license"));
    }

    @Test
    void retractionsArePagedNewestFirst() {
        var fact = Map.<String, Object>of("agreement", "aws-openai-expansion-2026");
        for (int i = 1; i <= 5; i++) {
            Curator.graphql(Curator.TOKEN, RETRACT, Map.of("fact", fact, "reason", "retraction " + i)).body("errors", nullValue());
            if (i < 5) {
                Curator.graphql(Curator.TOKEN, RESTORE, Map.of("fact", fact, "reason", "restored " + i)).body("errors", nullValue());
            }
        }
        var query = """
                query($after: String, $last: Int) { retractions(fact: "aws-openai-expansion-2026", first: %s, after: $after, last: $last) {
                  totalCount nodes { reason active } pageInfo { hasNextPage endCursor } } }""";
        var reasons = new java.util.ArrayList<String>();
        String after = null;
        boolean more = true;
        while (more) {
            var variables = new java.util.HashMap<String, Object>();
            variables.put("after", after);
            var page = Curator.graphql(null, query.formatted("2"), variables).body("errors", nullValue())
                    .body("data.retractions.totalCount", equalTo(5)).extract();
            reasons.addAll(page.path("data.retractions.nodes.reason"));
            more = page.path("data.retractions.pageInfo.hasNextPage");
            after = page.path("data.retractions.pageInfo.endCursor");
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of("retraction 5", "retraction 4", "retraction 3", "retraction 2", "retraction 1"), reasons);
        read("{ retractions(fact: \"aws-openai-expansion-2026\", first: 1) { nodes { active } } }")
                .body("data.retractions.nodes[0].active", equalTo(true));
        var oldest = new java.util.HashMap<String, Object>();
        oldest.put("last", 2);
        Curator.graphql(null, query.formatted("null"), oldest).body("errors", nullValue())
                .body("data.retractions.nodes.reason", contains("retraction 2", "retraction 1"));
        read("{ retractions(first: 101) { totalCount } }").body("errors[0].extensions.code", equalTo("LIMIT_EXCEEDED"));
    }

    @Test
    void everyWriteRecordsWhoMadeIt() {
        var file = seedFile("20-openai-amazon.yaml").replace("title: OpenAI models on Amazon Bedrock", "title: OpenAI models on Bedrock");
        Curator.loadFile(Curator.TOKEN, "bedrock-renamed.yaml", file, false).statusCode(200);
        read("{ agreement(id: \"aws-openai-bedrock-distribution\") { recorded { at from by } history { recordedBy recordedFrom replacedBy replacedByCurator } } }")
                .body("data.agreement.recorded.from", equalTo("bedrock-renamed.yaml"))
                .body("data.agreement.recorded.by", startsWith("curator token "))
                .body("data.agreement.history[0].recordedBy", equalTo("service"))
                .body("data.agreement.history[0].recordedFrom", equalTo("20-openai-amazon.yaml"))
                .body("data.agreement.history[0].replacedBy", equalTo("bedrock-renamed.yaml"))
                .body("data.agreement.history[0].replacedByCurator", startsWith("curator token "));
    }

    private static io.restassured.response.ValidatableResponse read(String query) {
        return Curator.graphql(null, query, Map.of()).statusCode(200);
    }

    private static String seedFile(String name) {
        return SeedLoader.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().content();
    }

    private static int seedSourceCount() {
        var file = seedFile("20-openai-amazon.yaml");
        var block = file.substring(file.indexOf("- id: aws-openai-expansion-2026"), file.indexOf("- id: amazon-openai-equity-2026"));
        return (int) block.lines().filter(l -> l.strip().startsWith("- {source:")).count();
    }
}
