package org.dealgraph.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.company.Company;
import org.dealgraph.company.Product;
import org.dealgraph.database.Graph;
import org.dealgraph.person.Person;
import org.dealgraph.source.Source;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.neo4j.driver.Value;

/** Relay's {@code node(id:)} and {@code nodes(ids:)}: any entity by its global id, in one statement. */
@GraphQLApi
public class NodeResource {

    /** Each label's look-up reads its own index; the business ids are unique over all of them (see DealPlanner). */
    private static final String BY_IDS = """
            UNWIND $ids AS id
            CALL (id) {
                MATCH (c:Company {id: id}) RETURN 'Company' AS label, %1$s AS node
              UNION ALL
                // A company merged into another answers as the survivor, as company(id:) does.
                MATCH (m:MergedCompany {id: id}) MATCH (c:Company {id: m.mergedInto}) RETURN 'Company' AS label, %1$s AS node
              UNION ALL
                MATCH (a:Agreement {id: id}) RETURN 'Agreement' AS label, %2$s AS node
              UNION ALL
                MATCH (person:Person {id: id}) RETURN 'Person' AS label, %3$s AS node
              UNION ALL
                MATCH (pr:Product {id: id}) RETURN 'Product' AS label, %4$s AS node
              UNION ALL
                MATCH (s:Source {id: id}) RETURN 'Source' AS label, %5$s AS node
              UNION ALL
                MATCH (st:Statement {id: id}) RETURN 'Statement' AS label, %6$s AS node
            }
            RETURN id, label, node""".formatted(Company.PROJECTION, Agreement.PROJECTION, Person.PROJECTION, Product.PROJECTION,
            Source.PROJECTION, Person.Statement.PROJECTION);

    private final Graph graph;

    NodeResource(Graph graph) {
        this.graph = graph;
    }

    @Query("node")
    @Description("Any entity by its global id (Relay); null with a NOT_FOUND error when there is none.")
    public Node node(@NonNull @Id @Name("id") String id) {
        var found = read(List.of(id)).get(id);
        if (found == null) {
            throw new ApiErrors.NotFound("node", id);
        }
        return found;
    }

    @Query("nodes")
    @Description("Entities by their global ids, in the order asked; null for an id that names none. At most 100.")
    public List<Node> nodes(@NonNull @Name("ids") @Size(max = 100) List<@NonNull String> ids) {
        var found = read(ids.stream().distinct().toList());
        return ids.stream().map(found::get).toList();
    }

    private Map<String, Node> read(List<String> ids) {
        var found = new HashMap<String, Node>();
        graph.read(BY_IDS, Map.of("ids", ids), r -> found.putIfAbsent(r.get("id").asString(), from(r.get("label").asString(), r.get("node"))));
        return found;
    }

    private static Node from(String label, Value node) {
        return switch (label) {
            case "Company" -> Company.from(node);
            case "Agreement" -> Agreement.from(node);
            case "Person" -> Person.from(node);
            case "Product" -> Product.from(node);
            case "Source" -> Source.from(node);
            default -> Person.Statement.from(node);
        };
    }
}
