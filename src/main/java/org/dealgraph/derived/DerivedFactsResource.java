package org.dealgraph.derived;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.agreement.AgreementKind;
import org.dealgraph.agreement.AgreementKind.Trait;
import org.dealgraph.agreement.AgreementRepository;
import org.dealgraph.agreement.KnownAgreementRepository;
import org.dealgraph.agreement.PartyRole;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.company.Company;
import org.dealgraph.database.GraphRevision;
import org.dealgraph.source.SourceClaim;
import org.dealgraph.value.Confidence;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.graphql.api.Context;

/**
 * The GraphQL face of the derived facts: fields of an agreement computed from what its own query fetched (no further
 * query), and questions across agreements (one query each, or one per batch of companies).
 */
@GraphQLApi
public class DerivedFactsResource {

    private static final String AS_OF = "The date the answer is for; default: today.";

    private static final String KNOWN_AS_OF = "Transaction time: from the agreements as the graph held them at this moment "
            + "(later loads, corrections, retractions and merges left out); default: now.";
    private static final String KNOWN_AT = "A graph revision (extensions.revision.number of an earlier response): from the "
            + "agreements as the graph held them when that revision was written.";

    private final AgreementRepository agreements;
    private final KnownAgreementRepository known;
    private final GraphRevision revisions;
    private final Context context;
    private final Clock clock = Clock.systemUTC();

    DerivedFactsResource(AgreementRepository agreements, KnownAgreementRepository known, GraphRevision revisions, Context context) {
        this.agreements = agreements;
        this.known = known;
        this.revisions = revisions;
        this.context = context;
    }

    // ------------------------------------------------------------ derived facts of one agreement (no query)

    @Description("The agreement's terms on a date, after the amendments effective by then.")
    public AgreementState state(@Source Agreement agreement, @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        return Derivations.state(agreement, day(asOf));
    }

    @Description("Its value including expansions effective by the date ($38B + $100B = $138B); ceilings and conditional parts apart.")
    public Amounts totalValue(@Source Agreement agreement, @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        return Derivations.totalValue(agreement, day(asOf));
    }

    @Description("Committed value per year over each part's term ($100B over 8 years = $12.5B a year).")
    public Amounts annualizedValue(@Source Agreement agreement, @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        return Derivations.annualizedValue(agreement, day(asOf));
    }

    @Description("For an IP license: in force, exclusive and ending when, on the date. A NOT_APPLICABLE error for other kinds.")
    public Results.LicenseStatus license(@Source Agreement agreement, @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        return Derivations.license(agreement, day(asOf));
    }

    @Description("For a revenue share: who pays whom, the rate, the cap and the end, on the date.")
    public Results.RevenueShareStatus revenueShare(@Source Agreement agreement, @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        return Derivations.revenueShare(agreement, day(asOf));
    }

    @Description("For a revenue share: what is owed on revenue earned in a period, min(rate × revenue, cap − already paid); "
            + "zero outside the term. Terms as on the period's last day.")
    public Amounts owed(@Source Agreement agreement,
            @NonNull @PositiveOrZero @Name("revenue") @Description("Revenue earned in the period.") BigDecimal revenue,
            @Name("currency") @DefaultValue("USD") @Description("ISO 4217 currency of revenue and payments.") String currency,
            @NonNull @Name("from") @Description("First day of the period.") LocalDate from,
            @NonNull @Name("to") @Description("Last day of the period.") LocalDate to,
            @PositiveOrZero @Name("alreadyPaid") @DefaultValue("0") @Description("Paid under the cap before this period.") BigDecimal alreadyPaid) {
        return Derivations.owed(agreement, revenue, currency, from, to, alreadyPaid == null ? BigDecimal.ZERO : alreadyPaid);
    }

    @Description("For an equity round: the company's post-money valuation on the date, as stated or as the pre-money "
            + "valuation plus the round's size. NOT_APPLICABLE when no valuation is stated.")
    public Results.ValuationOnDate postMoneyValuation(@Source Agreement agreement, @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        return Valuations.postMoney(agreement, day(asOf));
    }

