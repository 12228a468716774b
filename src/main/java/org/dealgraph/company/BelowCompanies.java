package org.dealgraph.company;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Value;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.smallrye.graphql.api.Context;

/**
 * What a read of companies also reads below them, in the same statement, when the request selects it there (the
 * agreements under the companies of a page): asked of the package that owns those rows, which implements this, so
 * that companies need not know agreements.
 */
public interface BelowCompanies {

    /** What the selection asks below its companies (one company, or a connection's rows); empty when nothing or not one thing. */
    Optional<Asked> selectedUnder(DataFetchingFieldSelectionSet selection, boolean connection);

    /** One thing asked below the companies. */
    interface Asked {

        /** Cypher run after each company {@code c} is matched, binding the list {@code agreements} its row then carries. */
        String subquery();

        Map<String, Object> parameters();

        /** Hands the rows read (by company id) over to their own resolver, for this request only. */
        void handOver(Context context, Map<String, List<Value>> byCompany);
    }
}
