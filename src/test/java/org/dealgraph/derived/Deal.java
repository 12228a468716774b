package org.dealgraph.derived;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.company.Company;
import org.dealgraph.agreement.AgreementKind;
import org.dealgraph.agreement.AmendmentKind;
import org.dealgraph.agreement.PartyRole;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.DateValue;
import org.dealgraph.value.FuzzyDate;
import org.dealgraph.value.Money;
import org.dealgraph.value.Valuation;
import org.dealgraph.source.Source;
import org.dealgraph.source.SourceClaim;

/** Agreements made by hand for the derivation tests: only what a test sets differs from a plain binding deal. */
final class Deal {

    private final String id;
    private final AgreementKind kind;
    private final List<Agreement.Party> parties = new ArrayList<>();
    private final List<Agreement.Tranche> tranches = new ArrayList<>();
    private final List<Agreement.AmendmentLink> amendedBy = new ArrayList<>();
    private DateValue effectiveFrom;
    private DateValue effectiveUntil;
    private Money money;
    private BigDecimal termYears;
    private Boolean exclusive;
    private BigDecimal ratePercent;
    private Money cap;
    private BigDecimal stakePercent;
    private Valuation valuation;
    private Money roundSize;
    private boolean binding = true;
    private Confidence confidence = Confidence.STATED;

    private Deal(String id, AgreementKind kind) {
        this.id = id;
        this.kind = kind;
    }

    static Deal of(String id, AgreementKind kind) {
        return new Deal(id, kind);
    }

    static DateValue date(String text) {
        return DateValue.of(FuzzyDate.parse(text));
    }

    static Company company(String id) {
        return new Company(id, id.toUpperCase(java.util.Locale.ROOT), List.of(), List.of(org.dealgraph.company.CompanyKind.OTHER), null, null, List.of());
    }

    static List<SourceClaim> claims(Confidence confidence) {
        return List.of(new SourceClaim(new Source("src-" + confidence, "https://example.com/" + confidence, "Example", null, null, null),
                confidence, List.of(), null, null));
    }

    Deal party(String company, PartyRole role) {
        parties.add(new Agreement.Party(company(company), role));
        return this;
    }

    Deal from(String date) {
        effectiveFrom = date(date);
        return this;
    }

    Deal until(String date) {
        effectiveUntil = date(date);
        return this;
    }

    Deal money(String text) {
        money = Money.parse(text);
        return this;
    }

    Deal tranche(String label, String text, boolean conditional) {
        tranches.add(new Agreement.Tranche(label, Money.parse(text), conditional, conditional ? "milestones" : null));
        return this;
    }

    Deal term(String years) {
        termYears = new BigDecimal(years);
        return this;
    }

    Deal exclusive(boolean value) {
        exclusive = value;
        return this;
    }

    Deal revenueShare(String rate, String capText) {
        ratePercent = new BigDecimal(rate);
        cap = capText == null ? null : Money.parse(capText);
        return this;
    }

    Deal notBinding() {
        binding = false;
        return this;
    }

    Deal valuation(String text) {
        valuation = Valuation.parse(text);
        return this;
    }

    Deal roundSize(String text) {
        roundSize = Money.parse(text);
        return this;
    }

    Deal stake(String percent) {
        stakePercent = new BigDecimal(percent);
        return this;
    }

    Deal confidence(Confidence value) {
        confidence = value;
        return this;
    }

    Deal expandedBy(String other, String effective, String amount, Confidence confidence) {
        amendedBy.add(new Agreement.AmendmentLink(other, "Expansion " + other, AmendmentKind.EXPANSION, date(effective), null,
                List.of(), null, Money.parse(amount), null, true, claims(confidence)));
        return this;
    }

    Deal supersededBy(String other, String effective) {
        amendedBy.add(new Agreement.AmendmentLink(other, "Successor " + other, AmendmentKind.SUPERSESSION, date(effective), null,
                List.of(), null, null, null, true, claims(Confidence.STATED)));
        return this;
    }

    Deal amendedBy(String other, String effective, String field, String from, String to) {
        amendedBy.add(new Agreement.AmendmentLink(other, "Amendment " + other, AmendmentKind.AMENDMENT, date(effective), null,
                List.of(new Agreement.Change(field, from, to, null)), null, null, null, true, claims(Confidence.STATED)));
        return this;
    }

    Agreement build() {
        return new Agreement(id, kind, "Deal " + id, null, List.copyOf(parties), List.of(), effectiveFrom, effectiveFrom,
                effectiveUntil, termYears, money, List.copyOf(tranches), exclusive, null, null, null, null, ratePercent, cap, stakePercent,
                false, valuation, roundSize, binding, null, claims(confidence), List.of(), List.copyOf(amendedBy), List.of(), null);
    }
}
