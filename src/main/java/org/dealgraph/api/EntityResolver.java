package org.dealgraph.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entities a supergraph may ask this service for by their keys (Apollo Federation's {@code _entities}): the schema
 * step that makes the subgraph (graphql/Subgraph) names them, the domain reads resolve them (node/Entities).
 */
public interface EntityResolver {

    /** The entity types, by GraphQL name, each keyed by its business id. */
    Set<String> TYPES = Set.of("Company", "Agreement", "Person", "Source", "Product");

    /** The entities of these representations ({@code __typename} and {@code id}), in order; null where none is of that type. */
    List<Node> resolve(List<Map<String, Object>> representations);

    /** The GraphQL type of an entity {@link #resolve} answered. */
    String typeOf(Object entity);
}
