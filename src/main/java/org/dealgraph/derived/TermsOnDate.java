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
        t.asMade(facts);
        for (var link : a.amendedBy()) {
            if (link.kind() == AmendmentKind.SUPERSESSION) {
                t.supersede(link);
            } else if (link.kind() == AmendmentKind.AMENDMENT) {
                t.amend(link, facts);
            }
        }
        return t;
    }

    /** The amendable terms as the agreement was made, with the basis input for those a question is about. */
    private void asMade(Set<String> facts) {
        var made = new HashMap<String, String>();
        for (var term : Term.amendableTerms()) {
            var value = agreement.asMade(term);
            if (value != null) {
                made.put(term.field(), term.text(value));
            }
        }
        made.forEach((field, value) -> {
            values.put(field, value);
            confidence.put(field, agreement.confidenceOf(field));
            origin.put(field, "as made");
        });
        var used = made.keySet().stream().filter(facts::contains).sorted().toList();
        var baseConfidence = used.stream().map(agreement::confidenceOf).reduce(Confidence::weakest)
                .orElse(agreement.confidenceOf("parties"));
        var start = agreement.start();
        var describedTerms = used.stream().map(f -> f + " " + made.get(f)).toList();
        inputs.add(new Basis.Input(agreement.id(), agreement.title(),
                start != null && start.earliest().isAfter(asOf) ? Basis.Role.OUTSIDE_DATE : Basis.Role.APPLIED,
                "terms as made" + (describedTerms.isEmpty() ? "" : ": " + String.join(", ", describedTerms)),
                null, start, baseConfidence, agreement.sources()));
        if (!describedTerms.isEmpty()) {
            steps.add(String.join(", ", describedTerms) + " as made (" + (start == null ? "undated" : start.text()) + ")");
        }
    }

    private void supersede(Agreement.AmendmentLink link) {
        var effective = link.effective();
        var inForce = !effective.earliest().isAfter(asOf);
        if (inForce && supersededBy == null) {
            supersededBy = link.agreementId();
            supersededOn = effective;
            steps.add("superseded by " + link.agreementId() + " (" + effective.text() + ")");
        }
        inputs.add(new Basis.Input(link.agreementId(), link.title(), inForce ? Basis.Role.AMENDED : Basis.Role.OUTSIDE_DATE,
                "supersedes this agreement from " + effective.text(), link.money(), effective, link.confidenceOf(null),
                link.sources()));
    }

    /**
     * Applies an amendment's changes to the terms a question is about: in force by the date, its "to" values; not yet,
     * its "from" values where nothing earlier set the term.
     */
    private void amend(Agreement.AmendmentLink link, Set<String> facts) {
        var relevant = link.changes().stream().filter(c -> facts.contains(c.field())).toList();
        if (relevant.isEmpty()) {
            return;
        }
        var effective = link.effective();
        var inForce = !effective.earliest().isAfter(asOf);
        var described = new ArrayList<String>();
        Confidence weakest = Confidence.STATED;
        for (var change : relevant) {
            var changeConfidence = link.confidenceOf(change);
            weakest = Confidence.weakest(weakest, changeConfidence);
            if (inForce) {
                if (change.to() == null) {
                    values.remove(change.field());
                } else {
                    values.put(change.field(), change.to());
                }
                confidence.put(change.field(), changeConfidence);
                origin.put(change.field(), link.agreementId() + " from " + effective.text());
                described.add(change.field() + " → " + change.to());
            } else {
                if (change.from() != null && !values.containsKey(change.field())) {
                    values.put(change.field(), change.from());
                    confidence.put(change.field(), changeConfidence);
                    origin.put(change.field(), "its value before " + link.agreementId() + " (" + effective.text() + ")");
                }
                described.add(change.field() + " → " + change.to() + " (not yet)");
            }
        }
        if (inForce) {
            steps.add(link.agreementId() + " (" + effective.text() + "): " + String.join(", ", described));
        }
        inputs.add(new Basis.Input(link.agreementId(), link.title(), inForce ? Basis.Role.AMENDED : Basis.Role.OUTSIDE_DATE,
                (inForce ? "changed " : "takes effect " + effective.text() + ", after the date: ") + String.join(", ", described),
                null, effective, weakest, link.sources()));
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
