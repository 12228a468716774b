package org.dealgraph.api;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import io.smallrye.graphql.api.Context;

/** What the current GraphQL field selects, so that a resolver reads only what is asked for. */
public final class Selections {

    private Selections() {
    }

    /** The selection of the field being resolved; null (read everything) when it is not known. */
    public static DataFetchingFieldSelectionSet of(Context context) {
        try {
            return context.unwrap(DataFetchingEnvironment.class).getSelectionSet();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether a connection's {@code totalCount} is asked for (true when the selection is not known). */
    public static boolean countsRows(DataFetchingFieldSelectionSet selection) {
        return selection == null || selection.contains("totalCount");
    }
}
