package org.dealgraph.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.api.EntityResolver;
import org.dealgraph.api.Node;
import org.dealgraph.company.Company;
import org.dealgraph.company.Product;
import org.dealgraph.person.Person;
import org.dealgraph.source.Source;

/**
 * The entities a supergraph asks this subgraph for ({@code _entities(representations:)}), each by its business id:
 * every representation of every type read in one statement ({@link NodeRepository#byIds}), answered in the order
 * asked; one whose id names nothing of its type is null.
 */
// Looked up by the subgraph's schema step (graphql/Subgraph), not injected.
@io.quarkus.arc.Unremovable
@ApplicationScoped
public class Entities implements EntityResolver {

    /** The Java type of each entity type. */
    private static final Map<String, Class<? extends Node>> CLASSES = Map.of("Company", Company.class, "Agreement", Agreement.class,
            "Person", Person.class, "Source", Source.class, "Product", Product.class);

    private final NodeRepository nodes;

    Entities(NodeRepository nodes) {
        this.nodes = nodes;
    }

    @Override
    public List<Node> resolve(List<Map<String, Object>> representations) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < representations.size(); i++) {
            var representation = representations.get(i);
            var type = representation.get("__typename");
            if (!(type instanceof String name) || !CLASSES.containsKey(name)) {
                throw new ApiErrors.BadArgument("representations[" + i + "].__typename", "must be one of " + TYPES
                        + ", was " + type);
            }
            if (!(representation.get("id") instanceof String id) || id.isBlank()) {
                throw new ApiErrors.BadArgument("representations[" + i + "].id", "must be the entity's id (its @key), was "
                        + representation.get("id"));
            }
            ids.add(id);
        }
        var found = nodes.byIds(ids.stream().distinct().toList());
        var answers = new ArrayList<Node>();
        for (int i = 0; i < representations.size(); i++) {
            var node = found.get(ids.get(i));
            answers.add(node != null && CLASSES.get((String) representations.get(i).get("__typename")).isInstance(node) ? node : null);
        }
        return answers;
    }

    @Override
    public String typeOf(Object entity) {
        return CLASSES.entrySet().stream().filter(e -> e.getValue().isInstance(entity)).map(Map.Entry::getKey).filter(Objects::nonNull)
                .findFirst().orElseThrow(() -> new IllegalStateException("not an entity: " + entity));
    }
}
