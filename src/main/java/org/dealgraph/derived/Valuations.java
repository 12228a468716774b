package org.dealgraph.derived;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.agreement.AgreementKind.Trait;
import org.dealgraph.agreement.PartyRole;
import org.dealgraph.agreement.Term;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.Money;
import org.dealgraph.value.Valuation;

/**
 * Valuations of equity rounds: the post-money valuation (stated, or pre-money plus the round's size), the stake an
 * investor's money buys at it, and a company's valuation on a date from its latest round. Pure functions.
 */
public final class Valuations {

    private static final Set<String> FACTS = Set.of(Term.VALUATION.field(), Term.ROUND_SIZE.field());

    private Valuations() {
    }

    /** The round's post-money valuation on a date; NOT_APPLICABLE when the agreement states none. */
    public static Results.ValuationOnDate postMoney(Agreement a, LocalDate asOf) {
        Derivations.require(a, Trait.EQUITY);
        var round = Round.of(a, asOf);
        if (round == null) {
            throw new ApiErrors.NotApplicable("Agreement '" + a.id() + "' states no valuation on " + asOf);
        }
        var basis = round.terms.basis(round.rule());
        return new Results.ValuationOnDate(asOf, round.postMoney(), round.stated(), round.size(), a.id(),
                Confidence.weakest(basis.confidence(), round.confidence()), basis);
    }

    /** The stake the investor's committed money buys at the post-money valuation: amount ÷ post-money. */
    public static Results.StakeOnDate impliedStake(Agreement a, LocalDate asOf) {
        Derivations.require(a, Trait.EQUITY);
        var round = Round.of(a, asOf);
        if (round == null) {
            throw new ApiErrors.NotApplicable("Agreement '" + a.id() + "' states no valuation on " + asOf);
        }
        var amount = committed(a);
        if (amount == null) {
            throw new ApiErrors.NotApplicable("Agreement '" + a.id() + "' commits no firm amount"
                    + (a.money() == null ? "" : ": " + a.money().text() + " is only a ceiling"));
        }
        var post = round.postMoney();
        if (!post.currency().equals(amount.currency())) {
            throw new ApiErrors.NotApplicable("Agreement '" + a.id() + "' invests " + amount.currency() + " at a valuation in "
                    + post.currency());
        }
        var percent = amount.amount().multiply(BigDecimal.valueOf(100)).divide(post.amount(), MathContext.DECIMAL64)
                .setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (percent.scale() < 0) {
            percent = percent.setScale(0);
        }
        var approximate = amount.approximate() || post.approximate();
        var investors = String.join(" and ", a.companiesIn(PartyRole.INVESTOR).stream().map(c -> c.name()).toList());
        var rule = investors + ": " + amount.text() + " ÷ " + post.text() + " post-money"
                + (round.stated().kind() == Valuation.Kind.PRE_MONEY ? " (" + round.sum() + ")" : "")
                + " = " + (approximate ? "~" : "") + percent.toPlainString() + "%";
        var inputs = new ArrayList<>(round.terms.inputs);
        inputs.add(new Basis.Input(a.id(), a.title(), Basis.Role.APPLIED, "invested " + amount.text(), amount, a.start(),
                a.confidenceOf("money"), a.sources()));
        var basis = Basis.of(round.terms.steps.isEmpty() ? rule : round.terms.rule() + " ⇒ " + rule, inputs);
        return new Results.StakeOnDate(asOf, percent, approximate, Confidence.weakest(basis.confidence(), round.confidence()), basis);
    }

