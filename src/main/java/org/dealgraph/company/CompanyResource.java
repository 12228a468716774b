package org.dealgraph.company;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.api.Connection;
import org.dealgraph.api.Page;
import org.dealgraph.api.Selections;
import org.dealgraph.database.GraphRevision;
import org.dealgraph.value.ExternalIdInput;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.graphql.api.Context;

@GraphQLApi
public class CompanyResource {

    private static final Pattern LUCENE_SPECIAL = Pattern.compile("([+\\-!(){}\\[\\]^\"~*?:\\\\/]|&&|\\|\\|)");

    private final CompanyRepository companies;
    private final BelowCompanies below;
    private final Context context;
    private final GraphRevision revisions;

    CompanyResource(CompanyRepository companies, BelowCompanies below, Context context, GraphRevision revisions) {
        this.companies = companies;
        this.below = below;
        this.context = context;
        this.revisions = revisions;
    }

    @Query("company")
    @Description("One company by business id (a company merged into another answers as that one), or by an identifier of "
            + "another data set (externalId: Wikidata, LEI, Crunchbase); null with a NOT_FOUND error when there is none.")
    public Company company(@Id @Name("id") String id,
            @Name("externalId") @Description("Instead of id: an identifier a deal file gave the company.") ExternalIdInput externalId,
            @Name("knownAsOf") @Description("Transaction time: the company if the graph held it at this moment (a company merged "
                    + "since answers as itself, one merged by then as its survivor; its fields are today's). Its agreements, "
                    + "agreementsConnection, raised, invested and valuation take knownAsOf of their own.") OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description("A graph revision (extensions.revision.number of an earlier response): the "
                    + "company if the graph held it when that revision was written.") Integer knownAt) {
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        if (moment.isPresent() && id != null) {
            return companies.asKnown(id, moment.get()).orElseThrow(() -> new ApiErrors.NotFound("company", id));
        }
        if ((id == null) == (externalId == null)) {
            throw new ApiErrors.BadArgument(id == null ? "id" : "externalId", "or the other says which company: give exactly one of id and externalId");
        }
        if (externalId != null) {
            var problem = externalId.scheme().problem(externalId.value());
            if (problem.isPresent()) {
                throw new ApiErrors.BadArgument("externalId.value", problem.get());
            }
            var ids = companies.idsOf(externalId.scheme(), externalId.value());
            if (ids.isEmpty()) {
                throw new ApiErrors.NotFound("company", externalId.scheme().property + ":" + externalId.value());
            }
            if (ids.size() > 1) {
                throw new ApiErrors.Conflict("Companies " + ids + " all carry " + externalId.scheme().property + " id '"
                        + externalId.value() + "': a curator should keep it on one of them");
            }
            return moment.isPresent() ? companies.asKnown(ids.get(0), moment.get()).orElseThrow(() -> new ApiErrors.NotFound("company", ids.get(0)))
                    : company(ids.get(0), null, null, null);
        }
        var agreements = below.selectedUnder(Selections.of(context), false);
        var direct = companies.byIds(List.of(id), agreements);
        // A company merged into another answers as the one it was merged into.
        var found = !direct.companies().isEmpty() ? direct : companies.mergedInto(id)
                .map(survivor -> companies.byIds(List.of(survivor), agreements)).orElse(direct);
        if (found.companies().isEmpty()) {
            throw new ApiErrors.NotFound("company", id);
        }
        agreements.ifPresent(asked -> asked.handOver(context, found.agreements()));
        return found.companies().get(0);
    }

    @Query("companies")
    @Description("Companies by name, one page at a time.")
    public Connection<Company> companies(
            @Name("kind") @Description("Only companies of this kind.") CompanyKind kind,
            @Name("nameContains") @Size(max = 200) @Description("Name or alias contains this, ignoring case.") String nameContains,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) @Description("Page size, at most 100; default 20.") Integer first,
            @Name("after") @Description("Cursor of the row to continue after.") String after,
            @Name("last") @Min(0) @Max(Page.MAX_SIZE) @Description("The last this many rows (before 'before', or of all), at most 100.") Integer last,
            @Name("before") @Description("Cursor of the row to end before.") String before) {
        var page = Page.of("companies/name", first, after, last, before);
        var selection = Selections.of(context);
        var agreements = below.selectedUnder(selection, true);
        var found = companies.page(kind == null ? null : kind.name(), nameContains, page, Selections.countsRows(selection), agreements);
        agreements.ifPresent(asked -> asked.handOver(context, found.agreements()));
        return Connection.of(found.total(), found.rows(), page);
    }

    @Query("search")
    @Description("Full-text search over the names and aliases of companies, products and people; best matches first.")
    public List<SearchHit> search(@NonNull @Name("text") @Size(min = 1, max = 200) String text,
            @Name("first") @DefaultValue("10") @Min(1) @Max(Page.MAX_SIZE) int first,
            @Name("knownAsOf") @Description("Transaction time: only what the graph held at this moment (names and aliases "
                    + "are today's; a company merged away since is not found); default: now.") OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description("A graph revision (extensions.revision.number of an earlier response): only what "
                    + "the graph held when that revision was written.") Integer knownAt) {
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        var terms = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        var query = new StringBuilder();
        for (var term : terms) {
            var escaped = LUCENE_SPECIAL.matcher(term).replaceAll("\\\\$1");
            if (!escaped.isBlank()) {
                query.append(query.isEmpty() ? "" : " AND ").append("(").append(escaped).append(" OR ").append(escaped).append("*)");
            }
        }
        if (query.isEmpty()) {
            throw new ApiErrors.BadArgument("text", "must contain a word");
        }
        return companies.search(query.toString(), first, moment);
    }

    @Query("timeline")
    @Description("What happened to a company's deals between two dates: announcements, starts, ends, amendments, statements.")
    public List<TimelineEvent> timeline(@NonNull @Name("company") String company,
            @Name("from") @Description("From this date; the beginning when absent.") LocalDate from,
            @Name("to") @Description("Up to this date; no end when absent.") LocalDate to,
            @Name("knownAsOf") @Description("Transaction time: the timeline as the graph held it at this moment (the company "
                    + "before later merges, the agreements, versions, amendments and statements then recorded); default: now.") OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description("A graph revision (extensions.revision.number of an earlier response): the "
                    + "timeline as the graph held it when that revision was written, the same answer every time.") Integer knownAt) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new ApiErrors.BadArgument("to", "must not be before 'from' (" + from + "), was " + to);
        }
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        return companies.timeline(company, from, to, moment).orElseThrow(() -> new ApiErrors.NotFound("company", company));
    }

    @Description("The parent company, for a subsidiary.")
    public List<Company> parent(@Source List<Company> children) {
        var ids = children.stream().map(Company::parentId).filter(Objects::nonNull).distinct().toList();
        var parents = ids.isEmpty() ? Map.<String, Company>of() : companies.byIds(ids);
        return children.stream().map(c -> c.parentId() == null ? null : parents.get(c.parentId())).toList();
    }

    @Description("Subsidiaries of this company.")
    public List<List<Company>> subsidiaries(@Source List<Company> parents) {
        var found = companies.subsidiaries(parents.stream().map(Company::id).distinct().toList());
        return parents.stream().map(c -> found.getOrDefault(c.id(), List.of())).toList();
    }

    @Description("Products and platforms this company offers.")
    public List<List<Product>> products(@Source List<Company> owners) {
        var found = companies.products(owners.stream().map(Company::id).distinct().toList());
        return owners.stream().map(c -> found.getOrDefault(c.id(), List.of())).toList();
    }
}