    @Description("For an equity investment: the stake its committed money buys at the round's post-money valuation "
            + "(amount ÷ post-money). NOT_APPLICABLE when either is missing or the amount is only a ceiling.")
    public Results.StakeOnDate impliedStake(@Source Agreement agreement, @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        return Valuations.impliedStake(agreement, day(asOf));
    }

    @Description("The strongest confidence any of its sources gives it.")
    public Confidence confidence(@Source Agreement agreement) {
        return agreement.sources().stream().map(SourceClaim::confidence).reduce(Confidence::strongest).orElse(Confidence.INFERRED);
    }

    @Description("Sources that claim something different from the recorded facts: contradictions kept, not resolved silently.")
    public List<SourceClaim> contradictions(@Source Agreement agreement) {
        return agreement.sources().stream().filter(c -> c.claim() != null).toList();
    }

    // ------------------------------------------------------------ derived facts across agreements (one query)

    @Query("investments")
    @Description("Equity invested: by an investor, raised by an investee, or between the two, as of a date. "
            + "Committed amounts apart from conditional tranches and 'up to' ceilings, per currency.")
    public Amounts investments(@Name("investor") @Description("Business id of the investor.") String investor,
            @Name("investee") @Description("Business id of the company invested in.") String investee,
            @Name("asOf") @Description(AS_OF) LocalDate asOf,
            @Name("knownAsOf") @Description(KNOWN_AS_OF) OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        if (investor == null && investee == null) {
            throw new ApiErrors.BadArgument("investor", "or 'investee' is required");
        }
        var kinds = AgreementKind.with(Trait.INVESTMENT);
        var found = investor != null
                ? involving(investor, kinds, List.of(PartyRole.INVESTOR), investee == null ? null : List.of(investee),
                        List.of(PartyRole.INVESTEE), knownAsOf, knownAt)
                : involving(investee, kinds, List.of(PartyRole.INVESTEE), null, List.of(), knownAsOf, knownAt);
        found = found.stream().filter(a -> !a.companiesIn(PartyRole.INVESTOR).isEmpty()).toList();
        var who = (investor == null ? "raised by " + investee : investor + " in " + (investee == null ? "all companies" : investee));
        return Derivations.combined(found, day(asOf), who + " on " + day(asOf) + ": ");
    }

    @Query("combinedCommitments")
    @Description("Compute commitments of a customer added up: with given providers, or given agreements, as of a date. "
            + "Ceilings ('up to') and optional parts are listed as excluded, not summed.")
    public Amounts combinedCommitments(@NonNull @Name("customer") @Description("Business id of the customer.") String customer,
            @Name("providers") @Description("Business ids of the providers; all when absent.") List<String> providers,
            @Name("agreements") @Description("Only these agreements (business ids).") List<String> agreementIds,
            @Name("asOf") @Description(AS_OF) LocalDate asOf,
            @Name("knownAsOf") @Description(KNOWN_AS_OF) OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        var found = involving(customer, AgreementKind.with(Trait.COMPUTE), List.of(PartyRole.CUSTOMER),
                providers, List.of(PartyRole.PROVIDER), knownAsOf, knownAt);
        if (agreementIds != null) {
            found = found.stream().filter(a -> agreementIds.contains(a.id())).toList();
        }
        return Derivations.combined(found, day(asOf), customer + " on " + day(asOf) + ": ");
    }

    @Query("stake")
    @Description("A holder's stake in a company on a date (Microsoft in OpenAI: 32.5% before 2025-10-28, about 27% after).")
    public Results.StakeOnDate stake(@NonNull @Name("holder") String holder, @NonNull @Name("company") String company,
            @Name("asOf") @Description(AS_OF) LocalDate asOf,
            @Name("knownAsOf") @Description(KNOWN_AS_OF) OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        var equity = involving(holder, AgreementKind.with(Trait.EQUITY),
                List.of(PartyRole.INVESTOR), List.of(company), List.of(PartyRole.INVESTEE), knownAsOf, knownAt);
        return Holdings.stake(holder, company, equity, day(asOf));
    }

