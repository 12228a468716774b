package org.dealgraph.agreement;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.company.Company;
import org.dealgraph.company.CompanyRepository;
import org.dealgraph.database.Graph;
import org.dealgraph.database.KnownAt;
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

    /** The longest chain looked for, in links (an agreement is two: company to agreement, agreement to company). */
    private static final int MAX_LINKS = 12;

    /**
     * One step of a search as known at {@code $knownAsOf}: the agreements held then that had a company of
     * {@code $frontier} among their parties as their version of then lists them (linked to it today, to the company it
     * was merged into since, or named by a revision replaced since), with those parties; and the parent–subsidiary links
     * of the frontier's companies, each end as it was before merges made since.
     */
    private static final String STEP_AS_KNOWN = """
            CALL () {
                UNWIND $frontier AS fid
                MATCH (c {id: fid}) WHERE c:Company OR c:MergedCompany
                MATCH (holder:Company)-[:PARTY_TO]->(a) WHERE holder.id IN [c.id, c.mergedInto]
                RETURN a
              UNION
                MATCH (rv:Revision) WHERE rv.replacedAt > $knownAsOf AND any(p IN rv.parties WHERE split(p, ' ')[0] IN $frontier)
                MATCH (a)-[:HAD_REVISION]->(rv)
                RETURN a
            }
            UNWIND [$knownAsOf] AS knownAt
            WITH a, knownAt WHERE %1$s
            WITH a, knownAt, %2$s AS version
            WITH a, %3$s AS parties
            WHERE any(p IN parties WHERE p.company IN $frontier)
            RETURN a.id AS agreement, [p IN parties | p.company] AS companies, [p IN parties | p.role] AS roles
            UNION ALL
            UNWIND [$knownAsOf] AS knownAt
            UNWIND $frontier AS fid
            MATCH (c {id: fid}) WHERE c:Company OR c:MergedCompany
            CALL (c) {
                UNWIND [$knownAsOf] AS knownAt
                MATCH (c)-[s:SUBSIDIARY_OF]->(holder)
                RETURN %4$s AS other
              UNION
                UNWIND [$knownAsOf] AS knownAt
                MATCH (other)-[s:SUBSIDIARY_OF]->(holder:Company) WHERE holder.id IN [c.id, c.mergedInto] AND %5$s = c
                RETURN other
            }
            WITH fid, other, knownAt WHERE other.firstRecordedAt <= knownAt
              AND (other:Company OR EXISTS { MATCH (x:Retraction {kind: 'COMPANY_MERGE'})-[:RETRACTS]->(other) WHERE x.at > knownAt })
            RETURN null AS agreement, [fid, other.id] AS companies, null AS roles"""
            .formatted(KnownAgreementRepository.known("a"), KnownAt.versionOf("a"), KnownAt.partyIds("a", "version"),
                    KnownAt.companyOf("s", "holder"), KnownAt.companyOf("s", "holder"));

    private final Graph graph;
    private final CompanyRepository companies;
    private final KnownAgreementRepository known;

    ChainRepository(Graph graph, CompanyRepository companies, KnownAgreementRepository known) {
        this.graph = graph;
        this.companies = companies;
        this.known = known;
    }

    /** How a company was reached: from which company, through which agreement (null for a parent–subsidiary link). */
    private record Reached(int links, String from, String fromRole, String agreement) {
    }

    /**
     * The shortest chain between two companies as the graph held it at {@code knownAsOf} (companies as then, before
     * merges made since, agreements as their versions of then), or empty when there was none within twelve links. A
     * breadth-first search, one statement per distance: {@code shortestPath} cannot follow a chain through a company
     * merged since, whose links now sit on its survivor. Of several shortest chains, the first found in order of
     * agreement ids, the same every time.
     */
    Optional<Chain> connection(String from, String to, OffsetDateTime knownAsOf) {
        var reached = new HashMap<String, Reached>();
        reached.put(from, new Reached(0, null, null, null));
        var levels = new TreeMap<Integer, TreeSet<String>>();
        levels.computeIfAbsent(0, k -> new TreeSet<>()).add(from);
        var seenAgreements = new HashSet<String>();
        while (!levels.isEmpty()) {
            var level = levels.pollFirstEntry();
            int links = level.getKey();
            if (reached.containsKey(to) && reached.get(to).links() <= links || links >= MAX_LINKS) {
                break;
            }
            var frontier = level.getValue().stream().filter(id -> reached.get(id).links() == links).toList();
            var rows = new ArrayList<>(graph.read(STEP_AS_KNOWN, Map.of("frontier", frontier, "knownAsOf", knownAsOf),
                    r -> new StepRow(r.get("agreement").isNull() ? null : r.get("agreement").asString(), r.get("companies").asList(v -> v.asString()),
                            r.get("roles").isNull() ? null : r.get("roles").asList(v -> v.asString()))));
            rows.sort(Comparator.comparing((StepRow row) -> row.agreement() == null ? "" : row.agreement()).thenComparing(row -> row.companies().toString()));
            for (var row : rows) {
                if (row.agreement() == null) {
                    offer(reached, levels, row.companies().get(1), new Reached(links + 1, row.companies().get(0), null, null));
                    continue;
                }
                if (!seenAgreements.add(row.agreement())) {
                    continue;
                }
                for (int i = 0; i < row.companies().size(); i++) {
                    var at = row.companies().get(i);
                    if (!frontier.contains(at)) {
                        continue;
                    }
                    for (int j = 0; j < row.companies().size(); j++) {
                        if (links + 2 <= MAX_LINKS) {
                            offer(reached, levels, row.companies().get(j), new Reached(links + 2, at, row.roles().get(i), row.agreement()));
                        }
                    }
                }
            }
        }
        if (!reached.containsKey(to)) {
            return Optional.empty();
        }
        var order = new ArrayList<String>();
        for (var at = to; at != null; at = reached.get(at).from()) {
            order.add(0, at);
        }
        var agreementIds = order.stream().map(id -> reached.get(id).agreement()).filter(Objects::nonNull).toList();
        var projected = companies.asKnown(order, knownAsOf);
        var agreements = agreementIds.isEmpty() ? Map.<String, Agreement>of() : known.byIds(agreementIds, knownAsOf);
        var steps = new ArrayList<Chain.Step>();
        for (int i = 0; i < order.size(); i++) {
            var next = i + 1 < order.size() ? reached.get(order.get(i + 1)) : null;
            steps.add(next == null ? new Chain.Step(projected.get(order.get(i)), null, null, null)
                    : next.agreement() == null ? new Chain.Step(projected.get(order.get(i)), Chain.Relation.SUBSIDIARY_OF, null, null)
                    : new Chain.Step(projected.get(order.get(i)), Chain.Relation.PARTY_TO, PartyRole.valueOf(next.fromRole()),
                            agreements.get(next.agreement())));
        }
        return Optional.of(new Chain(agreementIds.size(), steps));
    }

    private record StepRow(String agreement, List<String> companies, List<String> roles) {
    }

    private static void offer(Map<String, Reached> reached, TreeMap<Integer, TreeSet<String>> levels, String company, Reached how) {
        var before = reached.get(company);
        if (before == null || how.links() < before.links()) {
            reached.put(company, how);
            levels.computeIfAbsent(how.links(), k -> new TreeSet<>()).add(company);
        }
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
