package org.dealgraph.company;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.Page;
import org.dealgraph.database.Graph;
import org.dealgraph.database.KnownAt;
import org.dealgraph.value.ExternalIdScheme;
import org.dealgraph.database.Keyset;
import org.neo4j.driver.Value;

@ApplicationScoped
public class CompanyRepository {

    /**
     * Companies by id. In these queries {@code %2$s} reads each company's agreements when the request selects them
     * under the companies ({@link BelowCompanies}), in the same statement; it is empty otherwise.
     */
    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (c:Company {id: id})
            %2$s
            RETURN %1$s AS company""";

    /**
     * A page of companies by name, then id, from the cursor on ({@code %5$s}): only the page's rows (and one more) are
     * projected; {@code %3$s} is the filter, and a name filter reads the text index ({@code %4$s}).
     */
    private static final String PAGE = """
            CALL () {
                MATCH (c:Company)%4$s
                WHERE %3$s AND c.name IS NOT NULL AND %5$s
                RETURN c ORDER BY c.name %6$s, c.id %6$s
                LIMIT $take
            }
            %2$s
            RETURN collect({node: %1$s, key: c.name, id: c.id}) AS rows""";

    /** The same page with the count of all matches, in one statement. */
    private static final String COUNTED_PAGE = """
            CALL () {
                MATCH (c:Company)
                WHERE %3$s
                RETURN count(c) AS total
            }
            CALL () {
            """ + PAGE.indent(4) + """
            }
            RETURN total, rows""";

    private static final String SUBSIDIARIES = """
            UNWIND $ids AS id
            OPTIONAL MATCH (c:Company)-[:SUBSIDIARY_OF]->(:Company {id: id})
            WITH id, c ORDER BY c.name
            RETURN id, collect(%s) AS companies""".formatted(Company.PROJECTION);

    private static final String PRODUCTS = """
            UNWIND $ids AS id
            OPTIONAL MATCH (:Company {id: id})-[:OFFERS]->(pr:Product)
            WITH id, pr ORDER BY pr.name
            RETURN id, collect(%s) AS products""".formatted(Product.PROJECTION);

    private static final String SEARCH = """
            CALL db.index.fulltext.queryNodes('names', $query) YIELD node, score
            WITH node, score WHERE CASE WHEN $knownAsOf IS NULL THEN NOT node:MergedCompany
                ELSE node.firstRecordedAt <= $knownAsOf AND NOT EXISTS {
                    MATCH (x:Retraction {kind: 'COMPANY_MERGE'})-[:RETRACTS]->(node) WHERE x.at <= $knownAsOf AND (x.restoredAt IS NULL OR $knownAsOf < x.restoredAt) } END
            RETURN CASE WHEN node:Company OR node:MergedCompany THEN 'COMPANY' WHEN node:Product THEN 'PRODUCT' ELSE 'PERSON' END AS type,
                   node.id AS id, node.name AS name, score
            ORDER BY score DESC, name LIMIT $limit""";

    private static final String TIMELINE = """
            OPTIONAL MATCH (co:Company {id: $company})
            RETURN co IS NOT NULL AS found, COLLECT {
                CALL (co) {
                    MATCH (co)-[:PARTY_TO]->(a:Agreement)
                    UNWIND [['ANNOUNCED', a.announced, a.announcedPrecision, a.announcedApproximate],
                            ['EFFECTIVE', a.effectiveFrom, a.effectiveFromPrecision, a.effectiveFromApproximate],
                            ['ENDS', a.effectiveUntil, a.effectiveUntilPrecision, a.effectiveUntilApproximate]] AS ev
                    WITH a, ev WHERE ev[1] IS NOT NULL AND NOT (ev[0] = 'EFFECTIVE' AND ev[1] = a.announced)
                      AND ($from IS NULL OR ev[1] >= $from) AND ($to IS NULL OR ev[1] <= $to)
                    RETURN ev[0] AS kind, ev[1] AS date, ev[2] AS precision, ev[3] AS approximate, a.id AS agreementId,
                           null AS amendedId, null AS statementId, a.title AS title, a.summary AS summary
                    UNION
                    MATCH (co)-[:PARTY_TO]->(a:Agreement)<-[r:AMENDS]-(b:Agreement)
                    WHERE ($from IS NULL OR r.effective >= $from) AND ($to IS NULL OR r.effective <= $to)
                    RETURN r.kind AS kind, r.effective AS date, r.effectivePrecision AS precision, r.effectiveApproximate AS approximate,
                           b.id AS agreementId, a.id AS amendedId, null AS statementId, b.title AS title, r.summary AS summary
                    UNION
                    MATCH (co)<-[:AT]-(:Role)<-[:HOLDS]-(speaker:Person)-[:MADE]->(st:Statement)
                    WHERE ($from IS NULL OR st.date >= $from) AND ($to IS NULL OR st.date <= $to)
                    RETURN 'STATEMENT' AS kind, st.date AS date, st.datePrecision AS precision, st.dateApproximate AS approximate,
                           null AS agreementId, null AS amendedId, st.id AS statementId, speaker.name AS title, st.summary AS summary
                }
                WITH * ORDER BY date, kind, agreementId, amendedId, statementId
                RETURN {kind: kind, date: date, precision: precision, approximate: approximate, agreementId: agreementId,
                        amendedId: amendedId, statementId: statementId, title: title, summary: summary}
            } AS events""";

    /** Whether agreement {@code version} of {@code a}, reached through link {@code pt} of {@code holder}, had {@code co} as a party at {@code knownAt}. */
    private static final String PARTY_THEN = """
            CASE WHEN version:Revision AND version.parties IS NOT NULL
                 THEN any(p IN version.parties WHERE split(p, ' ')[0] = co.id)
                 ELSE %s = co END""".formatted(KnownAt.companyOf("pt", "holder"));

    /**
     * The timeline as the graph held it at {@code knownAt}: the company as then (before a later merge, absent if
     * recorded later), its agreements then held with the dates their version of then gave, the amendments then held,
     * each with its fields as the amending agreement's version of then gave them, and the statements then recorded of
     * people holding a role at it.
     */
    private static final String TIMELINE_KNOWN = """
            WITH $knownAsOf AS knownAt
            OPTIONAL MATCH (co:Company|MergedCompany {id: $company}) WHERE %1$s
            WITH co, knownAt
            RETURN co IS NOT NULL AS found, COLLECT {
                CALL (co, knownAt) {
                    MATCH (holder:Company)-[pt:PARTY_TO]->(a) WHERE holder.id IN [co.id, co.mergedInto] AND %2$s
                    WITH co, holder, pt, a, knownAt, %3$s AS version
                    WHERE %4$s
                    UNWIND [['ANNOUNCED', version.announced, version.announcedPrecision, version.announcedApproximate],
                            ['EFFECTIVE', version.effectiveFrom, version.effectiveFromPrecision, version.effectiveFromApproximate],
                            ['ENDS', version.effectiveUntil, version.effectiveUntilPrecision, version.effectiveUntilApproximate]] AS ev
                    WITH a, version, ev WHERE ev[1] IS NOT NULL AND NOT (ev[0] = 'EFFECTIVE' AND ev[1] = version.announced)
                      AND ($from IS NULL OR ev[1] >= $from) AND ($to IS NULL OR ev[1] <= $to)
                    RETURN ev[0] AS kind, ev[1] AS date, ev[2] AS precision, ev[3] AS approximate, a.id AS agreementId,
                           null AS amendedId, null AS statementId, version.title AS title, version.summary AS summary
                    UNION
                    MATCH (holder:Company)-[pt:PARTY_TO]->(a) WHERE holder.id IN [co.id, co.mergedInto] AND %2$s
                    WITH co, holder, pt, a, knownAt, %3$s AS version
                    WHERE %4$s
                    UNWIND %5$s AS amended
                    WITH a, knownAt, amended.link AS r, amended.other AS b
                    WHERE ($from IS NULL OR r.effective >= $from) AND ($to IS NULL OR r.effective <= $to)
                    RETURN r.kind AS kind, r.effective AS date, r.effectivePrecision AS precision, r.effectiveApproximate AS approximate,
                           b.id AS agreementId, a.id AS amendedId, null AS statementId, [bv IN [%6$s] | bv.title][0] AS title, r.summary AS summary
                    UNION
                    MATCH (holder:Company)<-[at:AT]-(:Role)<-[:HOLDS]-(speaker:Person)-[:MADE]->(st:Statement)
                    WHERE holder.id IN [co.id, co.mergedInto] AND %7$s = co AND st.firstRecordedAt <= knownAt
                      AND ($from IS NULL OR st.date >= $from) AND ($to IS NULL OR st.date <= $to)
                    RETURN 'STATEMENT' AS kind, st.date AS date, st.datePrecision AS precision, st.dateApproximate AS approximate,
                           null AS agreementId, null AS amendedId, st.id AS statementId, speaker.name AS title, st.summary AS summary
                }
                WITH * ORDER BY date, kind, agreementId, amendedId, statementId
                RETURN {kind: kind, date: date, precision: precision, approximate: approximate, agreementId: agreementId,
                        amendedId: amendedId, statementId: statementId, title: title, summary: summary}
            } AS events""".formatted(KnownAt.held("co", "Company|MergedCompany", "COMPANY_MERGE"),
            KnownAt.held("a", "Agreement|RetractedAgreement", "AGREEMENT"), KnownAt.versionOf("a"), PARTY_THEN,
            KnownAt.amendedBy("a", "{link: r, other: other}"), KnownAt.versionOf("b"), KnownAt.companyOf("at", "holder"));


    private static final Map<String, String> QUERIES = new ConcurrentHashMap<>();

    private static final String MERGED_INTO = """
            MATCH (m:MergedCompany {id: $id})
            RETURN m.mergedInto AS survivor""";

    /** The companies (two or more only by a curator's mistake) carrying an external id; a statement per scheme, each its index's. */
    List<String> idsOf(ExternalIdScheme scheme, String value) {
        return graph.read(QUERIES.computeIfAbsent("external:" + scheme, k -> "MATCH (c:Company {" + scheme.property + ": $value}) RETURN c.id AS id ORDER BY id"),
                Map.of("value", value), r -> r.get("id").asString());
    }

    /**
     * The company named by {@code id} (a variable or parameter) as the graph held it at {@code $knownAsOf}, as
     * {@code c}, a subquery body of at most one row: recorded by then; merged since, as itself; merged by then, as its
     * survivor. Its fields are today's. {@code node(s)} reads companies as known through it too.
     */
    public static String knownAs(String id) {
        return """
                MATCH (c:Company {id: %1$s}) WHERE c.firstRecordedAt <= $knownAsOf RETURN c
              UNION ALL
                MATCH (c:MergedCompany {id: %1$s}) WHERE c.firstRecordedAt <= $knownAsOf
                  AND EXISTS { MATCH (x:Retraction {kind: 'COMPANY_MERGE'})-[:RETRACTS]->(c) WHERE x.at > $knownAsOf }
                RETURN c
              UNION ALL
                MATCH (m:MergedCompany {id: %1$s}) WHERE m.firstRecordedAt <= $knownAsOf
                  AND NOT EXISTS { MATCH (x:Retraction {kind: 'COMPANY_MERGE'})-[:RETRACTS]->(m) WHERE x.at > $knownAsOf }
                MATCH (c:Company {id: m.mergedInto}) RETURN c""".formatted(id);
    }

    private static final String AS_KNOWN = """
            CALL () {
            %s
            }
            RETURN %s AS company LIMIT 1""".formatted(knownAs("$id").indent(4).stripTrailing(), Company.PROJECTION);

    Optional<Company> asKnown(String id, OffsetDateTime knownAsOf) {
        return graph.readOne(AS_KNOWN, Map.of("id", id, "knownAsOf", knownAsOf), r -> Company.from(r.get("company")));
    }

    private static final String BY_IDS_AS_KNOWN = """
            UNWIND $ids AS id
            CALL (id) {
            %s
            }
            RETURN id, %s AS company""".formatted(knownAs("id").indent(4).stripTrailing(), Company.PROJECTION);

    /** As {@link #asKnown}, for many ids at once: each id the graph held at {@code knownAsOf}, with the company it answered as. */
    public Map<String, Company> asKnown(List<String> ids, OffsetDateTime knownAsOf) {
        var found = new java.util.LinkedHashMap<String, Company>();
        graph.read(BY_IDS_AS_KNOWN, Map.of("ids", ids, "knownAsOf", knownAsOf),
                r -> found.putIfAbsent(r.get("id").asString(), Company.from(r.get("company"))));
        return found;
    }

    /** The company a merged one now answers as. */
    public Optional<String> mergedInto(String id) {
        return graph.readOne(MERGED_INTO, Map.of("id", id), r -> r.get("survivor").asString());
    }

    private final Graph graph;

    CompanyRepository(Graph graph) {
        this.graph = graph;
    }

    public Map<String, Company> byIds(List<String> ids) {
        return byIds(ids, Optional.empty()).companies().stream().collect(Collectors.toMap(Company::id, c -> c));
    }

    /** Companies by id, and the agreements asked under them, when asked. */
    Found byIds(List<String> ids, Optional<BelowCompanies.Asked> agreements) {
        var params = new HashMap<String, Object>();
        agreements.ifPresent(asked -> params.putAll(asked.parameters()));
        params.put("ids", ids);
        var read = new Read(agreements);
        graph.read(read.query(BY_IDS, ""), params, r -> read.row(r.get("company")));
        return read.found(-1);
    }

    /** A page as read (one row more when more follow), with the agreements asked under its companies; {@code total} is -1 when not counted. */
    Found page(String kind, String name, Page page, boolean counted, Optional<BelowCompanies.Asked> agreements) {
        var params = new HashMap<String, Object>(page.parameters());
        agreements.ifPresent(asked -> params.putAll(asked.parameters()));
        params.put("kind", kind);
        params.put("name", name);
        var conditions = new ArrayList<String>(List.of("true"));
        if (kind != null) {
            conditions.add("$kind IN c.kinds");
        }
        if (name != null) {
            conditions.add("c.nameKey CONTAINS toLower($name)");
        }
        var filter = String.join(" AND ", conditions);
        var read = new Read(agreements);
        // No range index on the name: with one, Neo4j 5.26's planner fails ("insertCachedProperties") on this page's
        // projection once it reads companies in name order. Without a name filter the page is a top-k of all companies.
        var hint = name == null ? "" : " USING TEXT INDEX c:Company(nameKey)";
        var query = read.query(counted ? COUNTED_PAGE : PAGE, filter, hint, Keyset.where(page, "c.name", "c.id", true), Keyset.direction(page, true));
        var total = graph.readOne(query, params, r -> {
            r.get("rows").asList(v -> read.row(v.get("node"), v.get("key").asObject(), v.get("id").asString()));
            return counted ? r.get("total").asLong() : -1L;
        }).orElseThrow();
        return read.found(total);
    }

    /** Companies found, with their agreements when these were read with them (by company id). */
    record Found(long total, List<Page.Row<Company>> rows, Map<String, List<Value>> agreements) {
        List<Company> companies() {
            return rows.stream().map(Page.Row::node).toList();
        }
    }

    /** The rows of one read: companies, and their agreements when asked. */
    private static final class Read {
        private final Optional<BelowCompanies.Asked> agreements;
        private final List<Page.Row<Company>> rows = new ArrayList<>();
        private final Map<String, List<Value>> byCompany = new HashMap<>();

        Read(Optional<BelowCompanies.Asked> agreements) {
            this.agreements = agreements;
        }

        String query(String template, Object... rest) {
            var args = new ArrayList<Object>(List.of(agreements.isPresent() ? Company.WITH_AGREEMENTS : Company.PROJECTION,
                    agreements.map(BelowCompanies.Asked::subquery).orElse("")));
            args.addAll(List.of(rest));
            return QUERIES.computeIfAbsent(template + args, k -> template.formatted(args.toArray()));
        }

        Company row(Value v) {
            return row(v, null, null);
        }

        Company row(Value v, Object key, String id) {
            var company = Company.from(v);
            rows.add(new Page.Row<>(company, key, id == null ? company.id() : id));
            if (agreements.isPresent()) {
                byCompany.put(company.id(), v.get("agreements").asList(x -> x));
            }
            return company;
        }

        Found found(long total) {
            return new Found(total, List.copyOf(rows), byCompany);
        }
    }

    Map<String, List<Company>> subsidiaries(List<String> ids) {
        var result = new HashMap<String, List<Company>>();
        graph.read(SUBSIDIARIES, Map.of("ids", ids), r -> result.put(r.get("id").asString(), r.get("companies").asList(Company::from)));
        return result;
    }

    Map<String, List<Product>> products(List<String> ids) {
        var result = new HashMap<String, List<Product>>();
        graph.read(PRODUCTS, Map.of("ids", ids), r -> result.put(r.get("id").asString(), r.get("products").asList(Product::from)));
        return result;
    }

    List<SearchHit> search(String luceneQuery, int limit, Optional<OffsetDateTime> knownAsOf) {
        var params = new HashMap<String, Object>();
        params.put("query", luceneQuery);
        params.put("limit", limit);
        params.put("knownAsOf", knownAsOf.orElse(null));
        return graph.read(SEARCH, params, r -> new SearchHit(
                SearchHit.Type.valueOf(r.get("type").asString()), r.get("id").asString(), r.get("name").asString(), r.get("score").asDouble()));
    }

    /** The company's events in one query; empty when there is no such company. */
    Optional<List<TimelineEvent>> timeline(String company, LocalDate from, LocalDate to, Optional<OffsetDateTime> knownAsOf) {
        var params = new HashMap<String, Object>();
        params.put("company", company);
        params.put("from", from);
        params.put("to", to);
        knownAsOf.ifPresent(moment -> params.put("knownAsOf", moment));
        return graph.readOne(knownAsOf.isPresent() ? TIMELINE_KNOWN : TIMELINE, params, r -> r.get("found").asBoolean()
                ? Optional.of(r.get("events").asList(TimelineEvent::from)) : Optional.<List<TimelineEvent>>empty())
                .orElseThrow();
    }
}
