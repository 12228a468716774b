package org.dealgraph.agreement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.Page;
import org.dealgraph.database.Graph;
import org.dealgraph.database.Keyset;
import org.dealgraph.value.Confidence;
import org.neo4j.driver.Value;

@ApplicationScoped
public class AgreementRepository {

    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (a:Agreement {id: id})
            RETURN %s AS agreement""";

    /**
     * The page query is assembled from fixed fragments for the filters actually given, so that the planner can seek
     * an index (kind, announced, amount, or the party's id) instead of scanning every agreement for
     * "$x IS NULL OR ..." predicates. Values always travel as parameters; each shape is built once and cached.
     * Agreements without a value of the sort key come after those with one, in either direction; ties by id.
     * <p>
     * A page reads only its rows: those with a sort key in the key's index order, from the cursor on (the planner
     * seeks the range index and stops after {@code $take} rows), then, when the page is not full, those without one.
     * Read backwards ({@code last/before}), the same in reverse.
     */
    private static final String INDEXED_PAGE = """
            CALL () {
            %1$s
            }
            WITH a LIMIT $take
            RETURN collect({node: %2$s, key: %3$s, id: a.id}) AS rows""";

    private static final String WITH_KEY = """
            %1$s
              AND %2$s
            WITH a ORDER BY %3$s%4$s %5$s, a.id %6$s
            LIMIT $take
            RETURN a""";

    private static final String WITHOUT_KEY = """
            %1$s
              AND %2$s
            WITH a ORDER BY a.id %3$s
            LIMIT $take
            RETURN a""";

    /** An aggregate sort key no index holds: the page keeps the Top of its matches, without a full sort. */
    private static final String DERIVED_PAGE = """
            %1$s
            WITH a, %2$s AS sortKey
            WHERE %3$s
            ORDER BY sortKey IS NULL %4$s, sortKey %5$s, a.id %6$s
            LIMIT $take
            RETURN collect({node: %7$s, key: sortKey, id: a.id}) AS rows""";

    /**
     * With a count: the matches are counted (from the count store when nothing is filtered), and the page is still
     * read as without one — counting is what a total costs, sorting every match is not. One statement, so both see
     * the same graph.
     */
    private static final String COUNTED = """
            CALL () {
                %1$s
                RETURN count(a) AS total
            }
            CALL () {
            %2$s
            }
            RETURN total, rows""";

    private static final String TOTAL_VALUE = """
            coalesce(a.amountValue, 0.0) + reduce(sum = 0.0, x IN [(e:Agreement)-[:AMENDS {kind: 'EXPANSION'}]->(a) | coalesce(e.amountValue, 0.0)] | sum + x)""";

    private static final Map<String, String> PAGES = new ConcurrentHashMap<>();

    private static String pageQuery(Map<String, Object> params, AgreementOrder sort, boolean ascending, Page page,
            String projection, boolean counted) {
        var conditions = new ArrayList<String>();
        var start = "MATCH (a:Agreement)";
        if (params.get("party") != null) {
            start = "MATCH (:Company {id: $party})-[pp:PARTY_TO]->(a:Agreement)";
            if (params.get("role") != null) {
                conditions.add("pp.role = $role");
            }
        } else if (params.get("role") != null) {
            conditions.add("EXISTS { MATCH ()-[:PARTY_TO {role: $role}]->(a) }");
        }
        var kinds = (List<?>) params.get("kinds");
        if (kinds != null) {
            // One kind is an equality, which lets the (kind, sort key) indexes give the page in order.
            conditions.add(kinds.size() == 1 ? "a.kind = $kind" : "a.kind IN $kinds");
        }
        if (params.get("announcedFrom") != null) {
            conditions.add("a.announced >= $announcedFrom");
        }
        if (params.get("announcedTo") != null) {
            conditions.add("a.announced <= $announcedTo");
        }
        if (params.get("minAmount") != null) {
            conditions.add("a.amountValue >= $minAmount");
        }
        if (params.get("maxAmount") != null) {
            conditions.add("a.amountValue <= $maxAmount");
        }
        if (params.get("currency") != null) {
            conditions.add("a.amountCurrency = $currency");
        }
        if (params.get("confidences") != null) {
            conditions.add("EXISTS { MATCH (a)-[sb:SOURCED_BY]->() WHERE sb.confidence IN $confidences }");
        }
        conditions.add(0, "true");
        var match = start;
        var where = "\nWHERE " + String.join("\n  AND ", conditions);
        var plain = match + where;
        var cursorShape = page.cursor() == null ? "none" : page.cursor().key() == null ? "null" : "key";
        var shape = plain + "|" + sort + "|" + ascending + "|" + counted + "|" + page.backward() + "|" + cursorShape + "|" + projection;
        return PAGES.computeIfAbsent(shape, k -> {
            String rows;
            if (sort == AgreementOrder.TOTAL_VALUE) {
                rows = DERIVED_PAGE.formatted(plain, TOTAL_VALUE, Keyset.where(page, "sortKey", "a.id", ascending),
                        page.backward() ? "DESC" : "ASC", Keyset.direction(page, ascending), Keyset.idDirection(page), projection);
            } else {
                // Without a party to start from, the rows with a sort key are read from its index, in order, whatever the
                // statistics say: a page then stops after its rows instead of sorting every match.
                // Without a party to start from, the rows with a sort key are read from its index, in order, whatever the
                // statistics say: a page then stops after its rows instead of sorting every match.
                var hint = params.get("party") != null ? ""
                        : kinds != null && kinds.size() == 1 ? " USING INDEX SEEK a:Agreement(kind, " + sort.property() + ")"
                        : " USING INDEX a:Agreement(" + sort.property() + ")";
                // Under one kind, ordering by the kind first (a constant) lets the composite index give the order.
                var prefix = hint.contains("(kind, ") ? "a.kind " + Keyset.direction(page, ascending) + ", " : "";
                var branches = new ArrayList<String>();
                for (var segment : Keyset.segments(page, sort.key, "a.id", ascending)) {
                    branches.add(segment.keyed()
                            ? WITH_KEY.formatted(match + hint + where, segment.condition(), prefix, sort.key, Keyset.direction(page, ascending), Keyset.idDirection(page))
                            : WITHOUT_KEY.formatted(plain, segment.condition(), Keyset.idDirection(page)));
                }
                var union = String.join("\nUNION ALL\n", branches).indent(4).stripTrailing();
                rows = INDEXED_PAGE.formatted(union, projection, sort.key);
            }
            return counted ? COUNTED.formatted(plain.indent(4).stripTrailing(), rows.indent(4).stripTrailing()) : rows;
        });
    }

    /** Each company's agreements, oldest first; only the first {@code $first} of each are projected. */
    private static final String FOR_COMPANIES = """
            UNWIND $ids AS companyId
            MATCH (c:Company {id: companyId})
            %s
            RETURN companyId, agreements""";

    private static final String INVOLVING = """
            MATCH (party:Company {id: $company})-[pp:PARTY_TO]->(a:Agreement)
            WHERE a.kind IN $kinds AND pp.role IN $roles
              AND ($counterparties IS NULL OR EXISTS {
                    MATCH (other:Company)-[op:PARTY_TO]->(a) WHERE other.id IN $counterparties AND op.role IN $counterpartyRoles })
            WITH DISTINCT a ORDER BY a.announced, a.id
            RETURN %s AS agreement""".formatted(Agreement.PROJECTION);

    private final Graph graph;

    AgreementRepository(Graph graph) {
        this.graph = graph;
    }

    /** Queries by template and projection: a handful of shapes, each formatted once. */
    private static final Map<String, Map<String, String>> SHAPES = Map.of(BY_IDS, new ConcurrentHashMap<>(),
            FOR_COMPANIES, new ConcurrentHashMap<>());

    private static String shaped(String template, String projection) {
        return SHAPES.get(template).computeIfAbsent(projection, template::formatted);
    }

    public List<Agreement> byIds(List<String> ids) {
        return byIds(ids, Agreement.PROJECTION);
    }

    /** The agreements with these ids, in their order (null where there is none), read with the given projection. */
    public List<Agreement> byIds(List<String> ids, String projection) {
        var found = graph.read(shaped(BY_IDS, projection), Map.of("ids", ids), r -> Agreement.from(r.get("agreement")));
        var byId = new HashMap<String, Agreement>();
        found.forEach(a -> byId.put(a.id(), a));
        return ids.stream().map(byId::get).toList();
    }


    /** A page's Cypher and its parameters. */
    record PageQuery(String cypher, Map<String, Object> parameters) {
    }

    static PageQuery pageQuery(AgreementFilter filter, AgreementOrder sort, boolean ascending, Page page, String projection,
            boolean counted) {
        var params = pageParameters(filter, page);
        return new PageQuery(pageQuery(params, sort, ascending, page, projection, counted), params);
    }

    /** A page's parameters: the filter's values (null where not given) and the page's. */
    static Map<String, Object> pageParameters(AgreementFilter filter, Page page) {
        var f = filter == null ? new AgreementFilter(null, null, null, null, null, null, null, null, null) : filter;
        var params = new HashMap<String, Object>(page.parameters());
        params.put("kinds", f.kinds() == null ? null : f.kinds().stream().map(Enum::name).toList());
        params.put("kind", f.kinds() == null || f.kinds().isEmpty() ? null : f.kinds().get(0).name());
        params.put("party", f.party());
        params.put("role", f.role() == null ? null : f.role().name());
        params.put("announcedFrom", f.announcedFrom());
        params.put("announcedTo", f.announcedTo());
        params.put("minAmount", f.minAmount() == null ? null : f.minAmount().doubleValue());
        params.put("maxAmount", f.maxAmount() == null ? null : f.maxAmount().doubleValue());
        params.put("currency", f.currency());
        params.put("confidences", f.minConfidence() == null ? null
                : Arrays.stream(Confidence.values()).filter(c -> c.ordinal() <= f.minConfidence().ordinal()).map(Enum::name).toList());
        return params;
    }

    /** A page; the matches are counted only when {@code counted}, otherwise only the page's rows (and one more) are read. */
    Page.Rows<Agreement> page(AgreementFilter filter, AgreementOrder sort, boolean ascending, Page page, String projection, boolean counted) {
        var query = pageQuery(filter, sort, ascending, page, projection, counted);
        return graph.readOne(query.cypher(), query.parameters(), r -> new Page.Rows<>(counted ? r.get("total").asLong() : -1,
                r.get("rows").asList(v -> new Page.Row<>(Agreement.from(v.get("node")), v.get("key").asObject(), v.get("id").asString()))))
                .orElseThrow();
    }

    public Map<String, List<Agreement>> forCompanies(List<String> companyIds, List<AgreementKind> kinds, PartyRole role) {
        return forCompanies(companyIds, kinds, role, null, Agreement.PROJECTION);
    }

    /** Each company's agreements, oldest first: the first {@code first} of them, all when null. */
    Map<String, List<Agreement>> forCompanies(List<String> companyIds, List<AgreementKind> kinds, PartyRole role, Integer first,
            String projection) {
        return forCompanies(companyIds, CompanyAgreements.asked(kinds, role, first, projection));
    }

    Map<String, List<Agreement>> forCompanies(List<String> companyIds, CompanyAgreements asked) {
        var params = asked.parameters();
        params.put("ids", companyIds);
        var result = new HashMap<String, List<Agreement>>();
        graph.read(shaped(FOR_COMPANIES, asked.subquery()), params, r -> result.put(r.get("companyId").asString(),
                r.get("agreements").asList((Value v) -> Agreement.from(v))));
        return result;
    }

    /** Agreements of the given kinds where {@code company} has one of {@code roles}, optionally with given counterparties. */
    public List<Agreement> involving(String company, List<AgreementKind> kinds, List<PartyRole> roles, List<String> counterparties,
            List<PartyRole> counterpartyRoles) {
        var params = new HashMap<String, Object>();
        params.put("company", company);
        params.put("kinds", kinds.stream().map(Enum::name).toList());
        params.put("roles", roles.stream().map(Enum::name).toList());
        params.put("counterparties", counterparties);
        params.put("counterpartyRoles", counterpartyRoles.stream().map(Enum::name).toList());
        return graph.read(INVOLVING, params, r -> Agreement.from(r.get("agreement")));
    }
}
