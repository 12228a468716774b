package org.dealgraph.node;

import java.util.List;

import jakarta.validation.constraints.Size;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.api.Node;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Relay's {@code node(id:)} and {@code nodes(ids:)}: any entity by its global id, in one statement. */
@GraphQLApi
public class NodeResource {

    private final NodeRepository nodes;

    NodeResource(NodeRepository nodes) {
        this.nodes = nodes;
    }

    @Query("node")
    @Description("Any entity by its global id (Relay); null with a NOT_FOUND error when there is none.")
    public Node node(@NonNull @Id @Name("id") String id) {
        var found = nodes.byIds(List.of(id)).get(id);
        if (found == null) {
            throw new ApiErrors.NotFound("node", id);
        }
        return found;
    }

    @Query("nodes")
    @Description("Entities by their global ids, in the order asked; null for an id that names none. At most 100.")
    public List<Node> nodes(@NonNull @Name("ids") @Size(max = 100) List<@NonNull String> ids) {
        var found = nodes.byIds(ids.stream().distinct().toList());
        return ids.stream().map(found::get).toList();
    }
}
