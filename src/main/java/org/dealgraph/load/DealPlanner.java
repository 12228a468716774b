package org.dealgraph.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.dealgraph.agreement.AgreementKind;
import org.dealgraph.agreement.AmendmentKind;
import org.dealgraph.agreement.PartyRole;
import org.dealgraph.agreement.Term;
import org.dealgraph.agreement.TermType;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.company.CompanyKind;
import org.dealgraph.dealfile.DealFile;
import org.dealgraph.dealfile.DealFile.AgreementEntry;
import org.dealgraph.dealfile.DealFile.AmendmentEntry;
import org.dealgraph.dealfile.DealFile.SourceRef;
import org.dealgraph.dealfile.InvalidDealFileException.Problem;
import org.dealgraph.load.DealPlan.Citation;
import org.dealgraph.load.DealPlan.PlannedAgreement;
import org.dealgraph.load.DealPlan.PlannedAmendment;
import org.dealgraph.load.DealPlan.PlannedCompany;
import org.dealgraph.load.DealPlan.PlannedParty;
import org.dealgraph.load.DealPlan.PlannedPerson;
import org.dealgraph.load.DealPlan.PlannedProduct;
import org.dealgraph.load.DealPlan.PlannedRole;
import org.dealgraph.load.DealPlan.PlannedSource;
import org.dealgraph.load.DealPlan.PlannedStatement;
import org.dealgraph.load.DealPlan.PlannedTranche;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.ExternalIdScheme;
import org.dealgraph.value.FuzzyDate;
import org.dealgraph.value.Money;
import org.dealgraph.value.Percent;

/**
 * Turns a deal file Bean Validation has checked into typed facts for the writer, checking the rules that span fields
 * (vocabularies, role pairs, dates in order, amendable terms) and collecting every problem it meets with its path.
 * Agreement terms are read, checked and stored through the catalogue of {@link Term}s.
 */
final class DealPlanner {

    private final List<Problem> problems;
    private final DealPlan plan = new DealPlan();
    /** Source url → id, for urls given twice in the file. */
    private final Map<String, String> urls = new HashMap<>();
    /** "scheme value" → where, for an external id given to two companies or two people of the file. */
    private final Map<String, String> externalIds = new HashMap<>();

    DealPlanner(List<Problem> problems) {
        this.problems = problems;
    }

    /** Plans a whole file held in memory (the mutations' input); see {@link #accept} for entries one at a time. */
    DealPlan plan(DealFile file) {
        DealEntries.of(file).read(java.util.EnumSet.allOf(DealSection.class), (section, index, entry) -> accept(section, index, entry));
        return finish();
    }

    DealPlan plan() {
        return plan;
    }

    /**
     * Checks and plans one entry of a section, noting its id and what it refers to; the fact to write, or null for a
     * retraction (kept in the plan: a file's retractions are few and applied after its facts).
     */
    DealPlan.Fact accept(DealSection section, int i, Object entry) {
        var at = section.field + "[" + i + "]";
        return switch (section) {
            case SOURCES -> source((DealFile.SourceEntry) entry, i, at);
            case COMPANIES -> company((DealFile.CompanyEntry) entry, i, at);
            case PRODUCTS -> product((DealFile.ProductEntry) entry, i, at);
            case PEOPLE -> person((DealFile.PersonEntry) entry, i, at);
            case STATEMENTS -> statement((DealFile.StatementEntry) entry, i, at);
            case AGREEMENTS -> {
                var a = (AgreementEntry) entry;
                define(section, a.id(), i, at + ".id");
                yield agreement(a, at);
            }
            case RETRACTIONS -> {
                retraction((DealFile.RetractionEntry) entry, at);
                yield null;
            }
        };
    }

    private PlannedSource source(DealFile.SourceEntry s, int i, String at) {
        define(DealSection.SOURCES, s.id(), i, at + ".id");
        var other = urls.putIfAbsent(s.url(), s.id());
        if (other != null) {
            problems.add(new Problem(at + ".url", "is also the url of source '" + other + "'"));
        }
        plan.sourceUrls.put(s.id(), s.url().strip());
        return new PlannedSource(s.id(), s.url().strip(), s.publisher().strip(), date(s.published(), at + ".published"),
                date(s.retrieved(), at + ".retrieved"), trim(s.note()));
    }

    private PlannedProduct product(DealFile.ProductEntry p, int i, String at) {
        define(DealSection.PRODUCTS, p.id(), i, at + ".id");
        plan.referencedCompanies.put(p.owner(), at + ".owner");
        return new PlannedProduct(p.id(), p.name().strip(), aliases(p.aliases()), p.kind().strip(), p.owner(),
                date(p.launched(), at + ".launched"));
    }