    @Query("servingClouds")
    @Description("The clouds on which a company's models and products may be served on a date, and which is primary and first.")
    public Results.ServingClouds servingClouds(@NonNull @Name("company") String company, @Name("asOf") @Description(AS_OF) LocalDate asOf,
            @Name("knownAsOf") @Description(KNOWN_AS_OF) OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        var distributions = involving(company, AgreementKind.with(Trait.DISTRIBUTION), List.of(PartyRole.SUPPLIER),
                null, List.of(), knownAsOf, knownAt);
        return Holdings.servingClouds(company, distributions, day(asOf));
    }

    // ------------------------------------------------------------ derived facts of companies, batched

    @Description("Equity this company invested as of a date (batched for a list of companies).")
    public List<Amounts> invested(@Source List<Company> companies, @Name("asOf") @Description(AS_OF) LocalDate asOf,
            @Name("knownAsOf") @Description(KNOWN_AS_OF) OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        return equityOf(companies, PartyRole.INVESTOR, day(asOf), "%s invested on %s: ", knownAsOf, knownAt);
    }

    @Description("Equity this company raised as of a date (batched for a list of companies).")
    public List<Amounts> raised(@Source List<Company> companies, @Name("asOf") @Description(AS_OF) LocalDate asOf,
            @Name("knownAsOf") @Description(KNOWN_AS_OF) OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        return equityOf(companies, PartyRole.INVESTEE, day(asOf), "raised by %s on %s: ", knownAsOf, knownAt);
    }

    @Description("The company's post-money valuation on a date, from its latest equity round by then that states one; "
            + "null when none does (batched for a list of companies).")
    public List<Results.ValuationOnDate> valuation(@Source List<Company> companies, @Name("asOf") @Description(AS_OF) LocalDate asOf,
            @Name("knownAsOf") @Description(KNOWN_AS_OF) OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        var byCompany = forCompanies(ids(companies), AgreementKind.with(Trait.EQUITY), PartyRole.INVESTEE, knownAsOf, knownAt);
        return companies.stream().map(c -> Valuations.latest(c.id(), byCompany.getOrDefault(c.id(), List.of()), day(asOf)))
                .toList();
    }

    /** One query for all the companies' equity agreements in the role, then each company's sum. */
    private List<Amounts> equityOf(List<Company> companies, PartyRole role, LocalDate asOf, String rulePrefix,
            OffsetDateTime knownAsOf, Integer knownAt) {
        var byCompany = forCompanies(ids(companies), AgreementKind.with(Trait.INVESTMENT), role, knownAsOf, knownAt);
        return companies.stream().map(c -> Derivations.combined(byCompany.getOrDefault(c.id(), List.of()).stream()
                .filter(a -> !a.companiesIn(PartyRole.INVESTOR).isEmpty()).toList(), asOf,
                rulePrefix.formatted(c.id(), asOf))).toList();
    }

    /**
     * The agreements of each company in a role: today's in one statement, or as the graph held them at the moment
     * asked, a statement per company.
     */
    private java.util.Map<String, List<Agreement>> forCompanies(List<String> ids, List<AgreementKind> kinds, PartyRole role,
            OffsetDateTime knownAsOf, Integer knownAt) {
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        if (moment.isEmpty()) {
            return agreements.forCompanies(ids, kinds, role);
        }
        var byCompany = new java.util.HashMap<String, List<Agreement>>();
        for (var id : ids) {
            byCompany.put(id, known.involving(id, kinds, List.of(role), null, List.of(), moment.get()));
        }
        return byCompany;
    }

    /** The agreements a root derived fact reads: today's, or as the graph held them at the moment asked. */
    private List<Agreement> involving(String company, List<AgreementKind> kinds, List<PartyRole> roles, List<String> counterparties,
            List<PartyRole> counterpartyRoles, OffsetDateTime knownAsOf, Integer knownAt) {
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        return moment.isPresent() ? known.involving(company, kinds, roles, counterparties, counterpartyRoles, moment.get())
                : agreements.involving(company, kinds, roles, counterparties, counterpartyRoles);
    }

    private static List<String> ids(List<Company> companies) {
        return companies.stream().map(Company::id).distinct().toList();
    }

    private LocalDate day(LocalDate asOf) {
        return asOf != null ? asOf : LocalDate.now(clock);
    }
}
