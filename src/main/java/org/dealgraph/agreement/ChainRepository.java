package org.dealgraph.agreement;

import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.company.Company;
import org.dealgraph.database.Graph;
import org.neo4j.driver.Value;

/** The shortest chain of agreements (and parent–subsidiary links) between two companies. */
@ApplicationScoped
class ChainRepository {

    private static final String CONNECTION = """
            MATCH (x:Company {id: $from}), (y:Company {id: $to})
            MATCH path = shortestPath((x)-[:PARTY_TO|SUBSIDIARY_OF*..12]-(y))
            WHERE all(n IN nodes(path) WHERE n:Company OR n:Agreement)
            RETURN [c IN nodes(path) | CASE WHEN c:Company THEN {company: %s} ELSE null END] AS companies,
                   [a IN nodes(path) | CASE WHEN a:Agreement THEN {agreement: %s} ELSE null END] AS agreements,
                   [r IN relationships(path) | {type: type(r), role: r.role}] AS links""".formatted(Company.PROJECTION, Agreement.PROJECTION);

    private final Graph graph;

    ChainRepository(Graph graph) {
        this.graph = graph;
    }

    Optional<Chain> connection(String from, String to) {
        return graph.readOne(CONNECTION, Map.of("from", from, "to", to), r -> {
            var companies = r.get("companies").asList(v -> v.isNull() ? null : Company.from(v.get("company")));
            var agreements = r.get("agreements").asList(v -> v.isNull() ? null : Agreement.from(v.get("agreement")));
            var links = r.get("links").asList(v -> v);
            var steps = new ArrayList<Chain.Step>();
            for (int i = 0; i < companies.size(); i++) {
                if (companies.get(i) == null) {
                    continue;
                }
                Agreement via = null;
                Chain.Relation relation = null;
                PartyRole role = null;
                if (i + 1 < companies.size()) {
                    Value link = links.get(i);
                    relation = Chain.Relation.valueOf(link.get("type").asString());
                    role = link.get("role").isNull() ? null : PartyRole.valueOf(link.get("role").asString());
                    via = agreements.get(i + 1);
                }
                steps.add(new Chain.Step(companies.get(i), relation, role, via));
            }
            int hops = (int) agreements.stream().filter(Objects::nonNull).count();
            return new Chain(hops, steps);
        });
    }
}