    private PlannedStatement statement(DealFile.StatementEntry s, int i, String at) {
        define(DealSection.STATEMENTS, s.id(), i, at + ".id");
        plan.referencedSpeakers.put(s.by(), at + ".by");
        var about = s.about() == null ? List.<String>of() : s.about();
        for (int k = 0; k < about.size(); k++) {
            if (about.get(k) == null || !about.get(k).matches(DealFile.ID)) {
                problems.add(new Problem(at + ".about[" + k + "]", DealFile.ID_MESSAGE));
            } else {
                plan.referencedAgreements.put(about.get(k), at + ".about[" + k + "]");
            }
        }
        return new PlannedStatement(s.id(), s.by(), date(s.date(), at + ".date"), s.summary().strip(),
                trim(s.quote()), about, citations(s.sources(), at + ".sources"));
    }

    private void retraction(DealFile.RetractionEntry r, String at) {
        var fact = new RetractionWrites.Fact(r.agreement(), r.source(), r.company(), r.alias(), r.person(), r.title(), r.into());
        try {
            fact.kind();
            plan.retractions.add(new DealPlan.PlannedRetraction(fact, r.reason() == null ? "" : r.reason().strip(),
                    Boolean.TRUE.equals(r.restore()), at));
        } catch (ApiErrors.BadArgument e) {
            problems.add(new Problem(at, "names {agreement}, {agreement, source}, {company, alias} or {person, company, title}; it has "
                    + fact.describe()));
        }
    }

    /**
     * After the last entry: keeps as references only the ids the file does not define itself (the writer checks the
     * graph holds them), and checks what needs the whole file.
     */
    DealPlan finish() {
        for (var r : plan.retractions) {
            if (r.fact().kind() == RetractionWrites.Kind.AGREEMENT && !r.restore()
                    && plan.defines(DealSection.AGREEMENTS, r.fact().agreement())) {
                problems.add(new Problem(r.path() + ".agreement", "'" + r.fact().agreement() + "' is also an agreement of this file: a file either "
                        + "records an agreement or retracts it"));
            }
        }
        plan.referencedCompanies.keySet().removeAll(plan.ids(DealSection.COMPANIES));
        plan.referencedProducts.keySet().removeAll(plan.ids(DealSection.PRODUCTS));
        plan.referencedAgreements.keySet().removeAll(plan.ids(DealSection.AGREEMENTS));
        plan.referencedSources.keySet().removeAll(plan.ids(DealSection.SOURCES));
        plan.referencedSpeakers.keySet().removeAll(plan.ids(DealSection.PEOPLE));
        plan.referencedSpeakers.keySet().removeAll(plan.ids(DealSection.COMPANIES));
        return plan;
    }

    private void define(DealSection section, String id, int index, String at) {
        if (plan.define(section, id, index) != null) {
            problems.add(new Problem(at, "'" + id + "' appears twice in this file"));
        }
    }

    private PlannedCompany company(DealFile.CompanyEntry c, int i, String at) {
        define(DealSection.COMPANIES, c.id(), i, at + ".id");
        var kinds = new ArrayList<String>();
        var given = c.kinds() == null ? List.<String>of() : c.kinds();
        for (int k = 0; k < given.size(); k++) {
            var kind = given.get(k) == null ? null : parse(CompanyKind.class, given.get(k), at + ".kinds[" + k + "]");
            if (kind != null) {
                kinds.add(kind.name());
            }
        }
        if (c.parent() != null) {
            plan.referencedCompanies.put(c.parent(), at + ".parent");
        }
        var ids = c.ids() == null ? null : new String[] {c.ids().wikidata(), c.ids().lei(), c.ids().crunchbase()};
        return new PlannedCompany(c.id(), c.name().strip(), aliases(c.aliases()), kinds, c.parent(), trim(c.description()),
                externalIds("company", ids, List.of(ExternalIdScheme.WIKIDATA, ExternalIdScheme.LEI, ExternalIdScheme.CRUNCHBASE), at),
                citations(c.sources(), at + ".sources"));
    }

    private PlannedPerson person(DealFile.PersonEntry p, int i, String at) {
        define(DealSection.PEOPLE, p.id(), i, at + ".id");
        var roles = new ArrayList<PlannedRole>();
        var given = p.roles() == null ? List.<DealFile.RoleEntry>of() : p.roles();
        for (int r = 0; r < given.size(); r++) {
            var role = given.get(r);
            var rat = at + ".roles[" + r + "]";
            plan.referencedCompanies.put(role.company(), rat + ".company");
            roles.add(new PlannedRole(p.id() + "@" + role.company() + ":" + slug(role.title()), role.title().strip(), role.company(),
                    date(role.from(), rat + ".from"), date(role.until(), rat + ".until"), citations(role.sources(), rat + ".sources")));
        }
        var ids = p.ids() == null ? null : new String[] {p.ids().wikidata(), p.ids().crunchbase()};
        return new PlannedPerson(p.id(), p.name().strip(), aliases(p.aliases()),
                externalIds("person", ids, List.of(ExternalIdScheme.WIKIDATA, ExternalIdScheme.CRUNCHBASE), at), roles);
    }

