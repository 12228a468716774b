package org.dealgraph.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * A page of rows as a Relay connection, for every kind of row. SmallRye names each use after the row
 * ({@code Paged_Agreement}); the schema shows them by the Relay names, {@code AgreementConnection} and
 * {@code AgreementEdge} (see {@code http.FieldFetchers}).
 */
@Type("Paged")
@Description("A page of rows (Relay connection).")
public record Connection<N>(
        @Description("How many rows match, over all pages. Counted only when asked for: a page without it reads only its rows.") int totalCount,
        @NonNull @Description("The rows of this page with their cursors.") List<@NonNull Edge<N>> edges,
        @NonNull @Description("The rows of this page.") List<@NonNull N> nodes,
        @NonNull @Description("Where this page stands.") Page.PageInfo pageInfo) {

    @Type("PagedEdge")
    @Description("A row of a page with its cursor.")
    public record Edge<N>(@NonNull @Description("Where this row stands, to continue after (or before) it.") String cursor,
            @NonNull @Description("The row.") N node) {
    }

    /**
     * A page from rows read in the page's reading order (backwards when paging back), with one row more than the page
     * when more follow; {@code total} is -1 when not counted (and then not asked for).
     */
    public static <N> Connection<N> of(long total, List<Page.Row<N>> read, Page page) {
        var more = read.size() > page.size();
        var rows = new ArrayList<>(more ? read.subList(0, page.size()) : read);
        if (page.backward()) {
            Collections.reverse(rows);
        }
        var edges = new ArrayList<Edge<N>>();
        var nodes = new ArrayList<N>();
        for (var row : rows) {
            edges.add(new Edge<>(page.cursorOf(row), row.node()));
            nodes.add(row.node());
        }
        var given = page.cursor() != null;
        var info = new Page.PageInfo(page.backward() ? given : more, page.backward() ? more : given,
                edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
        return new Connection<>((int) Math.max(total, 0), edges, nodes, info);
    }
}
