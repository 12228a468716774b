package org.dealgraph.derived;

import static org.dealgraph.agreement.AgreementKind.COMPUTE_COMMITMENT;
import static org.dealgraph.agreement.AgreementKind.EQUITY_INVESTMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.dealgraph.agreement.PartyRole;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.Valuation;
import org.junit.jupiter.api.Test;

/** Post-money valuations, implied stakes and a company's valuation on a date, on agreements made by hand. */
class ValuationsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-06-01");

    private static Deal round(String id, String investor, String date) {
        return Deal.of(id, EQUITY_INVESTMENT).party(investor, PartyRole.INVESTOR).party("lab", PartyRole.INVESTEE).from(date);
    }

    @Test
    void aPreMoneyValuationPlusTheRoundIsThePostMoneyValuation() {
        var deal = round("r", "chips", "2026-02-27").money("USD 30B").valuation("USD 730B pre-money").roundSize("USD 110B").build();
        var post = Valuations.postMoney(deal, DAY);
        assertEquals("USD 840B", post.postMoney().text());
        assertEquals(Valuation.Kind.PRE_MONEY, post.stated().kind());
        assertEquals("USD 110B", post.roundSize().text());
        assertEquals("roundSize USD 110B, valuation USD 730B pre-money as made (2026-02-27) ⇒ USD 730B pre-money + USD 110B round "
                + "= USD 840B post-money", post.basis().rule());
        assertEquals(Confidence.STATED, post.confidence());
    }

    @Test
    void aStatedPostMoneyValuationIsTakenAsItIs() {
        var deal = round("r", "fund", "2025-03-31").money("~USD 30B").valuation("USD 300B post-money").roundSize("USD 40B").build();
        var post = Valuations.postMoney(deal, DAY);
        assertEquals("USD 300B", post.postMoney().text());
        assertTrue(post.basis().rule().endsWith("⇒ USD 300B post-money as stated"), post.basis().rule());
    }

    @Test
    void anAgreementThatIsTheWholeRoundNeedsNoRoundSize() {
        var deal = round("r", "fund", "2024-10").money("USD 6.6B").valuation("USD 150B pre-money").build();
        assertEquals("USD 156.6B", Valuations.postMoney(deal, DAY).postMoney().text());
    }

    @Test
    void theImpliedStakeIsTheCommittedAmountOverThePostMoneyValuation() {
        var deal = round("r", "chips", "2026-02-27").money("USD 30B").valuation("USD 730B pre-money").roundSize("USD 110B").build();
        var stake = Valuations.impliedStake(deal, DAY);
        assertEquals(new BigDecimal("3.57"), stake.percent());
        assertFalse(stake.approximate());
        assertTrue(stake.basis().rule().endsWith("⇒ CHIPS: USD 30B ÷ USD 840B post-money (USD 730B pre-money + USD 110B round) = 3.57%"),
                stake.basis().rule());
    }

    @Test
    void onlyTheFirmPartOfAnInvestmentBuysAStake() {
        var deal = round("r", "shop", "2026-02-27").money("up to USD 50B").tranche("upfront", "USD 15B", false)
                .tranche("conditional", "USD 35B", true).valuation("USD 730B pre-money").roundSize("USD 110B").build();
        assertEquals(new BigDecimal("1.79"), Valuations.impliedStake(deal, DAY).percent());
    }

    @Test
    void anApproximateAmountGivesAnApproximateStake() {
        var deal = round("r", "fund", "2025-03-31").money("~USD 30B").valuation("USD 300B post-money").build();
        var stake = Valuations.impliedStake(deal, DAY);
        assertEquals(new BigDecimal("10"), stake.percent());
        assertTrue(stake.approximate());
        assertTrue(stake.basis().rule().endsWith("= ~10%"), stake.basis().rule());
    }

    @Test
    void withoutAValuationOrAFirmAmountThereIsNoImpliedStake() {
        var noValuation = round("r", "fund", "2025-01-01").money("USD 1B").build();
        assertThrows(ApiErrors.NotApplicable.class, () -> Valuations.impliedStake(noValuation, DAY));
        assertThrows(ApiErrors.NotApplicable.class, () -> Valuations.postMoney(noValuation, DAY));
        var ceiling = round("r", "fund", "2025-01-01").money("up to USD 100B").valuation("USD 500B post-money").build();
        var error = assertThrows(ApiErrors.NotApplicable.class, () -> Valuations.impliedStake(ceiling, DAY));
        assertTrue(error.getMessage().contains("only a ceiling"), error.getMessage());
        var noRoundSize = round("r", "fund", "2025-01-01").money("up to USD 10B").valuation("USD 500B pre-money").build();
        assertThrows(ApiErrors.NotApplicable.class, () -> Valuations.postMoney(noRoundSize, DAY));
    }

    @Test
    void aValuationQuestionAboutAnotherKindIsNotApplicable() {
        var compute = Deal.of("c", COMPUTE_COMMITMENT).party("lab", PartyRole.CUSTOMER).party("cloud", PartyRole.PROVIDER)
                .from("2025-01-01").money("USD 1B").build();
        var error = assertThrows(ApiErrors.NotApplicable.class, () -> Valuations.impliedStake(compute, DAY));
        assertEquals("Agreement 'c' is a COMPUTE_COMMITMENT, not an EQUITY_INVESTMENT or RECAPITALIZATION", error.getMessage());
    }

    @Test
    void anAmendedValuationCountsFromItsDate() {
        var deal = round("r", "fund", "2025-01-01").money("USD 10B").valuation("USD 90B pre-money")
                .amendedBy("r-fix", "2025-06-01", "valuation", "USD 90B pre-money", "USD 100B post-money").build();
        assertEquals("USD 100B", Valuations.postMoney(deal, LocalDate.parse("2025-05-31")).postMoney().text());
        var after = Valuations.postMoney(deal, LocalDate.parse("2025-06-01"));
        assertEquals("USD 100B", after.postMoney().text());
        assertEquals(Valuation.Kind.POST_MONEY, after.stated().kind());
        assertTrue(after.basis().rule().contains("r-fix (2025-06-01): valuation → USD 100B post-money"), after.basis().rule());
        assertEquals("USD 100B post-money", Derivations.state(deal, LocalDate.parse("2025-06-01")).valuation().text());
        assertEquals("USD 90B pre-money", Derivations.state(deal, LocalDate.parse("2025-05-01")).valuation().text());
    }

    @Test
    void aCompanyIsValuedAtItsLatestRoundByTheDate() {
        var early = round("early", "fund", "2025-03-31").money("~USD 30B").valuation("USD 300B post-money").build();
        var late = round("late", "chips", "2026-02-27").money("USD 30B").valuation("USD 730B pre-money").roundSize("USD 110B").build();
        var plain = round("plain", "angel", "2025-09-01").money("USD 1B").build();
        var equity = List.of(late, plain, early);

        assertNull(Valuations.latest("lab", equity, LocalDate.parse("2025-01-01")));
        var mid = Valuations.latest("lab", equity, LocalDate.parse("2025-12-31"));
        assertEquals("USD 300B", mid.postMoney().text());
        assertEquals("early", mid.agreementId());
        var now = Valuations.latest("lab", equity, DAY);
        assertEquals("USD 840B", now.postMoney().text());
        assertEquals("late", now.agreementId());
        assertEquals("on 2026-06-01: latest round 2026-02-27, USD 730B pre-money + USD 110B round = USD 840B post-money",
                now.basis().rule());
        assertEquals(List.of(Basis.Role.OUTSIDE_DATE, Basis.Role.APPLIED),
                now.basis().inputs().stream().map(Basis.Input::role).toList());
        assertNull(Valuations.latest("someone-else", equity, DAY), "only rounds the company raised");
    }
}
