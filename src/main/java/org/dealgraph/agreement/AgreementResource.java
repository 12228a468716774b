package org.dealgraph.agreement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.dealgraph.company.Company;
import org.dealgraph.deal.Vocabulary.AgreementKind;
import org.dealgraph.deal.Vocabulary.PartyRole;
import org.dealgraph.derived.AgreementState;
import org.dealgraph.derived.Amounts;
import org.dealgraph.derived.Derivations;
import org.dealgraph.derived.Results;
import org.dealgraph.graph.ApiErrors;
import org.dealgraph.graph.Confidence;
import org.dealgraph.graph.Page;
import org.dealgraph.source.SourceClaim;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import io.smallrye.graphql.api.Context;


@GraphQLApi
public class AgreementResource {

    private static final String AS_OF = "The date the answer is for; default: today.";

    private final AgreementRepository agreements;
    private final Context context;
    private final Clock clock;

    AgreementResource(AgreementRepository agreements, Context context) {
        this.agreements = agreements;
        this.context = context;
        this.clock = Clock.systemUTC();
    }

    /** The fields this request selects, to read only what it asks for; null (read everything) when unknown. */
    private DataFetchingFieldSelectionSet selection() {
        try {
            return context.unwrap(DataFetchingEnvironment.class).getSelectionSet();
        } catch (RuntimeException e) {
            return null;
        }
    }

    public enum SortDirection {
        ASC, DESC
    }

    @Query("agreement")
    @Description("One agreement by business id; null with a NOT_FOUND error when there is none.")
    public Agreement agreement(@NonNull @Id @Name("id") String id) {
        var found = agreements.byIds(List.of(id), AgreementSelection.projection(selection())).get(0);
        if (found == null) {
            throw new ApiErrors.NotFound("agreement", id);
        }
        return found;
    }

    @Query("agreements")
    @Description("Agreements matching a filter, sorted, one page at a time.")
    public AgreementConnection agreements(
            @Valid @Name("filter") @Description("Which agreements; all when absent.") AgreementFilter filter,
            @Name("orderBy") @DefaultValue("ANNOUNCED") @Description("ANNOUNCED, AMOUNT (headline), TOTAL_VALUE (with expansions) or TITLE.") AgreementOrder orderBy,
            @Name("direction") @DefaultValue("ASC") SortDirection direction,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) @Description("Page size, at most 100; default 20.") Integer first,
            @Name("after") @Description("Cursor of the row to continue after.") String after) {
        var page = Page.of(first, after);
        var found = agreements.page(filter, orderBy, direction == SortDirection.ASC, page,
                AgreementSelection.projectionOfConnection(selection()));
        return AgreementConnection.of(found.total(), found.agreements(), page);
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
            @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        if (investor == null && investee == null) {
            throw new ApiErrors.BadArgument("investor", "or 'investee' is required");
        }
        var kinds = List.of(AgreementKind.EQUITY_INVESTMENT, AgreementKind.RECAPITALIZATION, AgreementKind.MEMORANDUM);
        var found = investor != null
                ? agreements.involving(investor, kinds, List.of(PartyRole.INVESTOR), investee == null ? null : List.of(investee),
                        List.of(PartyRole.INVESTEE))
                : agreements.involving(investee, kinds, List.of(PartyRole.INVESTEE), null, List.of());
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
            @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        var found = agreements.involving(customer, List.of(AgreementKind.COMPUTE_COMMITMENT), List.of(PartyRole.CUSTOMER),
                providers, List.of(PartyRole.PROVIDER));
        if (agreementIds != null) {
            found = found.stream().filter(a -> agreementIds.contains(a.id())).toList();
        }
        return Derivations.combined(found, day(asOf), customer + " on " + day(asOf) + ": ");
    }

    @Query("stake")
    @Description("A holder's stake in a company on a date (Microsoft in OpenAI: 32.5% before 2025-10-28, about 27% after).")
    public Results.StakeOnDate stake(@NonNull @Name("holder") String holder, @NonNull @Name("company") String company,
            @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        var equity = agreements.involving(holder, List.of(AgreementKind.EQUITY_INVESTMENT, AgreementKind.RECAPITALIZATION),
                List.of(PartyRole.INVESTOR), List.of(company), List.of(PartyRole.INVESTEE));
        return Derivations.stake(holder, company, equity, day(asOf));
    }

    @Query("servingClouds")
    @Description("The clouds on which a company's models and products may be served on a date, and which is primary and first.")
    public Results.ServingClouds servingClouds(@NonNull @Name("company") String company, @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        var distributions = agreements.involving(company, List.of(AgreementKind.DISTRIBUTION), List.of(PartyRole.SUPPLIER), null, List.of());
        return Derivations.servingClouds(company, distributions, day(asOf));
    }

    // ------------------------------------------------------------ a company's agreements, batched

    @Description("The agreements this company is party to, oldest first.")
    public List<List<Agreement>> agreements(@Source List<Company> companies,
            @Name("kinds") @Description("Only these kinds.") List<AgreementKind> kinds,
            @Name("role") @Description("Only where the company has this role.") PartyRole role) {
        var byCompany = agreements.forCompanies(companies.stream().map(Company::id).distinct().toList(), kinds, role,
                AgreementSelection.projection(selection()));
        return companies.stream().map(c -> byCompany.getOrDefault(c.id(), List.of())).toList();
    }

    @Description("Equity this company invested as of a date (batched for a list of companies).")
    public List<Amounts> invested(@Source List<Company> companies, @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        return equityOf(companies, PartyRole.INVESTOR, day(asOf), "%s invested on %s: ");
    }

    @Description("Equity this company raised as of a date (batched for a list of companies).")
    public List<Amounts> raised(@Source List<Company> companies, @Name("asOf") @Description(AS_OF) LocalDate asOf) {
        return equityOf(companies, PartyRole.INVESTEE, day(asOf), "raised by %s on %s: ");
    }

    /** One query for all the companies' equity agreements in the role, then each company's sum. */
    private List<Amounts> equityOf(List<Company> companies, PartyRole role, LocalDate asOf, String rulePrefix) {
        var byCompany = agreements.forCompanies(companies.stream().map(Company::id).distinct().toList(),
                List.of(AgreementKind.EQUITY_INVESTMENT, AgreementKind.RECAPITALIZATION, AgreementKind.MEMORANDUM), role);
        return companies.stream().map(c -> Derivations.combined(byCompany.getOrDefault(c.id(), List.of()).stream()
                .filter(a -> !a.companiesIn(PartyRole.INVESTOR).isEmpty()).toList(), asOf,
                rulePrefix.formatted(c.id(), asOf))).toList();
    }

    private LocalDate day(LocalDate asOf) {
        return asOf != null ? asOf : LocalDate.now(clock);
    }

}
