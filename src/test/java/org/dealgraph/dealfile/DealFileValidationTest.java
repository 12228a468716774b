package org.dealgraph.dealfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.dealgraph.dealfile.InvalidDealFileException.Problem;
import org.dealgraph.load.DealFileReader;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every rule of a deal file, each with the path and the message a curator gets. */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class DealFileValidationTest {

    private static final String AGREEMENT = """
            sources:
              - {id: src, url: "https://example.com/a", publisher: Example}
            agreements:
              - id: deal
                kind: COMPUTE_COMMITMENT
                title: A deal
                parties: [{company: openai, role: CUSTOMER}, {company: aws, role: PROVIDER}]
                announced: 2026-01-15
                effectiveFrom: 2026-02-01
                money: USD 1B
                sources: [{source: src, confidence: STATED}]
            """;

    @Inject
    DealFileReader reader;

    private List<Problem> problems(String content) {
        return assertThrows(InvalidDealFileException.class, () -> reader.read("test.yaml", content)).problems();
    }

    private void rejects(String content, String path, String message) {
        var problems = problems(content);
        assertTrue(problems.stream().anyMatch(p -> p.path().equals(path) && p.message().contains(message)),
                () -> "expected " + path + ": " + message + " in " + problems);
    }

    @Test
    void theTemplateItselfIsValid() {
        assertEquals(1, reader.read("test.yaml", AGREEMENT).agreementCount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "negative amount | money: USD 1B | money: USD -1B | agreements[0].money | is not an amount",
            "unknown currency | money: USD 1B | money: XYZ 1B | agreements[0].money | 'XYZ' is not an ISO 4217 currency code",
            "amount without currency | money: USD 1B | money: 1000000 | agreements[0].money | is not an amount",
            "rate over 100% | money: USD 1B | ratePercent: 120 | agreements[0].ratePercent | must be less than or equal to 100",
            "negative rate | money: USD 1B | ratePercent: -1 | agreements[0].ratePercent | must be greater than or equal to 0",
            "stake over 100% | money: USD 1B | stakePercent: '101' | agreements[0].stakePercent | '101' is not between 0 and 100",
            "cap in an unknown currency | money: USD 1B | cap: ABC 5 | agreements[0].cap | 'ABC' is not an ISO 4217 currency code",
            "impossible day | announced: 2026-01-15 | announced: 2026-02-30 | agreements[0].announced | is not a real date",
            "impossible month | announced: 2026-01-15 | announced: 2026-13 | agreements[0].announced | is not a real date",
            "not a date | announced: 2026-01-15 | announced: next spring | agreements[0].announced | is not a date",
            "end before start | money: USD 1B | effectiveUntil: 2025-12 | agreements[0].effectiveUntil | is before effectiveFrom",
            "unknown kind | kind: COMPUTE_COMMITMENT | kind: LOAN | agreements[0].kind | 'LOAN' is not one of",
            "role that does not fit | role: CUSTOMER} | role: LICENSEE} | agreements[0].parties[0].role | does not fit a COMPUTE_COMMITMENT",
            "missing side | role: CUSTOMER} | role: PARTNER} | agreements[0].parties | needs parties in the roles",
            "unknown role | role: CUSTOMER} | role: BUYER} | agreements[0].parties[0].role | 'BUYER' is not one of",
            "unknown confidence | confidence: STATED} | confidence: RUMOURED} | agreements[0].sources[0].confidence | 'RUMOURED' is not one of",
            "relative url | https://example.com/a | /a | sources[0].url | must be an absolute http(s) URL",
            "ftp url | https://example.com/a | ftp://example.com/a | sources[0].url | must be an absolute http(s) URL",
            "id not a slug | id: deal | id: Big Deal! | agreements[0].id | must be a lowercase slug",
            "unknown field | money: USD 1B | price: USD 1B | agreements[0].price | unknown field 'price'; known fields:",
            "blank title | title: A deal | title: '   ' | agreements[0].title | must not be blank",
    })
    void eachRuleNamesTheFieldAndWhatWasExpected(String rule, String from, String to, String path, String message) {
        rejects(AGREEMENT.replace(from, to), path, message);
    }

    @Test
    void vocabularyIsReadWhateverItsCase() {
        var plan = reader.read("test.yaml", AGREEMENT.replace("kind: COMPUTE_COMMITMENT", "kind: compute commitment")
                .replace("role: CUSTOMER}", "role: customer}").replace("confidence: STATED}", "confidence: Stated}"));
        assertEquals(1, plan.agreementCount());
    }

    @Test
    void anAgreementNeedsTwoPartiesAndASource() {
        rejects(AGREEMENT.replace("parties: [{company: openai, role: CUSTOMER}, {company: aws, role: PROVIDER}]",
                "parties: [{company: openai, role: CUSTOMER}]"), "agreements[0].parties", "must name at least two parties");
        rejects(AGREEMENT.replace("sources: [{source: src, confidence: STATED}]", "sources: []"),
                "agreements[0].sources", "must cite at least one source");
        rejects(AGREEMENT.replace("    sources: [{source: src, confidence: STATED}]\n", ""),
                "agreements[0].sources", "must cite at least one source");
    }

    @Test
    void anAgreementNeedsADate() {
        rejects(AGREEMENT.replace("    announced: 2026-01-15\n", "").replace("    effectiveFrom: 2026-02-01\n", ""),
                "agreements[0].announced", "needs an announced or an effectiveFrom date");
    }

    @Test
    void stringsAreLengthLimited() {
        rejects(AGREEMENT.replace("title: A deal", "title: " + "x".repeat(301)), "agreements[0].title", "size must be between");
    }

    @Test
    void amendmentsChangeOnlyAmendableTermsWithValuesOfTheRightType() {
        var amending = AGREEMENT.replace("    sources: [{source: src, confidence: STATED}]",
                "    amends:\n"
                + "      - agreement: aws-openai-compute-2025\n"
                + "        kind: AMENDMENT\n"
                + "        effective: 2026-03\n"
                + "        changes:\n"
                + "          - {field: title, to: new}\n"
                + "          - {field: exclusive, to: maybe}\n"
                + "          - {field: cap, to: lots}\n"
                + "    sources: [{source: src, confidence: STATED}]");
        var problems = problems(amending);
        assertTrue(problems.contains(new Problem("agreements[0].amends[0].changes[0].field",
                "'title' cannot be amended; amendable: [anyCloud, binding, cap, conditions, effectiveUntil, exclusive, firstRelease, primary, ratePercent, roundSize, scope, stakePercent, valuation]")), problems::toString);
        assertTrue(problems.contains(new Problem("agreements[0].amends[0].changes[1].to", "'maybe' is not true or false")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("agreements[0].amends[0].changes[2].to")), problems::toString);
    }

    @Test
    void duplicateIdsAndUrlsInOneFileAreNamed() {
        var twice = AGREEMENT.replace("sources:\n", "sources:\n  - {id: src, url: \"https://example.com/a\", publisher: Again}\n");
        var problems = problems(twice);
        assertTrue(problems.contains(new Problem("sources[1].id", "'src' appears twice in this file")), problems::toString);
        assertTrue(problems.contains(new Problem("sources[1].url", "is also the url of source 'src'")), problems::toString);
    }

    @Test
    void unreadableYamlSaysWhere() {
        var problems = problems("sources:\n  - {id: x, url: \"unterminated\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("line"), problems::toString);
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        var many = AGREEMENT.replace("money: USD 1B", "money: USD -1B").replace("kind: COMPUTE_COMMITMENT", "kind: LOAN")
                .replace("https://example.com/a", "nope");
        assertTrue(problems(many).size() >= 3);
    }
}
