package org.dealgraph.derived;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.agreement.Term;
import org.dealgraph.agreement.AmendmentKind;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.DateValue;
import org.dealgraph.value.FuzzyDate;
import org.dealgraph.value.Money;
import org.dealgraph.value.Valuation;

/**
 * The terms of one agreement on a date, derived from the chain of amendments: the terms as made, then each
 * amendment in effect order. An amendment not yet in effect still tells what a term was before it ("from").
 */
final class TermsOnDate {

    final Agreement agreement;
    final LocalDate asOf;
    final Map<String, String> values = new HashMap<>();
    final Map<String, Confidence> confidence = new HashMap<>();
    /** Where each term's value comes from: "as made" or "<agreement> from <date>". */
    final Map<String, String> origin = new HashMap<>();
    final List<Basis.Input> inputs = new ArrayList<>();
    final List<String> steps = new ArrayList<>();
    String supersededBy;
    DateValue supersededOn;

    private TermsOnDate(Agreement agreement, LocalDate asOf) {
        this.agreement = agreement;
        this.asOf = asOf;
    }

    /** Derives the terms on {@code asOf}; {@code facts} limits the basis to the terms a question is about. */
    static TermsOnDate of(Agreement a, LocalDate asOf, Set<String> facts) {
        var t = new TermsOnDate(a, asOf);
        var made = new HashMap<String, String>();
        for (var term : Term.amendableTerms()) {
            var value = a.asMade(term);
            if (value != null) {
                made.put(term.field(), term.text(value));
            }
        }
        made.forEach((field, value) -> {
            t.values.put(field, value);
            t.confidence.put(field, a.confidenceOf(field));
            t.origin.put(field, "as made");
        });
        var used = Term.amendableTerms().stream().map(Term::field).filter(f -> facts.contains(f) && made.containsKey(f)).toList();
        var baseConfidence = used.stream().map(a::confidenceOf).reduce(Confidence::weakest)
                .orElse(a.confidenceOf("parties"));
        var start = a.start();
        var describedTerms = used.stream().map(f -> f + " " + made.get(f)).toList();
        t.inputs.add(new Basis.Input(a.id(), a.title(),
                start != null && start.earliest().isAfter(asOf) ? Basis.Role.OUTSIDE_DATE : Basis.Role.APPLIED,
                "terms as made" + (describedTerms.isEmpty() ? "" : ": " + String.join(", ", describedTerms)),
                null, start, baseConfidence, a.sources()));
        if (!describedTerms.isEmpty()) {
            t.steps.add(String.join(", ", describedTerms) + " as made (" + (start == null ? "undated" : start.text()) + ")");
        }

        for (var link : a.amendedBy()) {
            var effective = link.effective();
            var inForce = !effective.earliest().isAfter(asOf);
            if (link.kind() == AmendmentKind.SUPERSESSION) {
                if (inForce && t.supersededBy == null) {
                    t.supersededBy = link.agreementId();
                    t.supersededOn = effective;
                    t.steps.add("superseded by " + link.agreementId() + " (" + effective.text() + ")");
                }
                t.inputs.add(new Basis.Input(link.agreementId(), link.title(),
                        inForce ? Basis.Role.AMENDED : Basis.Role.OUTSIDE_DATE,
                        "supersedes this agreement from " + effective.text(), link.money(), effective,
                        link.confidenceOf(null), link.sources()));
                continue;
            }
            if (link.kind() != AmendmentKind.AMENDMENT) {
                continue;
            }
            var relevant = link.changes().stream().filter(c -> facts.contains(c.field())).toList();
            if (relevant.isEmpty()) {
                continue;
            }
            var described = new ArrayList<String>();
            Confidence weakest = Confidence.STATED;
            for (var change : relevant) {
                var changeConfidence = link.confidenceOf(change);
                weakest = Confidence.weakest(weakest, changeConfidence);
                if (inForce) {
                    if (change.to() == null) {
                        t.values.remove(change.field());
                    } else {
                        t.values.put(change.field(), change.to());
                    }
                    t.confidence.put(change.field(), changeConfidence);
                    t.origin.put(change.field(), link.agreementId() + " from " + effective.text());
                    described.add(change.field() + " → " + change.to());
                } else {
                    if (change.from() != null && !t.values.containsKey(change.field())) {
                        t.values.put(change.field(), change.from());
                        t.confidence.put(change.field(), changeConfidence);
                        t.origin.put(change.field(), "its value before " + link.agreementId() + " (" + effective.text() + ")");
                    }
                    described.add(change.field() + " → " + change.to() + " (not yet)");
                }
            }
            if (inForce) {
                t.steps.add(link.agreementId() + " (" + effective.text() + "): " + String.join(", ", described));
            }
            t.inputs.add(new Basis.Input(link.agreementId(), link.title(), inForce ? Basis.Role.AMENDED : Basis.Role.OUTSIDE_DATE,
                    (inForce ? "changed " : "takes effect " + effective.text() + ", after the date: ") + String.join(", ", described),
                    null, effective, weakest, link.sources()));
        }
        return t;
    }

    boolean started() {
        var start = agreement.start();
        return start == null || !start.earliest().isAfter(asOf);
    }

    boolean ended() {
        var until = until();
        return until != null && asOf.isAfter(until.latest());
    }

    boolean active() {
        return started() && !ended() && supersededBy == null;
    }

    Boolean bool(String field) {
        var v = values.get(field);
        return v == null ? null : Boolean.valueOf(v);
    }

    BigDecimal percent(String field) {
        var v = values.get(field);
        return v == null ? null : new BigDecimal(v.replace("~", "").replace("%", "")).stripTrailingZeros();
    }

    boolean approximate(String field) {
        var v = values.get(field);
        return v != null && v.startsWith("~");
    }

    Money money(String field) {
        var v = values.get(field);
        return v == null ? null : Money.parse(v);
    }

    DateValue until() {
        var v = values.get("effectiveUntil");
        return v == null ? null : DateValue.of(FuzzyDate.parse(v));
    }

    String text(String field) {
        return values.get(field);
    }

    String rule() {
        return String.join("; then ", steps);
    }

    Basis basis(String conclusion) {
        var rule = steps.isEmpty() ? conclusion : rule() + " ⇒ " + conclusion;
        return Basis.of(rule, inputs);
    }

    Object value(Term term) {
        var text = values.get(term.field());
        return text == null ? null : term.parseText(text);
    }

    AgreementState state() {
        return new AgreementState(asOf, active(), supersededBy, bool("exclusive"), bool("primary"), bool("firstRelease"),
                bool("anyCloud"), bool("binding"), text("scope"), text("conditions"), percent("ratePercent"),
                percent("stakePercent"), money("cap"), until(), (Valuation) value(Term.VALUATION), money("roundSize"),
                basis("on " + asOf + ": " + (active() ? "in force" : started() ? (supersededBy != null
                        ? "superseded by " + supersededBy : "ended " + until().text()) : "not yet in force")));
    }
}