    /**
     * An entry's external ids by scheme (formats were checked by Bean Validation; an LEI's check digits are checked
     * here), each given to one company or person of the file only.
     */
    private Map<ExternalIdScheme, String> externalIds(String what, String[] given, List<ExternalIdScheme> schemes, String at) {
        var ids = new java.util.EnumMap<ExternalIdScheme, String>(ExternalIdScheme.class);
        for (int k = 0; given != null && k < given.length; k++) {
            var value = given[k];
            if (value == null) {
                continue;
            }
            var scheme = schemes.get(k);
            var path = at + ".ids." + scheme.property;
            var problem = scheme.problem(value);
            if (problem.isPresent()) {
                problems.add(new Problem(path, problem.get()));
                continue;
            }
            var other = externalIds.putIfAbsent(what + " " + scheme.property + " " + value, path);
            if (other != null) {
                problems.add(new Problem(path, "'" + value + "' is also the " + scheme.property + " id at " + other));
            }
            ids.put(scheme, value);
        }
        return ids;
    }

    private PlannedAgreement agreement(AgreementEntry a, String at) {
        var kind = parse(AgreementKind.class, a.kind(), at + ".kind");
        var values = new EnumMap<Term, Object>(Term.class);
        var terms = terms(a, kind, at, values);
        var from = (FuzzyDate) values.get(Term.EFFECTIVE_FROM);
        var until = (FuzzyDate) values.get(Term.EFFECTIVE_UNTIL);
        if (from != null && until != null && until.end().isBefore(from.start())) {
            problems.add(new Problem(at + ".effectiveUntil", "'" + until + "' is before effectiveFrom '" + from + "'"));
        }
        if (a.announced() == null && a.effectiveFrom() == null) {
            problems.add(new Problem(at + ".announced", "an agreement needs an announced or an effectiveFrom date"));
        }
        var tranches = new ArrayList<PlannedTranche>();
        var given = a.tranches() == null ? List.<DealFile.TrancheEntry>of() : a.tranches();
        for (int t = 0; t < given.size(); t++) {
            var tranche = given.get(t);
            tranches.add(new PlannedTranche(a.id() + "#" + (t + 1), t + 1, tranche.label().strip(),
                    money(tranche.money(), at + ".tranches[" + t + "].money"), Boolean.TRUE.equals(tranche.conditional()),
                    trim(tranche.conditions())));
        }
        var amends = new ArrayList<PlannedAmendment>();
        var givenAmends = a.amends() == null ? List.<AmendmentEntry>of() : a.amends();
        for (int m = 0; m < givenAmends.size(); m++) {
            amends.add(amendment(givenAmends.get(m), at + ".amends[" + m + "]", a.id()));
        }
        return new PlannedAgreement(a.id(), kind == null ? null : kind.name(), a.title().strip(), trim(a.summary()), terms,
                parties(a, kind, at), products(a, at), tranches, amends, citations(a.sources(), at + ".sources"));
    }

