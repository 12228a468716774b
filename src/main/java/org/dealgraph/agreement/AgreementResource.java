package org.dealgraph.agreement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.api.Connection;
import org.dealgraph.api.Page;
import org.dealgraph.api.Selections;
import org.dealgraph.company.Company;
import org.dealgraph.database.GraphRevision;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.smallrye.graphql.api.Context;

@GraphQLApi
public class AgreementResource {

    private static final String AS_OF = "The date the answer is for; default: today.";
    static final String KNOWN_AS_OF = "Transaction time: answer as the graph held its facts at this moment (later loads, "
            + "corrections, retractions and merges left out); default: now. Its terms, parties, sources, amendments and "
            + "history are those of then; the companies' own fields are today's.";
    static final String KNOWN_AT = "A graph revision (extensions.revision.number of an earlier response): answer as the graph "
            + "held its facts when that revision was written, the same answer every time; extensions.revision then names it.";

    private final AgreementRepository agreements;
    private final KnownAgreementRepository known;
    private final GraphRevision revisions;
    private final Context context;
    private final Clock clock;

    AgreementResource(AgreementRepository agreements, KnownAgreementRepository known, GraphRevision revisions, Context context) {
        this.agreements = agreements;
        this.known = known;
        this.revisions = revisions;
        this.context = context;
        this.clock = Clock.systemUTC();
    }

    private DataFetchingFieldSelectionSet selection() {
        return Selections.of(context);
    }

    public enum SortDirection {
        ASC, DESC
    }

    @Query("agreement")
    @Description("One agreement by business id; null with a NOT_FOUND error when there is none. With knownAsOf: the "
            + "agreement as the graph held it then, and every derived fact of it computed from that (NOT_FOUND when it was "
            + "recorded later or stood retracted then).")
    public Agreement agreement(@NonNull @Id @Name("id") String id,
            @Name("knownAsOf") @Description(KNOWN_AS_OF) OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        if (moment.isPresent()) {
            return known.byId(id, moment.get()).orElseThrow(() -> new ApiErrors.NotFound("agreement", id));
        }
        var found = agreements.byIds(List.of(id), AgreementSelection.projection(selection())).get(0);
        if (found == null) {
            throw new ApiErrors.NotFound("agreement", id);
        }
        return found;
    }

    @Query("agreements")
    @Description("Agreements matching a filter, sorted, one page at a time.")
    public Connection<Agreement> agreements(
            @Valid @Name("filter") @Description("Which agreements; all when absent.") AgreementFilter filter,
            @Name("orderBy") @DefaultValue("ANNOUNCED") @Description("ANNOUNCED, AMOUNT (headline), TOTAL_VALUE (with expansions) or TITLE.") AgreementOrder orderBy,
            @Name("direction") @DefaultValue("ASC") SortDirection direction,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) @Description("Page size, at most 100; default 20.") Integer first,
            @Name("after") @Description("Cursor of the row to continue after.") String after,
            @Name("last") @Min(0) @Max(Page.MAX_SIZE) @Description("The last this many rows (before 'before', or of all), at most 100.") Integer last,
            @Name("before") @Description("Cursor of the row to end before.") String before,
            @Name("knownAsOf") @Description(KNOWN_AS_OF + " A page as known reads every agreement the graph holds.") OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        var page = Page.of("agreements/" + orderBy, first, after, last, before);
        var selection = selection();
        var counted = Selections.countsRows(selection);
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        if (moment.isPresent()) {
            var found = known.page(filter, orderBy, direction == SortDirection.ASC, page, counted, moment.get());
            return Connection.of(found.total(), found.rows(), page);
        }
        var found = agreements.page(filter, orderBy, direction == SortDirection.ASC, page,
                AgreementSelection.projectionOfConnection(selection), counted);
        return Connection.of(found.total(), found.rows(), page);
    }

    // ------------------------------------------------------------ a company's agreements, batched

    @Description("The agreements this company is party to, oldest first.")
    public List<List<Agreement>> agreements(@Source List<Company> companies,
            @Name("kinds") @Description("Only these kinds.") List<AgreementKind> kinds,
            @Name("role") @Description("Only where the company has this role.") PartyRole role,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) @Description("Only the oldest this many (at most 100); the oldest 100 when absent. "
                    + "A hub company has thousands: page them with agreementsConnection.") Integer first,
            @Name("knownAsOf") @Description(KNOWN_AS_OF + " The agreements it was party to then, each as then recorded.") OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        if (moment.isPresent()) {
            var page = Page.of("agreements/" + AgreementOrder.ANNOUNCED, first == null ? Page.MAX_SIZE : first, null, null, null);
            var byCompany = new HashMap<String, List<Agreement>>();
            for (var id : companies.stream().map(Company::id).distinct().toList()) {
                var filter = new AgreementFilter(kinds, id, role, null, null, null, null, null, null);
                byCompany.put(id, Connection.of(-1, known.page(filter, AgreementOrder.ANNOUNCED, true, page, false, moment.get()).rows(), page)
                        .nodes());
            }
            return companies.stream().map(c -> byCompany.getOrDefault(c.id(), List.of())).toList();
        }
        var asked = CompanyAgreements.asked(kinds, role, first, AgreementSelection.projection(selection()));
        var ids = companies.stream().map(Company::id).distinct().toList();
        // Read already, with the companies, when the query that found them saw this field selected under them.
        var byCompany = CompanyAgreements.handedOver(context, asked, ids).orElseGet(() -> agreements.forCompanies(ids, asked));
        return companies.stream().map(c -> byCompany.getOrDefault(c.id(), List.of())).toList();
    }

    @Description("The agreements this company is party to as a Relay connection, oldest first (announcement date, then id): "
            + "keyset cursors, first/after and last/before, totalCount when asked. For one company at a time: a list of "
            + "companies reads each one's page in a statement of its own.")
    public List<Connection<Agreement>> agreementsConnection(@Source List<Company> companies,
            @Name("kinds") @Description("Only these kinds.") List<AgreementKind> kinds,
            @Name("role") @Description("Only where the company has this role.") PartyRole role,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) @Description("Page size, at most 100; default 20.") Integer first,
            @Name("after") @Description("Cursor of the row to continue after.") String after,
            @Name("last") @Min(0) @Max(Page.MAX_SIZE) @Description("The last this many rows (before 'before', or of all), at most 100.") Integer last,
            @Name("before") @Description("Cursor of the row to end before.") String before,
            @Name("knownAsOf") @Description(KNOWN_AS_OF + " The company's agreements as then held: those it was party to "
                    + "then (before a later merge), each as then recorded; this reads every agreement the graph holds.") OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        var page = Page.of("agreements/" + AgreementOrder.ANNOUNCED, first, after, last, before);
        var selection = selection();
        var projection = AgreementSelection.projectionOfConnection(selection);
        var counted = Selections.countsRows(selection);
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        var pages = new HashMap<String, Connection<Agreement>>();
        for (var company : companies) {
            pages.computeIfAbsent(company.id(), id -> {
                var filter = new AgreementFilter(kinds, id, role, null, null, null, null, null, null);
                var found = moment.isPresent() ? known.page(filter, AgreementOrder.ANNOUNCED, true, page, counted, moment.get())
                        : agreements.page(filter, AgreementOrder.ANNOUNCED, true, page, projection, counted);
                return Connection.of(found.total(), found.rows(), page);
            });
        }
        return companies.stream().map(c -> pages.get(c.id())).toList();
    }

    private LocalDate day(LocalDate asOf) {
        return asOf != null ? asOf : LocalDate.now(clock);
    }

}
