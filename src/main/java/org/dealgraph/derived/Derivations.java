package org.dealgraph.derived;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.agreement.AgreementKind;
import org.dealgraph.agreement.AgreementKind.Trait;
import org.dealgraph.agreement.AmendmentKind;
import org.dealgraph.agreement.PartyRole;
import org.dealgraph.agreement.Term;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.source.SourceClaim;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.DateValue;
import org.dealgraph.value.Money;

/** The derived facts. Pure functions of agreements already fetched: asking for a basis costs no query. */
public final class Derivations {

    private static final Set<String> ALL_TERMS = Term.amendableTerms().stream().map(Term::field).collect(Collectors.toSet());

    private Derivations() {
    }

    public static AgreementState state(Agreement a, LocalDate asOf) {
        return TermsOnDate.of(a, asOf, ALL_TERMS).state();
    }

    // ---------------------------------------------------------------- sums

    /** Committed, conditional and ceiling amounts per currency, with the inputs behind them. */
    static final class Sum {
        final Map<String, Money> committed = new LinkedHashMap<>();
        final Map<String, Money> conditional = new LinkedHashMap<>();
        final Map<String, Money> upTo = new LinkedHashMap<>();
        final List<Basis.Input> inputs = new ArrayList<>();
        final List<String> terms = new ArrayList<>();
        final List<String> excluded = new ArrayList<>();

        void add(String id, String title, Money money, List<Agreement.Tranche> tranches, boolean binding,
                DateValue date, Confidence confidence, List<SourceClaim> sources, String label) {
            var when = date == null ? "" : " (" + date.text() + ")";
            if (money == null && tranches.isEmpty()) {
                inputs.add(new Basis.Input(id, title, Basis.Role.EXCLUDED_INCOMPLETE, "no amount stated", null, date, confidence, sources));
                return;
            }
            if (!binding) {
                inputs.add(new Basis.Input(id, title, Basis.Role.EXCLUDED_NOT_BINDING, "not binding: " + money.text() + " not summed",
                        money, date, confidence, sources));
                excluded.add(money.text() + " " + id + " (not binding)");
                return;
            }
            if (!tranches.isEmpty()) {
                for (var tranche : tranches) {
                    if (tranche.conditional() || tranche.money().ceiling()) {
                        accumulate(conditional, tranche.money());
                        accumulate(upTo, tranche.money());
                        var ceiling = tranche.money().ceiling();
                        inputs.add(new Basis.Input(id, title, ceiling ? Basis.Role.EXCLUDED_CEILING : Basis.Role.EXCLUDED_CONDITIONAL,
                                tranche.label() + ": " + tranche.money().text() + (ceiling ? " is a ceiling" : " is conditional")
                                        + (tranche.conditions() == null ? "" : " (" + tranche.conditions() + ")") + ", not summed",
                                tranche.money(), date, confidence, sources));
                        excluded.add(tranche.money().text() + " " + tranche.label() + " of " + id
                                + (ceiling ? " (ceiling)" : " (conditional)"));
                    } else {
                        accumulate(committed, tranche.money());
                        accumulate(upTo, tranche.money());
                        inputs.add(new Basis.Input(id, title, Basis.Role.SUMMED, tranche.label() + ": " + tranche.money().text(),
                                tranche.money(), date, confidence, sources));
                        terms.add(tranche.money().text() + " " + tranche.label() + label + when);
                    }
                }
                return;
            }
            if (money.ceiling()) {
                accumulate(upTo, money);
                inputs.add(new Basis.Input(id, title, Basis.Role.EXCLUDED_CEILING, money.text() + " is a ceiling, not a commitment",
                        money, date, confidence, sources));
                excluded.add(money.text() + " " + id + " (ceiling)");
                return;
            }
            accumulate(committed, money);
            accumulate(upTo, money);
            inputs.add(new Basis.Input(id, title, Basis.Role.SUMMED, money.text(), money, date, confidence, sources));
            terms.add(money.text() + label + when);
        }

        void outside(String id, String title, Money money, DateValue date, Confidence confidence, List<SourceClaim> sources,
                String why) {
            inputs.add(new Basis.Input(id, title, Basis.Role.OUTSIDE_DATE, why, money, date, confidence, sources));
        }

