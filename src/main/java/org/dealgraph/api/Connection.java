package org.dealgraph.api;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/**
 * A page of rows as a Relay connection, for every kind of row. SmallRye names each use after the row
 * ({@code Paged_Agreement}); the schema shows them by the Relay names, {@code AgreementConnection} and
 * {@code AgreementEdge} (see {@code http.FieldFetchers}).
 */
@Type("Paged")
@Description("A page of rows (Relay connection).")
public record Connection<N>(
        @Description("How many rows match, over all pages. Counted only when asked for: a page without it reads only its rows.") long totalCount,
        @Description("The rows of this page with their cursors.") List<Edge<N>> edges,
        @Description("The rows of this page.") List<N> nodes,
        @Description("Where this page stands.") Page.PageInfo pageInfo) {

    @Type("PagedEdge")
    @Description("A row of a page with its cursor.")
    public record Edge<N>(@Description("Where this row stands, to continue after it.") String cursor,
            @Description("The row.") N node) {
    }

    public static <N> Connection<N> of(long total, List<N> rows, Page page) {
        return of(total, rows, page, page.offset() + rows.size() < total);
    }

    /** A page whose rows were read with one more, to know whether another page follows; {@code total} may be -1 (not counted). */
    public static <N> Connection<N> of(long total, List<N> rows, Page page, boolean hasNext) {
        var edges = new ArrayList<Edge<N>>();
        for (int i = 0; i < rows.size(); i++) {
            edges.add(new Edge<>(page.cursor(i), rows.get(i)));
        }
        return new Connection<>(total, edges, rows, page.info(hasNext, rows.size()));
    }
}
