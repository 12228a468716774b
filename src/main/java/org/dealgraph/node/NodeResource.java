package org.dealgraph.node;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.dealgraph.agreement.KnownAgreementRepository;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.api.Node;
import org.dealgraph.database.GraphRevision;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.graphql.api.Context;

/**
 * Relay's {@code node(id:)} and {@code nodes(ids:)}: any entity by its global id, in one statement; as known at a
 * moment, in two (agreements as then recorded, the rest as then held).
 */
@GraphQLApi
public class NodeResource {

    private static final String KNOWN_AS_OF = "Transaction time: as the graph held it at this moment (absent when recorded "
            + "later; an agreement as then recorded, other entities with today's fields; a company merged since as itself); default: now.";
    private static final String KNOWN_AT = "A graph revision (extensions.revision.number of an earlier response): as the graph "
            + "held it when that revision was written, the same answer every time.";

    private final NodeRepository nodes;
    private final KnownAgreementRepository known;
    private final GraphRevision revisions;
    private final Context context;

    NodeResource(NodeRepository nodes, KnownAgreementRepository known, GraphRevision revisions, Context context) {
        this.nodes = nodes;
        this.known = known;
        this.revisions = revisions;
        this.context = context;
    }

    @Query("node")
    @Description("Any entity by its global id (Relay); null with a NOT_FOUND error when there is none.")
    public Node node(@NonNull @Id @Name("id") String id,
            @Name("knownAsOf") @Description(KNOWN_AS_OF) OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        var found = byIds(List.of(id), knownAsOf, knownAt).get(id);
        if (found == null) {
            throw new ApiErrors.NotFound("node", id);
        }
        return found;
    }

    @Query("nodes")
    @Description("Entities by their global ids, in the order asked; null for an id that names none. At most 100.")
    public List<Node> nodes(@NonNull @Name("ids") @Size(max = 100) List<@NonNull String> ids,
            @Name("knownAsOf") @Description(KNOWN_AS_OF) OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description(KNOWN_AT) Integer knownAt) {
        var found = byIds(ids.stream().distinct().toList(), knownAsOf, knownAt);
        return ids.stream().map(found::get).toList();
    }

    private Map<String, Node> byIds(List<String> ids, OffsetDateTime knownAsOf, Integer knownAt) {
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        if (moment.isEmpty()) {
            return nodes.byIds(ids);
        }
        // Agreements as then recorded, the rest as then held: two statements, each over every id.
        var found = new java.util.HashMap<String, Node>(known.byIds(ids, moment.get()));
        nodes.byIdsAsKnown(ids, moment.get()).forEach(found::putIfAbsent);
        return found;
    }
}