        Amounts amounts(String prefix) {
            var total = committed.values().stream().map(Money::text).toList();
            var rule = new StringBuilder(prefix);
            if (terms.isEmpty()) {
                rule.append("nothing committed");
            } else {
                rule.append(String.join(" + ", terms));
                if (terms.size() > 1 || committed.size() > 1) {
                    rule.append(" = ").append(String.join(", ", total));
                }
            }
            if (!excluded.isEmpty()) {
                rule.append("; not summed: ").append(String.join(", ", excluded));
                rule.append("; up to ").append(String.join(", ", upTo.values().stream().map(Money::text).toList()));
            }
            var basis = Basis.of(rule.toString(), inputs);
            return new Amounts(List.copyOf(committed.values()), List.copyOf(conditional.values()),
                    upTo.values().stream().map(this::beyondCommitted).toList(),
                    basis.confidence(), basis);
        }

        /** An up-to total is a ceiling when it exceeds what is committed in its currency. */
        private Money beyondCommitted(Money upToTotal) {
            var firm = committed.get(upToTotal.currency());
            var beyond = firm == null || firm.amount().compareTo(upToTotal.amount()) != 0;
            return Money.of(upToTotal.amount(), upToTotal.currency(), beyond, upToTotal.approximate());
        }

        private static void accumulate(Map<String, Money> sums, Money money) {
            sums.merge(money.currency(), money.firm(), Money::plus);
        }
    }

    /** An agreement's value with the expansions effective by {@code asOf}: $38B + $100B = $138B. */
    public static Amounts totalValue(Agreement a, LocalDate asOf) {
        var sum = new Sum();
        addOwn(sum, a, asOf, "");
        for (var link : a.amendedBy()) {
            if (link.kind() != AmendmentKind.EXPANSION) {
                continue;
            }
            if (link.effective().earliest().isAfter(asOf)) {
                sum.outside(link.agreementId(), link.title(), link.money(), link.effective(), link.confidenceOf(null),
                        link.sources(), "expansion takes effect " + link.effective().text() + ", after " + asOf);
            } else {
                sum.add(link.agreementId(), link.title(), link.money(), List.of(), link.binding(), link.effective(),
                        link.confidenceOf(null), link.sources(), " expansion");
            }
        }
        return sum.amounts("");
    }

    private static void addOwn(Sum sum, Agreement a, LocalDate asOf, String label) {
        var start = a.start();
        var confidence = Confidence.weakest(a.confidenceOf("money"), a.confidenceOf("parties"));
        if (start != null && start.earliest().isAfter(asOf)) {
            sum.outside(a.id(), a.title(), a.money(), start, confidence, a.sources(), "starts " + start.text() + ", after " + asOf);
            return;
        }
        var terms = TermsOnDate.of(a, asOf, Set.of());
        if (terms.supersededBy != null) {
            sum.inputs.add(new Basis.Input(a.id(), a.title(), Basis.Role.SUPERSEDED, "superseded by " + terms.supersededBy
                    + " from " + terms.supersededOn.text(), a.money(), terms.supersededOn, confidence, a.sources()));
            sum.excluded.add((a.money() == null ? "" : a.money().text() + " ") + a.id() + " (superseded)");
            return;
        }
        sum.add(a.id(), a.title(), a.money(), a.tranches(), a.binding(), start, confidence, a.sources(), label);
    }

    /** Several agreements' own amounts added up (each counted once, expansions being agreements of their own). */
    public static Amounts combined(List<Agreement> agreements, LocalDate asOf, String prefix) {
        var sum = new Sum();
        agreements.stream().sorted(Comparator.comparing(a -> a.start() == null ? LocalDate.MIN : a.start().earliest()))
                .forEach(a -> addOwn(sum, a, asOf, " " + a.id()));
        return sum.amounts(prefix);
    }

