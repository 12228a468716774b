package org.dealgraph.company;

import java.time.LocalDate;
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

    CompanyResource(CompanyRepository companies, BelowCompanies below, Context context) {
        this.companies = companies;
        this.below = below;
        this.context = context;
    }

    @Query("company")
    @Description("One company by business id (a company merged into another answers as that one); null with a NOT_FOUND error when there is none.")
    public Company company(@NonNull @Id @Name("id") String id) {
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
            @Name("first") @DefaultValue("10") @Min(1) @Max(Page.MAX_SIZE) int first) {
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
        return companies.search(query.toString(), first);
    }

    @Query("timeline")
    @Description("What happened to a company's deals between two dates: announcements, starts, ends, amendments, statements.")
    public List<TimelineEvent> timeline(@NonNull @Name("company") String company,
            @Name("from") @Description("From this date; the beginning when absent.") LocalDate from,
            @Name("to") @Description("Up to this date; no end when absent.") LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new ApiErrors.BadArgument("to", "must not be before 'from' (" + from + "), was " + to);
        }
        return companies.timeline(company, from, to).orElseThrow(() -> new ApiErrors.NotFound("company", company));
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
