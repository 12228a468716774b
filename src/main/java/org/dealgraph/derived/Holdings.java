package org.dealgraph.derived;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.agreement.AgreementKind.Trait;
import org.dealgraph.agreement.PartyRole;
import org.dealgraph.company.Company;
import org.dealgraph.source.SourceClaim;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.DateValue;

/**
 * Who holds what on a date: a holder's stake in a company from its equity agreements, and the clouds on which a supplier's models may be served from its distribution agreements; each with its basis.
 */
final class Holdings {

    private Holdings() {
    }

    /** Clouds on which {@code supplier}'s models may be served on a date, from the distribution agreements it supplies. */
    public static Results.ServingClouds servingClouds(String supplier, List<Agreement> distributions, LocalDate asOf) {
        var clouds = new ArrayList<Results.CloudRight>();
        var inputs = new ArrayList<Basis.Input>();
        var parts = new ArrayList<String>();
        var anyCloud = false;
        for (var a : distributions) {
            if (!a.kind().has(Trait.DISTRIBUTION)
                    || a.companiesIn(PartyRole.SUPPLIER).stream().noneMatch(c -> c.id().equals(supplier))) {
                continue;
            }
            var t = TermsOnDate.of(a, asOf, Set.of("exclusive", "primary", "firstRelease", "anyCloud", "scope"));
            if (!t.active()) {
                inputs.add(new Basis.Input(a.id(), a.title(), Basis.Role.OUTSIDE_DATE,
                        t.started() ? "not in force on " + asOf : "starts " + a.start().text(), null, a.start(),
                        a.confidenceOf("parties"), a.sources()));
                continue;
            }
            inputs.addAll(t.inputs);
            anyCloud |= Boolean.TRUE.equals(t.bool("anyCloud"));
            for (var provider : a.companiesIn(PartyRole.DISTRIBUTOR)) {
                var right = new Results.CloudRight(provider, a.id(), a.products(), t.text("scope"), t.bool("exclusive"),
                        t.bool("primary"), t.bool("firstRelease"));
                clouds.add(right);
                var flags = new ArrayList<String>();
                if (Boolean.TRUE.equals(right.exclusive())) {
                    flags.add("exclusive");
                }
                if (Boolean.TRUE.equals(right.primary())) {
                    flags.add("primary");
                }
                if (Boolean.TRUE.equals(right.firstRelease())) {
                    flags.add("first release");
                }
                parts.add(provider.name() + " (" + (right.scope() == null ? a.title() : right.scope())
                        + (flags.isEmpty() ? "" : "; " + String.join(", ", flags)) + ")");
            }
        }
        var primary = clouds.stream().filter(c -> Boolean.TRUE.equals(c.primary())).map(Results.CloudRight::provider).findFirst().orElse(null);
        var first = clouds.stream().filter(c -> Boolean.TRUE.equals(c.firstRelease())).map(Results.CloudRight::provider).findFirst().orElse(null);
        var rule = "on " + asOf + ": " + (parts.isEmpty() ? "no distribution agreement in force" : String.join(", ", parts))
                + (anyCloud ? "; any cloud provider permitted" : "");
        var basis = Basis.of(rule, inputs);
        return new Results.ServingClouds(asOf, anyCloud, primary, first, clouds, basis.confidence(), basis);
    }

    /** A holder's stake on a date, from stated stakes and stake changes in the holder's equity agreements. */
    public static Results.StakeOnDate stake(String holder, String company, List<Agreement> equity, LocalDate asOf) {
        var events = new ArrayList<StakeEvent>();
        LocalDate firstInvestment = null;
        for (var a : equity) {
            boolean holds = a.companiesIn(PartyRole.INVESTOR).stream().anyMatch(c -> c.id().equals(holder))
                    && a.companiesIn(PartyRole.INVESTEE).stream().anyMatch(c -> c.id().equals(company));
            if (!holds) {
                continue;
            }
            var start = a.start();
            if (start != null && (firstInvestment == null || start.earliest().isBefore(firstInvestment))) {
                firstInvestment = start.earliest();
            }
            events.addAll(StakeEvent.of(a));
        }
        events.sort(Comparator.comparing(StakeEvent::date));
        StakeEvent chosen = null;
        for (var e : events) {
            if (!e.before() && !e.date().isAfter(asOf)) {
                chosen = e;
            }
        }
        if (chosen == null && firstInvestment != null && !firstInvestment.isAfter(asOf)) {
            chosen = events.stream().filter(e -> e.before() && e.date().isAfter(asOf)).findFirst().orElse(null);
        }
        var inputs = new ArrayList<Basis.Input>();
        for (var e : events) {
            var role = e == chosen ? Basis.Role.APPLIED : Basis.Role.OUTSIDE_DATE;
            var detail = (e.before() ? "stake before " + e.when().text() + ": " : "stake from " + e.when().text() + ": ") + e.value() + "%";
            if (inputs.stream().noneMatch(i -> i.agreementId().equals(e.by()) && i.detail().equals(detail))) {
                inputs.add(new Basis.Input(e.by(), e.agreement().title(), role, detail, null, e.when(), e.confidence(), e.sources()));
            }
        }
        if (chosen == null) {
            var basis = Basis.of("on " + asOf + ": no stake of " + holder + " in " + company + " is known", inputs);
            return new Results.StakeOnDate(asOf, null, false, Confidence.INFERRED, basis);
        }
        var percent = new BigDecimal(chosen.value().replace("~", "")).stripTrailingZeros();
        var rule = "on " + asOf + ": " + chosen.value() + "% — " + (chosen.before()
                ? "the stake before " + chosen.by() + " took effect (" + chosen.when().text() + ")"
                : "set by " + chosen.by() + " from " + chosen.when().text());
        var basis = Basis.of(rule, inputs);
        return new Results.StakeOnDate(asOf, percent, chosen.value().startsWith("~"), basis.confidence(), basis);
    }

    /** A stake an equity agreement states, or an amendment of it sets ("to") or says it was before ("from"). */
    private record StakeEvent(LocalDate date, DateValue when, String value, boolean before, Agreement agreement, String by,
            Confidence confidence, List<SourceClaim> sources) {

        static List<StakeEvent> of(Agreement a) {
            var events = new ArrayList<StakeEvent>();
            var start = a.start();
            if (a.stakePercent() != null && start != null) {
                events.add(new StakeEvent(start.earliest(), start, (a.stakeApproximate() ? "~" : "") + a.stakePercent().toPlainString(),
                        false, a, a.id(), a.confidenceOf("stakePercent"), a.sources()));
            }
            for (var link : a.amendedBy()) {
                for (var change : link.changes()) {
                    if (!change.field().equals("stakePercent")) {
                        continue;
                    }
                    if (change.to() != null) {
                        events.add(new StakeEvent(link.effective().earliest(), link.effective(), change.to(), false, a,
                                link.agreementId(), link.confidenceOf(change), link.sources()));
                    }
                    if (change.from() != null) {
                        events.add(new StakeEvent(link.effective().earliest(), link.effective(), change.from(), true, a,
                                link.agreementId(), link.confidenceOf(change), link.sources()));
                    }
                }
            }
            return events;
        }
    }

    static String names(List<Company> companies) {
        return String.join(" and ", companies.stream().map(Company::name).filter(Objects::nonNull).toList());
    }
}
