package org.dealgraph.source;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.api.Connection;
import org.dealgraph.api.Page;
import org.dealgraph.api.Selections;
import org.dealgraph.value.Confidence;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.Context;

@GraphQLApi
public class SourceResource {

    private final SourceRepository sources;
    private final Context context;

    SourceResource(SourceRepository sources, Context context) {
        this.sources = sources;
        this.context = context;
    }

    @Type("Citation")
    @Description("A fact node that cites a source: an agreement, role, statement or company.")
    public record Citation(@Description("Business id of the citing node.") String id,
            @Description("Agreement, Role, Statement or Company.") String label,
            @Description("Its title or summary.") String title,
            @Description("The confidence this source gives it.") Confidence confidence,
            @Description("The facts it supports; empty for all.") List<String> facts,
            @Description("A differing claim, if the source makes one.") String claim) {
    }

    @Query("source")
    @Description("One source by business id; null with a NOT_FOUND error when there is none.")
    public org.dealgraph.source.Source source(@NonNull @Id @Name("id") String id) {
        return sources.byId(id).orElseThrow(() -> new ApiErrors.NotFound("source", id));
    }

    @Query("sources")
    @Description("Sources, oldest first, filtered by publisher, publication date and the confidence they give facts.")
    public Connection<org.dealgraph.source.Source> sources(@Name("publisher") String publisher,
            @Name("publishedFrom") LocalDate publishedFrom, @Name("publishedTo") LocalDate publishedTo,
            @Name("confidence") @Description("Only sources that give some fact this confidence.") Confidence confidence,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) @Description("Page size, at most 100; default 20.") Integer first,
            @Name("after") @Description("Cursor of the row to continue after.") String after,
            @Name("last") @Min(0) @Max(Page.MAX_SIZE) @Description("The last this many rows (before 'before', or of all), at most 100.") Integer last,
            @Name("before") @Description("Cursor of the row to end before.") String before) {
        var page = Page.of("sources/published", first, after, last, before);
        var found = sources.page(publisher, publishedFrom, publishedTo, confidence, page, Selections.countsRows(Selections.of(context)));
        return Connection.of(found.total(), found.rows(), page);
    }

    @Description("The facts that cite this source as a Relay connection, by the citing fact's id: keyset cursors, "
            + "first/after and last/before, totalCount when asked. One statement per source.")
    public List<Connection<Citation>> citations(@Source List<org.dealgraph.source.Source> sources,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) @Description("Page size, at most 100; default 20.") Integer first,
            @Name("after") @Description("Cursor of the row to continue after.") String after,
            @Name("last") @Min(0) @Max(Page.MAX_SIZE) @Description("The last this many rows (before 'before', or of all), at most 100.") Integer last,
            @Name("before") @Description("Cursor of the row to end before.") String before) {
        var page = Page.of("citations/id", first, after, last, before);
        var counted = Selections.countsRows(Selections.of(context));
        var pages = new HashMap<String, Connection<Citation>>();
        for (var source : sources) {
            pages.computeIfAbsent(source.id(), id -> this.sources.citations(id, page, counted)
                    .map(found -> Connection.of(found.total(), found.rows(), page))
                    .orElseGet(() -> Connection.of(0, List.of(), page)));
        }
        return sources.stream().map(s -> pages.get(s.id())).toList();
    }

    @Description("The facts that cite this source (batched for a list of sources).")
    public List<List<Citation>> citedBy(@Source List<org.dealgraph.source.Source> sources) {
        var found = this.sources.citing(sources.stream().map(org.dealgraph.source.Source::id).distinct().toList());
        return sources.stream().map(s -> found.getOrDefault(s.id(), List.of())).toList();
    }
}
