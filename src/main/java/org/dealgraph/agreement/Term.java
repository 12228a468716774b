package org.dealgraph.agreement;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dealgraph.agreement.AgreementKind.Trait;
import org.neo4j.driver.Value;

/**
 * The catalogue of an agreement's terms: each with its name (in deal files, GraphQL and amendments), its type,
 * whether an amendment may change it, the node property it is stored under, and the kinds it applies to. The
 * agreement record, the selection-aware projection, the terms on a date, the deal-file reader, the mutations and the
 * writer all work from this list; adding a term is one entry here plus what is new about it.
 */
public enum Term {
    ANNOUNCED("announced", TermType.DATE, Change.FIXED),
    EFFECTIVE_FROM("effectiveFrom", TermType.DATE, Change.FIXED),
    EFFECTIVE_UNTIL("effectiveUntil", TermType.DATE, Change.AMENDABLE),
    TERM_YEARS("termYears", TermType.NUMBER, Change.FIXED),
    MONEY("money", TermType.MONEY, Change.FIXED, "amount", null, null),
    EXCLUSIVE("exclusive", TermType.BOOLEAN, Change.AMENDABLE),
    PRIMARY("primary", TermType.BOOLEAN, Change.AMENDABLE),
    FIRST_RELEASE("firstRelease", TermType.BOOLEAN, Change.AMENDABLE),
    ANY_CLOUD("anyCloud", TermType.BOOLEAN, Change.AMENDABLE),
    SCOPE("scope", TermType.TEXT, Change.AMENDABLE),
    RATE_PERCENT("ratePercent", TermType.PERCENT, Change.AMENDABLE),
    CAP("cap", TermType.MONEY, Change.AMENDABLE),
    STAKE_PERCENT("stakePercent", TermType.PERCENT, Change.AMENDABLE),
    BINDING("binding", TermType.BOOLEAN, Change.AMENDABLE, "binding", null, Boolean.TRUE),
    CONDITIONS("conditions", TermType.TEXT, Change.AMENDABLE),
    VALUATION("valuation", TermType.VALUATION, Change.AMENDABLE, "valuation", Trait.EQUITY, null),
    ROUND_SIZE("roundSize", TermType.MONEY, Change.AMENDABLE, "roundSize", Trait.EQUITY, null);

    enum Change {
        FIXED, AMENDABLE
    }

    private final String field;
    private final TermType type;
    private final boolean amendable;
    private final String property;
    private final Trait appliesTo;
    private final Object absent;

    Term(String field, TermType type, Change change) {
        this(field, type, change, field, null, null);
    }

    /** {@code absent}: its value when a deal file does not state it (null: none). */
    Term(String field, TermType type, Change change, String property, Trait appliesTo, Object absent) {
        this.field = field;
        this.type = type;
        this.amendable = change == Change.AMENDABLE;
        this.property = property;
        this.appliesTo = appliesTo;
        this.absent = absent;
    }

    /** Its name in deal files, in GraphQL and in amendments' changes. */
    public String field() {
        return field;
    }

    public TermType type() {
        return type;
    }

    public boolean amendable() {
        return amendable;
    }

    /** The node properties it is stored in. */
    public List<String> properties() {
        return type.properties(property);
    }

    /** Whether a {@code kind} agreement may state it. */
    public boolean appliesTo(AgreementKind kind) {
        return appliesTo == null || kind.has(appliesTo);
    }

    /** The kinds it applies to, for an error message; empty when all. */
    public List<AgreementKind> kinds() {
        return appliesTo == null ? List.of() : AgreementKind.with(appliesTo);
    }

    /** The value of a deal file's entry for it: text, or a number or boolean where the file has one. */
    public Object parse(Object given) {
        return given == null ? absent : type.parse(given);
    }

    /** The value of its text form, as amendments record it. */
    public Object parseText(String text) {
        return type.parse(text);
    }

    public String text(Object value) {
        return value == null ? null : type.text(value);
    }

    /** Its node properties for a value (null: absent) put into {@code into}. */
    public void store(Object value, Map<String, Object> into) {
        type.store(property, value, into);
    }

    /** Its value on a node or map projection holding {@link #properties()}. */
    public Object read(Value node) {
        return type.read(node, property);
    }

    public static Optional<Term> byField(String field) {
        return Arrays.stream(values()).filter(t -> t.field.equals(field)).findFirst();
    }

    public static List<Term> amendableTerms() {
        return Arrays.stream(values()).filter(Term::amendable).toList();
    }
}