    /** A company's post-money valuation on a date, from its latest round by then that states one; null when none. */
    public static Results.ValuationOnDate latest(String company, List<Agreement> equity, LocalDate asOf) {
        var rounds = new ArrayList<Round>();
        for (var a : equity) {
            var start = a.start();
            var isInvestee = a.companiesIn(PartyRole.INVESTEE).stream().anyMatch(c -> c.id().equals(company));
            if (a.kind().has(Trait.EQUITY) && isInvestee && start != null && !start.earliest().isAfter(asOf)) {
                var round = Round.of(a, asOf);
                if (round != null && (round.size() != null || round.stated().kind() == Valuation.Kind.POST_MONEY)) {
                    rounds.add(round);
                }
            }
        }
        if (rounds.isEmpty()) {
            return null;
        }
        rounds.sort(Comparator.comparing((Round r) -> r.agreement.start().earliest()).thenComparing(r -> r.agreement.id()));
        var latest = rounds.get(rounds.size() - 1);
        var inputs = new ArrayList<Basis.Input>();
        for (var round : rounds) {
            var same = round.agreement.start().earliest().equals(latest.agreement.start().earliest())
                    && round.postMoney().equals(latest.postMoney());
            inputs.add(new Basis.Input(round.agreement.id(), round.agreement.title(),
                    same ? Basis.Role.APPLIED : Basis.Role.OUTSIDE_DATE,
                    (same ? "" : "an earlier round: ") + round.stated().text()
                            + (round.size() == null ? "" : ", round of " + round.size().text()),
                    round.postMoney(), round.agreement.start(), round.confidence(), round.agreement.sources()));
        }
        var rule = "on " + asOf + ": latest round " + latest.agreement.start().text() + ", " + latest.rule();
        var basis = Basis.of(rule, inputs);
        return new Results.ValuationOnDate(asOf, latest.postMoney(), latest.stated(), latest.size(), latest.agreement.id(),
                basis.confidence(), basis);
    }

    /** The firm part of what the agreement invests: its amount unless a ceiling, or its unconditional tranches. */
    private static Money committed(Agreement a) {
        if (!a.tranches().isEmpty()) {
            return a.tranches().stream().filter(t -> !t.conditional() && !t.money().ceiling()).map(t -> t.money().firm())
                    .reduce(Money::plus).orElse(null);
        }
        return a.money() == null || a.money().ceiling() ? null : a.money();
    }

    /** A round's valuation and size on a date, as the agreement and its amendments state them. */
    private record Round(Agreement agreement, TermsOnDate terms, Valuation stated, Money size, String sizeFact) {

        static Round of(Agreement a, LocalDate asOf) {
            var terms = TermsOnDate.of(a, asOf, FACTS);
            var stated = (Valuation) terms.value(Term.VALUATION);
            if (stated == null) {
                return null;
            }
            var size = (Money) terms.value(Term.ROUND_SIZE);
            if (size != null) {
                return new Round(a, terms, stated, size, Term.ROUND_SIZE.field());
            }
            var wholeRound = stated.kind() == Valuation.Kind.PRE_MONEY && a.money() != null && !a.money().ceiling()
                    && a.tranches().isEmpty();
            return new Round(a, terms, stated, wholeRound ? a.money() : null, Term.MONEY.field());
        }

        Money postMoney() {
            if (stated.kind() == Valuation.Kind.POST_MONEY) {
                return stated.money();
            }
            if (size == null) {
                throw new ApiErrors.NotApplicable("Agreement '" + agreement.id() + "' states a pre-money valuation but no round size");
            }
            if (!size.currency().equals(stated.money().currency())) {
                throw new ApiErrors.NotApplicable("Agreement '" + agreement.id() + "' states its valuation and round size in "
                        + "different currencies");
            }
            return stated.money().firm().plus(size.firm());
        }

        String sum() {
            return stated.text() + " + " + size.text() + " round";
        }

        String rule() {
            var post = postMoney();
            return stated.kind() == Valuation.Kind.POST_MONEY ? stated.text() + " as stated"
                    : sum() + " = " + post.text() + " post-money";
        }

        Confidence confidence() {
            var confidence = agreement.confidenceOf(Term.VALUATION.field());
            return size == null ? confidence : Confidence.weakest(confidence, agreement.confidenceOf(sizeFact));
        }
    }
}
