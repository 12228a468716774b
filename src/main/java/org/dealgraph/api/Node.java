package org.dealgraph.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Relay's object identification: every entity a client caches has a global id and can be fetched again by it with
 * {@code node(id:)}. The global id is the business id, which the load path keeps unique over all these labels.
 */
@Interface("Node")
@Description("An entity with a global id: companies, agreements, people, products, sources and statements. "
        + "Fetch any of them again with node(id:) or nodes(ids:).")
public interface Node {

    /** The business id: the record component every entity has. */
    String id();

    /** The same, as the interface's GraphQL field (SmallRye reads an interface's fields from its getters). */
    @NonNull
    @Id
    @Description("Global id: the business id, a stable slug unique over all entities.")
    default String getId() {
        return id();
    }
}