    /** The yearly value of each committed part over its own term: $100B over 8 years = $12.5B a year. */
    public static Amounts annualizedValue(Agreement a, LocalDate asOf) {
        var parts = new ArrayList<Part>();
        parts.add(new Part(a.id(), a.title(), a.money(), a.tranches(), a.binding(), a.termYears(), a.start(),
                Confidence.weakest(a.confidenceOf("money"), a.confidenceOf("termYears")), a.sources(), ""));
        for (var link : a.amendedBy()) {
            if (link.kind() == AmendmentKind.EXPANSION) {
                parts.add(new Part(link.agreementId(), link.title(), link.money(), List.of(), link.binding(), link.termYears(),
                        link.effective(), link.confidenceOf(null), link.sources(), " expansion"));
            }
        }
        var sums = new LinkedHashMap<String, Money>();
        var inputs = new ArrayList<Basis.Input>();
        var terms = new ArrayList<String>();
        for (var part : parts) {
            if (part.date != null && part.date.earliest().isAfter(asOf)) {
                inputs.add(new Basis.Input(part.id, part.title, Basis.Role.OUTSIDE_DATE, "starts " + part.date.text() + ", after " + asOf,
                        part.money, part.date, part.confidence, part.sources));
                continue;
            }
            var committed = part.committed();
            if (committed == null) {
                inputs.add(new Basis.Input(part.id, part.title, Basis.Role.EXCLUDED_INCOMPLETE,
                        part.money == null ? "no amount stated" : part.money.text() + " is not committed (ceiling or not binding)",
                        part.money, part.date, part.confidence, part.sources));
                continue;
            }
            if (part.termYears == null || part.termYears.signum() <= 0) {
                inputs.add(new Basis.Input(part.id, part.title, Basis.Role.EXCLUDED_INCOMPLETE, committed.text() + " has no term in years",
                        committed, part.date, part.confidence, part.sources));
                continue;
            }
            var perYear = Money.of(committed.amount().divide(part.termYears, MathContext.DECIMAL64).setScale(0, RoundingMode.HALF_EVEN),
                    committed.currency(), false, committed.approximate());
            sums.merge(perYear.currency(), perYear, Money::plus);
            inputs.add(new Basis.Input(part.id, part.title, Basis.Role.SUMMED, committed.text() + " / " + part.termYears.toPlainString()
                    + " years = " + perYear.text() + " a year", perYear, part.date, part.confidence, part.sources));
            terms.add(committed.text() + part.label + " / " + part.termYears.toPlainString() + " years");
        }
        var rule = terms.isEmpty() ? "no committed amount with a term"
                : String.join(" + ", terms) + " = " + String.join(", ", sums.values().stream().map(Money::text).toList()) + " a year";
        var basis = Basis.of(rule, inputs);
        return new Amounts(List.copyOf(sums.values()), List.of(), List.copyOf(sums.values()), basis.confidence(), basis);
    }

    private record Part(String id, String title, Money money, List<Agreement.Tranche> tranches, boolean binding,
            BigDecimal termYears, DateValue date, Confidence confidence, List<SourceClaim> sources, String label) {
        Money committed() {
            if (!binding) {
                return null;
            }
            if (!tranches.isEmpty()) {
                return tranches.stream().filter(t -> !t.conditional() && !t.money().ceiling()).map(t -> t.money().firm())
                        .reduce(Money::plus).orElse(null);
            }
            return money == null || money.ceiling() ? null : money;
        }
    }

    // ---------------------------------------------------------------- licenses and revenue shares

    public static Results.LicenseStatus license(Agreement a, LocalDate asOf) {
        require(a, Trait.LICENSE);
        var t = TermsOnDate.of(a, asOf, Set.of("exclusive", "effectiveUntil"));
        var exclusive = t.bool("exclusive");
        var conclusion = "on " + asOf + ": " + (t.active() ? "in force" : t.started() ? "ended" : "not yet in force")
                + ", " + (Boolean.TRUE.equals(exclusive) ? "exclusive" : Boolean.FALSE.equals(exclusive) ? "non-exclusive" : "exclusivity unknown")
                + (t.until() == null ? ", no end date known" : ", ends " + t.until().text());
        var basis = t.basis(conclusion);
        return new Results.LicenseStatus(asOf, t.active(), exclusive, t.until(), a.companiesIn(PartyRole.LICENSOR),
                a.companiesIn(PartyRole.LICENSEE), t.text("scope"), basis.confidence(), basis);
    }

    public static Results.RevenueShareStatus revenueShare(Agreement a, LocalDate asOf) {
        require(a, Trait.REVENUE_SHARE);
        var t = TermsOnDate.of(a, asOf, Set.of("ratePercent", "cap", "effectiveUntil"));
        var rate = t.percent("ratePercent");
        var cap = t.money("cap");
        var conclusion = "on " + asOf + ": " + (t.active() ? "in force" : t.started() ? "ended" : "not yet in force")
                + ", " + Holdings.names(a.companiesIn(PartyRole.PAYER)) + " pays " + Holdings.names(a.companiesIn(PartyRole.PAYEE))
                + (rate == null ? " (rate not disclosed)" : " " + rate.toPlainString() + "%")
                + (cap == null ? ", no cap" : ", capped at " + cap.text())
                + (t.until() == null ? "" : ", until " + t.until().text());
        var basis = t.basis(conclusion);
        return new Results.RevenueShareStatus(asOf, t.active(), a.companiesIn(PartyRole.PAYER), a.companiesIn(PartyRole.PAYEE),
                rate, cap, t.until(), basis.confidence(), basis);
    }