    /** Every term of the catalogue the entry gives, checked and turned into node properties; {@code values} gets each value. */
    private Map<String, Object> terms(AgreementEntry a, AgreementKind kind, String at, Map<Term, Object> values) {
        var properties = new LinkedHashMap<String, Object>();
        for (var term : Term.values()) {
            Object value = null;
            try {
                value = term.parse(a.term(term));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(at + "." + term.field(), e.getMessage()));
            }
            if (value != null && kind != null && !term.appliesTo(kind)) {
                problems.add(new Problem(at + "." + term.field(), "applies to " + term.kinds() + " agreements, not to a " + kind));
            }
            term.store(value, properties);
            if (value != null) {
                values.put(term, value);
            }
        }
        return properties;
    }

    private List<PlannedParty> parties(AgreementEntry a, AgreementKind kind, String at) {
        var parties = new ArrayList<PlannedParty>();
        var roles = new HashSet<PartyRole>();
        for (int p = 0; p < a.parties().size(); p++) {
            var party = a.parties().get(p);
            var role = parse(PartyRole.class, party.role(), at + ".parties[" + p + "].role");
            if (role != null && kind != null && !kind.allowedRoles().contains(role)) {
                problems.add(new Problem(at + ".parties[" + p + "].role", "role " + role + " does not fit a "
                        + kind + " agreement; expected one of " + kind.allowedRoles()));
            }
            roles.add(role);
            parties.add(new PlannedParty(party.company(), role == null ? "" : role.name()));
            plan.referencedCompanies.put(party.company(), at + ".parties[" + p + "].company");
        }
        if (kind != null && !roles.containsAll(kind.requiredRoles())) {
            problems.add(new Problem(at + ".parties", "a " + kind + " agreement needs parties in the roles " + kind.requiredRoles()));
        }
        return parties;
    }

    private List<String> products(AgreementEntry a, String at) {
        if (a.products() == null) {
            return List.of();
        }
        for (int p = 0; p < a.products().size(); p++) {
            var product = a.products().get(p);
            if (product == null || !product.matches(DealFile.ID)) {
                problems.add(new Problem(at + ".products[" + p + "]", DealFile.ID_MESSAGE));
            } else {
                plan.referencedProducts.put(product, at + ".products[" + p + "]");
            }
        }
        return a.products();
    }

    private PlannedAmendment amendment(AmendmentEntry m, String at, String self) {
        var kind = parse(AmendmentKind.class, m.kind(), at + ".kind");
        if (m.agreement().equals(self)) {
            problems.add(new Problem(at + ".agreement", "an agreement cannot amend itself"));
        }
        plan.referencedAgreements.put(m.agreement(), at + ".agreement");
        var fields = new ArrayList<String>();
        var before = new ArrayList<String>();
        var after = new ArrayList<String>();
        var confidences = new ArrayList<String>();
        var changes = m.changes() == null ? List.<DealFile.ChangeEntry>of() : m.changes();
        for (int c = 0; c < changes.size(); c++) {
            var change = changes.get(c);
            var cat = at + ".changes[" + c + "]";
            var term = Term.byField(change.field()).filter(Term::amendable);
            if (term.isEmpty()) {
                problems.add(new Problem(cat + ".field", "'" + change.field() + "' cannot be amended; amendable: "
                        + new TreeSet<>(Term.amendableTerms().stream().map(Term::field).toList())));
                continue;
            }
            fields.add(change.field());
            before.add(changeValue(term.get(), change.from(), cat + ".from", true));
            after.add(changeValue(term.get(), change.to(), cat + ".to", false));
            confidences.add(change.confidence() == null ? "" : confidence(change.confidence(), cat + ".confidence"));
        }
        return new PlannedAmendment(m.agreement(), kind == null ? null : kind.name(), date(m.effective(), at + ".effective"),
                trim(m.summary()), m.confidence() == null ? null : confidence(m.confidence(), at + ".confidence"),
                fields, before, after, confidences);
    }

    /** A change's value in its term's text form; "" when absent (a term the amendment removes, or an unknown 'from'). */
    private String changeValue(Term term, String value, String at, boolean optional) {
        if (value == null || value.isBlank()) {
            if (!optional && term.type() != TermType.TEXT) {
                problems.add(new Problem(at, "is required"));
            }
            return "";
        }
        var text = value.strip();
        try {
            var parsed = term.parseText(text);
            // Percentages keep the text as written ("~27"); other types take their canonical form ("USD 38B").
            return parsed instanceof Percent || parsed instanceof String ? text : term.text(parsed);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(at, e.getMessage()));
            return text;
        }
    }

    private List<Citation> citations(List<SourceRef> refs, String at) {
        var citations = new ArrayList<Citation>();
        if (refs == null) {
            return citations;
        }
        for (int i = 0; i < refs.size(); i++) {
            var ref = refs.get(i);
            var facts = ref.facts() == null ? List.<String>of() : ref.facts();
            for (int f = 0; f < facts.size(); f++) {
                if (facts.get(f) == null || facts.get(f).isBlank() || facts.get(f).length() > 60) {
                    problems.add(new Problem(at + "[" + i + "].facts[" + f + "]", "must be a field name such as 'money'"));
                }
            }
            citations.add(new Citation(ref.source(), confidence(ref.confidence(), at + "[" + i + "].confidence"),
                    facts.stream().filter(f -> f != null && !f.isBlank()).map(String::strip).toList(), trim(ref.claim()),
                    trim(ref.note())));
            plan.referencedSources.put(ref.source(), at + "[" + i + "].source");
        }
        return citations;
    }

    private String confidence(String value, String at) {
        var parsed = parse(Confidence.class, value, at);
        return parsed == null ? null : parsed.name();
    }

    /** Accepts the names as written in the schema, or in lower case with spaces or hyphens ("equity investment"). */
    private <E extends Enum<E>> E parse(Class<E> type, String value, String at) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(new Problem(at, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private FuzzyDate date(String value, String at) {
        if (value == null) {
            return null;
        }
        try {
            return FuzzyDate.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(at, e.getMessage()));
            return null;
        }
    }

    private Money money(String value, String at) {
        try {
            return value == null ? null : Money.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(at, e.getMessage()));
            return null;
        }
    }

    private static List<String> aliases(List<String> aliases) {
        return aliases == null ? List.of() : aliases.stream().filter(a -> a != null && !a.isBlank()).map(String::strip).toList();
    }

    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String slug(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
