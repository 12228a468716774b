package org.dealgraph.derived;

import static org.dealgraph.agreement.AgreementKind.COMPUTE_COMMITMENT;
import static org.dealgraph.agreement.AgreementKind.EQUITY_INVESTMENT;
import static org.dealgraph.agreement.AgreementKind.IP_LICENSE;
import static org.dealgraph.agreement.AgreementKind.REVENUE_SHARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.dealgraph.agreement.PartyRole;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure derivations on agreements made by hand: every basis role, several currencies, fuzzy dates. */
class DerivationsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-06-01");

    private static List<String> texts(List<Money> amounts) {
        return amounts.stream().map(Money::text).toList();
    }

    private static List<Basis.Role> roles(Amounts amounts) {
        return amounts.basis().inputs().stream().map(Basis.Input::role).toList();
    }

    private static Deal compute(String id) {
        return Deal.of(id, COMPUTE_COMMITMENT).party("lab", PartyRole.CUSTOMER).party("cloud", PartyRole.PROVIDER);
    }

    @Test
    void aBindingAmountIsSummedAndAnExpansionCountsFromItsDate() {
        var deal = compute("c").from("2025-11-03").money("USD 38B").expandedBy("c-more", "2026-02-27", "USD 100B", Confidence.REPORTED).build();
        var before = Derivations.totalValue(deal, LocalDate.parse("2026-02-26"));
        assertEquals(List.of("USD 38B"), texts(before.committed()));
        assertEquals(List.of(Basis.Role.SUMMED, Basis.Role.OUTSIDE_DATE), roles(before));
        assertEquals(Confidence.STATED, before.confidence(), "an input left out does not weaken the result");

        var after = Derivations.totalValue(deal, LocalDate.parse("2026-02-27"));
        assertEquals(List.of("USD 138B"), texts(after.committed()));
        assertEquals(List.of(Basis.Role.SUMMED, Basis.Role.SUMMED), roles(after));
        assertEquals("USD 38B (2025-11-03) + USD 100B expansion (2026-02-27) = USD 138B", after.basis().rule());
        assertEquals(Confidence.REPORTED, after.confidence(), "the weakest input that counted");
    }

    @Test
    void aCeilingIsNotCommitted() {
        var amounts = Derivations.totalValue(compute("c").from("2025-01-01").money("up to USD 50B").build(), DAY);
        assertEquals(List.of(), amounts.committed());
        assertEquals(List.of("up to USD 50B"), texts(amounts.upTo()));
        assertEquals(List.of(Basis.Role.EXCLUDED_CEILING), roles(amounts));
        assertTrue(amounts.basis().rule().contains("not summed: up to USD 50B c (ceiling)"), amounts.basis().rule());
    }

    @Test
    void conditionalTranchesAreKeptApart() {
        var deal = Deal.of("e", EQUITY_INVESTMENT).party("fund", PartyRole.INVESTOR).party("lab", PartyRole.INVESTEE).from("2025-03")
                .money("USD 40B").tranche("upfront", "USD 10B", false).tranche("later", "USD 30B", true).build();
        var amounts = Derivations.totalValue(deal, DAY);
        assertEquals(List.of("USD 10B"), texts(amounts.committed()));
        assertEquals(List.of("USD 30B"), texts(amounts.conditional()));
        assertEquals(List.of("up to USD 40B"), texts(amounts.upTo()));
        assertEquals(List.of(Basis.Role.SUMMED, Basis.Role.EXCLUDED_CONDITIONAL), roles(amounts));
    }

    @Test
    void aNonBindingDealIsNotSummed() {
        var amounts = Derivations.totalValue(compute("loi").from("2025-09").money("USD 100B").notBinding().build(), DAY);
        assertEquals(List.of(), amounts.committed());
        assertEquals(List.of(Basis.Role.EXCLUDED_NOT_BINDING), roles(amounts));
        assertTrue(amounts.basis().rule().startsWith("nothing committed; not summed: USD 100B loi (not binding)"), amounts.basis().rule());
    }

    @Test
    void aSupersededDealIsLeftOutFromItsSuccessorsDate() {
        var deal = compute("old").from("2024-01-01").money("USD 10B").supersededBy("new", "2026").build();
        assertEquals(List.of(Basis.Role.SUMMED), roles(Derivations.totalValue(deal, LocalDate.parse("2025-12-31"))));
        var after = Derivations.totalValue(deal, LocalDate.parse("2026-01-01"));
        assertEquals(List.of(), after.committed());
        assertEquals(List.of(Basis.Role.SUPERSEDED), roles(after));
        assertTrue(after.basis().rule().contains("USD 10B old (superseded)"), after.basis().rule());
    }

    @Test
    void aDealWithoutAnAmountIsIncomplete() {
        var amounts = Derivations.totalValue(compute("quiet").from("2025-01-01").build(), DAY);
        assertEquals(List.of(), amounts.committed());
        assertEquals(List.of(Basis.Role.EXCLUDED_INCOMPLETE), roles(amounts));
        var yearly = Derivations.annualizedValue(compute("no-term").from("2025-01-01").money("USD 8B").build(), DAY);
        assertEquals(List.of(Basis.Role.EXCLUDED_INCOMPLETE), roles(yearly));
        assertEquals("no committed amount with a term", yearly.basis().rule());
    }

    @Test
    void annualizedOverItsOwnTerm() {
        var yearly = Derivations.annualizedValue(compute("c").from("2025-01-01").money("USD 100B").term("8").build(), DAY);
        assertEquals(List.of("USD 12.5B"), texts(yearly.committed()));
        assertEquals("USD 100B / 8 years = USD 12.5B a year", yearly.basis().rule());
    }

    @Test
    void currenciesAreNeverAddedTogether() {
        var deals = List.of(compute("a").from("2025-01-01").money("USD 10B").build(),
                compute("b").from("2025-02-01").money("EUR 5B").build(),
                compute("c").from("2025-03-01").money("USD 2.5B").confidence(Confidence.INFERRED).build(),
                compute("d").from("2025-04-01").money("JPY 1000B").notBinding().build());
        var amounts = Derivations.combined(deals, DAY, "");
        assertEquals(List.of("USD 12.5B", "EUR 5B"), texts(amounts.committed()));
        assertEquals(Confidence.INFERRED, amounts.confidence());
        assertEquals(List.of(Basis.Role.SUMMED, Basis.Role.SUMMED, Basis.Role.SUMMED, Basis.Role.EXCLUDED_NOT_BINDING), roles(amounts));
        assertTrue(amounts.basis().rule().contains("= USD 12.5B, EUR 5B"), amounts.basis().rule());
    }

    /** A start given as a year, a month or a day counts from the first day of that period. */
    @ParameterizedTest(name = "starts {0}: out on {1}, in on {2}")
    @CsvSource({"2026, 2025-12-31, 2026-01-01", "2026-06, 2026-05-31, 2026-06-01", "2026-06-15, 2026-06-14, 2026-06-15",
            "~2026-06, 2026-05-31, 2026-06-01"})
    void fuzzyStartsAtEachPrecision(String start, String dayBefore, String firstDay) {
        var deal = compute("f").from(start).money("USD 1B").build();
        assertEquals(List.of(Basis.Role.OUTSIDE_DATE), roles(Derivations.totalValue(deal, LocalDate.parse(dayBefore))));
        assertEquals(List.of(Basis.Role.SUMMED), roles(Derivations.totalValue(deal, LocalDate.parse(firstDay))));
    }

    /** An end given as a year or a month lasts to the last day of that period. */
    @ParameterizedTest(name = "ends {0}: in on {1}, ended on {2}")
    @CsvSource({"2030, 2030-12-31, 2031-01-01", "2030-06, 2030-06-30, 2030-07-01", "2030-06-15, 2030-06-15, 2030-06-16"})
    void fuzzyEndsAtEachPrecision(String end, String lastDay, String dayAfter) {
        var license = Deal.of("l", IP_LICENSE).party("lab", PartyRole.LICENSOR).party("big", PartyRole.LICENSEE)
                .from("2020-01-01").until(end).exclusive(true).build();
        assertTrue(Derivations.license(license, LocalDate.parse(lastDay)).active());
        assertFalse(Derivations.license(license, LocalDate.parse(dayAfter)).active());
    }

    @Test
    void anAmendmentChangesATermFromItsDateOnly() {
        var license = Deal.of("l", IP_LICENSE).party("lab", PartyRole.LICENSOR).party("big", PartyRole.LICENSEE)
                .from("2019-07-22").exclusive(true).amendedBy("l-2026", "2026-04-27", "exclusive", "true", "false").build();
        var before = Derivations.license(license, LocalDate.parse("2026-04-26"));
        assertEquals(Boolean.TRUE, before.exclusive());
        assertTrue(before.basis().inputs().stream().anyMatch(i -> i.role() == Basis.Role.OUTSIDE_DATE && i.agreementId().equals("l-2026")));
        var after = Derivations.license(license, LocalDate.parse("2026-04-28"));
        assertEquals(Boolean.FALSE, after.exclusive());
        assertTrue(after.basis().inputs().stream().anyMatch(i -> i.role() == Basis.Role.AMENDED && i.agreementId().equals("l-2026")));
        assertTrue(after.basis().inputs().stream().anyMatch(i -> i.role() == Basis.Role.APPLIED && i.agreementId().equals("l")));
    }

    @Test
    void aQuestionThatDoesNotFitTheKindIsNotApplicable() {
        var deal = compute("c").from("2025-01-01").money("USD 1B").build();
        assertThrows(ApiErrors.NotApplicable.class, () -> Derivations.license(deal, DAY));
        assertThrows(ApiErrors.NotApplicable.class, () -> Derivations.revenueShare(deal, DAY));
    }

    @Test
    void owedUnderACappedRevenueShare() {
        var share = Deal.of("rs", REVENUE_SHARE).party("lab", PartyRole.PAYER).party("big", PartyRole.PAYEE)
                .from("2023-01-01").until("2030").revenueShare("20", "USD 10B").build();
        var uncapped = Derivations.owed(share, new BigDecimal("1000000000"), "USD", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"), BigDecimal.ZERO);
        assertEquals(List.of("USD 200M"), texts(uncapped.committed()));
        var capped = Derivations.owed(share, new BigDecimal("100000000000"), "USD", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"), new BigDecimal("9500000000"));
        assertEquals(List.of("USD 500M"), texts(capped.committed()), "what is left under the cap");
        var status = Derivations.revenueShare(share, DAY);
        assertEquals(0, new BigDecimal("20").compareTo(status.ratePercent()));
        assertTrue(status.active());
        assertFalse(Derivations.revenueShare(share, LocalDate.parse("2031-01-01")).active(), "ended with 2030");
    }
}
