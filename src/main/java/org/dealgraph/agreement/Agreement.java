package org.dealgraph.agreement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.dealgraph.api.Node;
import org.dealgraph.company.Company;
import org.dealgraph.database.MapProjection;
import org.dealgraph.database.MapProjection.AllProperties;
import org.dealgraph.database.MapProjection.Computed;
import org.dealgraph.source.SourceClaim;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.DateValue;
import org.dealgraph.value.Money;
import org.dealgraph.value.Percent;
import org.dealgraph.value.Valuation;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.neo4j.driver.Value;

/**
 * An agreement as recorded when it was made. Its state on a later date comes from applying the amendments in
 * {@link #amendedBy()}: nothing is overwritten. The record holds what the derived facts need, fetched in one query.
 */
@Type("Agreement")
@Description("A deal between companies: an investment, a compute commitment, a license, a revenue share, a distribution right... "
        + "Its fields are its terms as made; 'state' gives its terms on a date, after amendments.")
public record Agreement(
        @NonNull @Id @Description("Business id, a stable slug, e.g. 'aws-openai-compute-2025'.") String id,
        @Description("What kind of agreement it is.") AgreementKind kind,
        @Description("A short title.") String title,
        @Description("What it is about, in a few sentences.") String summary,
        @Description("The companies party to it, each with its role.") List<Party> parties,
        @Description("Products or platforms it concerns (Azure, Bedrock, Frontier...).") List<ProductRef> products,
        @Description("When it was announced.") DateValue announced,
        @Description("When it takes effect.") DateValue effectiveFrom,
        @Description("When it ends as originally made; see state(asOf) for the end after amendments.") DateValue effectiveUntil,
        @Description("Its term in years, where stated.") BigDecimal termYears,
        @Description("Its headline amount as stated; a ceiling when 'up to'.") Money money,
        @Description("Parts of the amount: upfront, conditional, optional.") List<Tranche> tranches,
        @Description("Exclusive as originally made.") Boolean exclusive,
        @Description("Marks the primary partner (e.g. primary cloud) as originally made.") Boolean primary,
        @Description("Gets first release of new products, as originally made.") Boolean firstRelease,
        @Description("The supplier may also serve on any cloud, as originally made.") Boolean anyCloud,
        @Description("What it covers, in words.") String scope,
        @Description("Revenue-share rate in percent, as originally made.") BigDecimal ratePercent,
        @Description("A cap on payments, as originally made.") Money cap,
        @Description("The investor's resulting stake in percent, where stated.") BigDecimal stakePercent,
        @Description("True when the stake is approximate.") boolean stakeApproximate,
        @Description("For an equity round: the company's valuation, pre-money or post-money as the source gives it.") Valuation valuation,
        @Description("For an equity round: the whole round's size, when this agreement is one investor's part of it.") Money roundSize,
        @Description("False for non-binding memoranda and letters of intent.") boolean binding,
        @Description("Conditions attached to it.") String conditions,
        @Description("The sources behind it, each with its confidence and any contradicting claim.") List<SourceClaim> sources,
        @Description("Agreements this one amends, expands or supersedes.") List<AmendmentLink> amends,
        @Description("Agreements that amend, expand or supersede this one, oldest first.") List<AmendmentLink> amendedBy,
        @Description("What the graph recorded of this agreement before, newest first: every change keeps the previous values.") List<Revision> history,
        @Description("When, from which deal file or mutation, and by whom its current values were recorded.") Recorded recorded) implements Node {

    @Type("Recorded")
    @Description("Who recorded a fact's current values, when, and from which deal file or mutation.")
    public record Recorded(
            @Description("When, ISO 8601.") String at,
            @Description("The deal file or mutation.") String from,
            @Description("The curator: a signed-in curator's name, 'curator token <fingerprint>' for a static token, 'service' for the shipped seed loaded at startup.") String by) {
    }

    @Type("Revision")
    @Description("The recorded properties of a fact before a load changed them, and when and from where they had come.")
    public record Revision(
            @Description("When the previous values had been recorded.") String recordedAt,
            @Description("Which deal file or mutation had recorded them.") String recordedFrom,
            @Description("Who had recorded them (see Recorded.by).") String recordedBy,
            @Description("When they were replaced.") String replacedAt,
            @Description("Which deal file or mutation replaced them.") String replacedBy,
            @Description("Who replaced them.") String replacedByCurator,
            @Description("The previous properties, as a JSON object.") String properties,
            @Description("Business ids of the sources the fact cited then.") List<String> sourceIds) {
    }


    @Type("Party")
    @Description("A company in its role in an agreement.")
    public record Party(@Description("The company.") Company company, @Description("Its role.") PartyRole role) {
    }

    @Type("ProductRef")
    @Description("A product or platform an agreement concerns.")
    public record ProductRef(@Id String id, String name) {
    }

    @Type("Tranche")
    @Description("A part of an agreement's amount.")
    public record Tranche(@Description("What this part is, e.g. 'upfront'.") String label,
            @Description("Its amount.") Money money,
            @Description("True when it is paid only on conditions or at an option: never counted as committed.") boolean conditional,
            @Description("The conditions, where known.") String conditions) {
    }

    @Type("Change")
    @Description("One term an amendment changes.")
    public record Change(@Description("The term, e.g. 'exclusive', 'cap', 'effectiveUntil'.") String field,
            @Description("Its value before, where the sources give it.") String from,
            @Description("Its value from the amendment on.") String to,
            @Description("How sure this change is, when it differs from the amending agreement's sources.") Confidence confidence) {
    }

    @Type("AmendmentLink")
    @Description("An AMENDS relationship: one agreement amends, expands or supersedes another from a date.")
    public record AmendmentLink(
            @Description("Business id of the other agreement.") String agreementId,
            @Description("Title of the other agreement.") String title,
            @Description("AMENDMENT (changes terms), EXPANSION (adds to the amount) or SUPERSESSION (replaces it).") AmendmentKind kind,
            @Description("From when it applies.") DateValue effective,
            @Description("What changed, in words.") String summary,
            @Description("The terms changed.") List<Change> changes,
            @Description("Confidence stated for the link itself, if any.") Confidence confidence,
            @Description("Amount of the amending agreement (what an expansion adds).") Money money,
            @Description("Term in years of the amending agreement.") BigDecimal termYears,
            @Description("Whether the amending agreement is binding.") boolean binding,
            @Description("Sources of the amending agreement.") List<SourceClaim> sources) {

        @Ignore
        public Confidence confidenceOf(Change change) {
            if (change != null && change.confidence() != null) {
                return change.confidence();
            }
            if (confidence != null) {
                return confidence;
            }
            return SourceClaim.confidenceOf(sources, change == null ? "money" : change.field());
        }
    }

    static final String PRODUCTS = "[(a)-[:CONCERNS]->(pr:Product) | pr {.id, .name}]";
    static final String TRANCHES = "[(a)-[:HAS_TRANCHE]->(t:Tranche) | t {.*}]";
    static final String HISTORY = """
            [(a)-[:HAD_REVISION]->(rev:Revision) | rev {recordedAt: toString(rev.recordedAt), .recordedFrom, .recordedBy,
             replacedAt: toString(rev.replacedAt), .replacedBy, .replacedByCurator, .properties, .sourceIds}]""";

    /** The other agreement of an AMENDS link {@code r}, with what the derived facts read of it. */
    private static final String LINK = link("other", SourceClaim.of("other"));

    /**
     * {@link #LINK} with the other agreement's terms read from {@code version} and its claims from {@code sources} (its
     * version known then, see KnownAgreementRepository).
     */
    static String link(String version, String sources) {
        return MapProjection.literal(List.of(
                new Computed("agreementId", "other.id"), new Computed("title", version + ".title"), new Computed("rel", "r {.*}"),
                new Computed("money", MapProjection.of(version, Term.MONEY.properties()).cypher()),
                new Computed("termYears", version + ".termYears"), new Computed("binding", version + ".binding"),
                new Computed("sources", sources))).cypher();
    }

    /** Cypher projection of agreement {@code a} with everything the derived facts need, matching {@link #from(Value)}. */
    public static final String PROJECTION = new MapProjection("a", List.of(new AllProperties(),
            new Computed("parties", parties(Company.PROJECTION)), new Computed("products", PRODUCTS),
            new Computed("tranches", TRANCHES), new Computed("sources", SourceClaim.of("a")),
            new Computed("amends", "[(a)-[r:AMENDS]->(other:Agreement) | " + LINK + "]"),
            new Computed("amendedBy", "[(other:Agreement)-[r:AMENDS]->(a) | " + LINK + "]"),
            new Computed("history", HISTORY))).cypher();

    /** Cypher for the parties of agreement {@code a}, each company {@code c} given by {@code company}, a projection of it. */
    static String parties(String company) {
        return "[(c:Company)-[pt:PARTY_TO]->(a) | {role: pt.role, company: " + company + "}]";
    }

    public static Agreement from(Value v) {
        var stake = (Percent) Term.STAKE_PERCENT.read(v);
        return new Agreement(v.get("id").asString(), AgreementKind.valueOf(v.get("kind").asString()),
                v.get("title").asString(), v.get("summary").asString(null),
                v.get("parties").asList(p -> new Party(Company.from(p.get("company")), PartyRole.valueOf(p.get("role").asString())))
                        .stream().sorted(Comparator.comparing((Party p) -> p.role()).thenComparing(p -> p.company().id())).toList(),
                v.get("products").asList(p -> new ProductRef(p.get("id").asString(), p.get("name").asString())).stream()
                        .sorted(Comparator.comparing(ProductRef::id)).toList(),
                (DateValue) Term.ANNOUNCED.read(v), (DateValue) Term.EFFECTIVE_FROM.read(v), (DateValue) Term.EFFECTIVE_UNTIL.read(v),
                (BigDecimal) Term.TERM_YEARS.read(v), (Money) Term.MONEY.read(v),
                v.get("tranches").asList(t -> new Tranche(t.get("label").asString(), (Money) TermType.MONEY.read(t, "amount"),
                        t.get("conditional").asBoolean(false), t.get("conditions").asString(null))).stream()
                        .sorted(Comparator.comparing(Tranche::label)).toList(),
                (Boolean) Term.EXCLUSIVE.read(v), (Boolean) Term.PRIMARY.read(v), (Boolean) Term.FIRST_RELEASE.read(v),
                (Boolean) Term.ANY_CLOUD.read(v), (String) Term.SCOPE.read(v), percent(Term.RATE_PERCENT.read(v)),
                (Money) Term.CAP.read(v), stake == null ? null : stake.value(), stake != null && stake.approximate(),
                (Valuation) Term.VALUATION.read(v), (Money) Term.ROUND_SIZE.read(v),
                !Boolean.FALSE.equals(Term.BINDING.read(v)), (String) Term.CONDITIONS.read(v),
                SourceClaim.all(v.get("sources")),
                links(v.get("amends")), links(v.get("amendedBy")),
                v.get("history").asList(h -> new Revision(h.get("recordedAt").asString(null), h.get("recordedFrom").asString(null),
                        h.get("recordedBy").asString(null), h.get("replacedAt").asString(null), h.get("replacedBy").asString(null),
                        h.get("replacedByCurator").asString(null), h.get("properties").asString(null),
                        h.get("sourceIds").isNull() ? List.of() : h.get("sourceIds").asList(Value::asString))).stream()
                        .sorted(Comparator.comparing(Revision::replacedAt).reversed()).toList(),
                new Recorded(v.get("recordedAt").isNull() ? null : v.get("recordedAt").asObject().toString(),
                        v.get("recordedFrom").asString(null), v.get("recordedBy").asString(null)));
    }

    /**
     * Its value of a term as made. The switch has no default: a term added to the catalogue does not compile until
     * the agreement says where it holds it.
     */
    @Ignore
    public Object asMade(Term term) {
        return switch (term) {
            case ANNOUNCED -> announced;
            case EFFECTIVE_FROM -> effectiveFrom;
            case EFFECTIVE_UNTIL -> effectiveUntil;
            case TERM_YEARS -> termYears;
            case MONEY -> money;
            case EXCLUSIVE -> exclusive;
            case PRIMARY -> primary;
            case FIRST_RELEASE -> firstRelease;
            case ANY_CLOUD -> anyCloud;
            case SCOPE -> scope;
            case RATE_PERCENT -> ratePercent == null ? null : new Percent(ratePercent, false);
            case CAP -> cap;
            case STAKE_PERCENT -> stakePercent == null ? null : new Percent(stakePercent, stakeApproximate);
            case BINDING -> binding;
            case CONDITIONS -> conditions;
            case VALUATION -> valuation;
            case ROUND_SIZE -> roundSize;
        };
    }

    private static BigDecimal percent(Object value) {
        return value == null ? null : ((Percent) value).value();
    }

    private static List<AmendmentLink> links(Value list) {
        return list.asList(l -> {
            var rel = l.get("rel");
            var fields = strings(rel.get("changeFields"));
            var before = strings(rel.get("changeFrom"));
            var after = strings(rel.get("changeTo"));
            var confidences = strings(rel.get("changeConfidence"));
            var changes = new ArrayList<Change>();
            for (int i = 0; i < fields.size(); i++) {
                changes.add(new Change(fields.get(i), blankToNull(before.get(i)), blankToNull(after.get(i)),
                        blankToNull(confidences.get(i)) == null ? null : Confidence.valueOf(confidences.get(i))));
            }
            return new AmendmentLink(l.get("agreementId").asString(), l.get("title").asString(),
                    AmendmentKind.valueOf(rel.get("kind").asString()), (DateValue) TermType.DATE.read(rel, "effective"),
                    rel.get("summary").asString(null), changes,
                    rel.get("confidence").isNull() ? null : Confidence.valueOf(rel.get("confidence").asString()),
                    (Money) Term.MONEY.read(l.get("money")), (BigDecimal) Term.TERM_YEARS.read(l), l.get("binding").asBoolean(true),
                    SourceClaim.all(l.get("sources")));
        }).stream().sorted(Comparator.comparing((AmendmentLink link) -> link.effective().earliest()).thenComparing(AmendmentLink::agreementId))
                .toList();
    }

    private static List<String> strings(Value list) {
        return list.isNull() ? List.of() : list.asList(Value::asString);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Ignore
    public List<Company> companiesIn(PartyRole role) {
        return parties.stream().filter(p -> p.role() == role).map(Party::company).toList();
    }

    /** Start of the agreement: effective date, else announcement. */
    @Ignore
    public DateValue start() {
        return effectiveFrom != null ? effectiveFrom : announced;
    }

    @Ignore
    public Confidence confidenceOf(String fact) {
        return SourceClaim.confidenceOf(sources, fact);
    }
}
