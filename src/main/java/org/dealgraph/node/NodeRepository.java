package org.dealgraph.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.api.Node;
import org.dealgraph.company.Company;
import org.dealgraph.company.CompanyRepository;
import org.dealgraph.company.Product;
import org.dealgraph.database.Graph;
import org.dealgraph.person.Person;
import org.dealgraph.source.Source;
import org.neo4j.driver.Value;

/** Any entity by its global id, in one statement over every label's own index. */
@ApplicationScoped
class NodeRepository {

    /** Each label's look-up reads its own index; the business ids are unique over all of them (see DealPlanner). */
    private static final String BY_IDS = """
            UNWIND $ids AS id
            CALL (id) {
                MATCH (c:Company {id: id}) RETURN 'Company' AS label, {{company}} AS node
              UNION ALL
                // A company merged into another answers as the survivor, as company(id:) does.
                MATCH (m:MergedCompany {id: id}) MATCH (c:Company {id: m.mergedInto}) RETURN 'Company' AS label, {{company}} AS node
              UNION ALL
                MATCH (a:Agreement {id: id}) RETURN 'Agreement' AS label, {{agreement}} AS node
              UNION ALL
                MATCH (person:Person {id: id}) RETURN 'Person' AS label, {{person}} AS node
              UNION ALL
                MATCH (pr:Product {id: id}) RETURN 'Product' AS label, {{product}} AS node
              UNION ALL
                MATCH (s:Source {id: id}) RETURN 'Source' AS label, {{source}} AS node
              UNION ALL
                MATCH (st:Statement {id: id}) RETURN 'Statement' AS label, {{statement}} AS node
            }
            RETURN id, label, node"""
            .replace("{{company}}", Company.PROJECTION).replace("{{agreement}}", Agreement.PROJECTION)
            .replace("{{person}}", Person.PROJECTION).replace("{{product}}", Product.PROJECTION)
            .replace("{{source}}", Source.PROJECTION).replace("{{statement}}", Person.Statement.PROJECTION);

    /**
     * Every entity but agreements as the graph held it at {@code $knownAsOf}: recorded by then; a company merged since
     * answers as itself, one merged by then as its survivor. Their fields are today's (agreements as known are
     * KnownAgreementRepository's).
     */
    private static final String BY_IDS_AS_KNOWN = """
            UNWIND $ids AS id
            CALL (id) {
                CALL (id) {
            {{knownCompany}}
                }
                RETURN 'Company' AS label, {{company}} AS node
              UNION ALL
                MATCH (person:Person {id: id}) WHERE person.firstRecordedAt <= $knownAsOf RETURN 'Person' AS label, {{person}} AS node
              UNION ALL
                MATCH (pr:Product {id: id}) WHERE pr.firstRecordedAt <= $knownAsOf RETURN 'Product' AS label, {{product}} AS node
              UNION ALL
                MATCH (s:Source {id: id}) WHERE s.firstRecordedAt <= $knownAsOf RETURN 'Source' AS label, {{source}} AS node
              UNION ALL
                MATCH (st:Statement {id: id}) WHERE st.firstRecordedAt <= $knownAsOf RETURN 'Statement' AS label, {{statement}} AS node
            }
            RETURN id, label, node"""
            .replace("{{knownCompany}}", CompanyRepository.knownAs("id").indent(8).stripTrailing())
            .replace("{{company}}", Company.PROJECTION)
            .replace("{{person}}", Person.PROJECTION).replace("{{product}}", Product.PROJECTION)
            .replace("{{source}}", Source.PROJECTION).replace("{{statement}}", Person.Statement.PROJECTION);

    private final Graph graph;

    NodeRepository(Graph graph) {
        this.graph = graph;
    }

    /** The entities of these ids, by id (a merged company under its own id, answering as the survivor). */
    Map<String, Node> byIds(List<String> ids) {
        var found = new HashMap<String, Node>();
        graph.read(BY_IDS, Map.of("ids", ids), r -> found.putIfAbsent(r.get("id").asString(), from(r.get("label").asString(), r.get("node"))));
        return found;
    }

    /** The entities of these ids other than agreements, as the graph held them at {@code knownAsOf}, by id. */
    Map<String, Node> byIdsAsKnown(List<String> ids, java.time.OffsetDateTime knownAsOf) {
        var found = new HashMap<String, Node>();
        graph.read(BY_IDS_AS_KNOWN, Map.of("ids", ids, "knownAsOf", knownAsOf),
                r -> found.putIfAbsent(r.get("id").asString(), from(r.get("label").asString(), r.get("node"))));
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
