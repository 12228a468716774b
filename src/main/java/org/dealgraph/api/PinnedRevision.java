package org.dealgraph.api;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;

/**
 * The graph revision a resolver answered from when a read is pinned to one ({@code knownAt}): kept in the request's
 * GraphQL context, where the response's {@code extensions.revision} is written from.
 */
public record PinnedRevision(String epoch, long number) {

    public static final String KEY = "dealgraph.pinned-revision";

    /** This request's answer comes from that revision. */
    public static void pin(Context context, String epoch, long number) {
        context.unwrap(DataFetchingEnvironment.class).getGraphQlContext().put(KEY, new PinnedRevision(epoch, number));
    }
}