    /** What is owed for revenue earned in a period: min(rate × revenue in term, cap − already paid); zero outside the term. */
    public static Amounts owed(Agreement a, BigDecimal revenue, String currency, LocalDate from, LocalDate to, BigDecimal alreadyPaid) {
        require(a, Trait.REVENUE_SHARE);
        checkPeriod(revenue, currency, from, to, alreadyPaid);
        var t = TermsOnDate.of(a, to, Set.of("ratePercent", "cap", "effectiveUntil"));
        var rate = t.percent("ratePercent");
        if (rate == null) {
            throw new ApiErrors.NotApplicable("Agreement '" + a.id() + "' has no disclosed rate on " + to);
        }
        var cap = t.money("cap");
        if (cap != null && !cap.currency().equals(currency)) {
            throw new ApiErrors.BadArgument("currency", "must be the cap's currency " + cap.currency() + ", was " + currency);
        }
        var start = a.start() == null ? from : a.start().earliest();
        var end = t.until() == null ? to : t.until().latest();
        var overlapFrom = from.isAfter(start) ? from : start;
        var overlapTo = to.isBefore(end) ? to : end;
        var periodDays = ChronoUnit.DAYS.between(from, to) + 1;
        var inTermDays = overlapTo.isBefore(overlapFrom) ? 0 : ChronoUnit.DAYS.between(overlapFrom, overlapTo) + 1;
        var revenueMoney = Money.of(revenue, currency, false, false);
        var steps = t.rule();
        BigDecimal owed;
        String rule;
        if (inTermDays == 0) {
            owed = BigDecimal.ZERO;
            rule = "period " + from + " – " + to + " is outside the term (" + a.start().text() + " – "
                    + (t.until() == null ? "open" : t.until().text()) + ") = " + currency + " 0";
        } else {
            var revenueInTerm = inTermDays == periodDays ? revenue
                    : revenue.multiply(BigDecimal.valueOf(inTermDays)).divide(BigDecimal.valueOf(periodDays), MathContext.DECIMAL64);
            var gross = revenueInTerm.multiply(rate).divide(BigDecimal.valueOf(100), MathContext.DECIMAL64);
            var share = rate.toPlainString() + "% × " + (inTermDays == periodDays ? revenueMoney.text()
                    : revenueMoney.text() + " × " + inTermDays + "/" + periodDays + " days in term");
            if (cap == null) {
                owed = gross;
                rule = share + " (no cap)";
            } else {
                var remaining = cap.amount().subtract(alreadyPaid).max(BigDecimal.ZERO);
                owed = gross.min(remaining);
                rule = "min(" + share + ", " + cap.text() + " cap − " + Money.of(alreadyPaid, currency, false, false).text()
                        + " paid)";
            }
            owed = owed.setScale(2, RoundingMode.HALF_EVEN);
            rule += " = " + Money.of(owed, currency, false, false).text();
        }
        var money = Money.of(owed, currency, false, false);
        var basis = Basis.of((steps.isEmpty() ? "" : steps + " ⇒ ") + rule, t.inputs);
        return new Amounts(List.of(money), List.of(), List.of(money), basis.confidence(), basis);
    }

    private static void checkPeriod(BigDecimal revenue, String currency, LocalDate from, LocalDate to, BigDecimal alreadyPaid) {
        if (revenue.signum() < 0) {
            throw new ApiErrors.BadArgument("revenue", "must not be negative, was " + revenue.toPlainString());
        }
        if (alreadyPaid.signum() < 0) {
            throw new ApiErrors.BadArgument("alreadyPaid", "must not be negative, was " + alreadyPaid.toPlainString());
        }
        if (to.isBefore(from)) {
            throw new ApiErrors.BadArgument("to", "must not be before 'from' (" + from + "), was " + to);
        }
        try {
            Money.requireCurrency(currency);
        } catch (IllegalArgumentException e) {
            throw new ApiErrors.BadArgument("currency", "is not an ISO 4217 currency code: '" + currency + "'");
        }
    }

    /** A NOT_APPLICABLE error unless the agreement's kind has the trait a question is about. */
    static void require(Agreement a, Trait trait) {
        if (!a.kind().has(trait)) {
            var kinds = AgreementKind.with(trait).stream().map(Enum::name).toList();
            var article = "AEIOU".indexOf(kinds.get(0).charAt(0)) >= 0 ? "an " : "a ";
            throw new ApiErrors.NotApplicable("Agreement '" + a.id() + "' is a " + a.kind() + ", not " + article
                    + String.join(" or ", kinds));
        }
    }

    // ---------------------------------------------------------------- clouds and stakes
}
