package org.dealgraph.agreement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.agreement.AgreementKind;
import org.dealgraph.agreement.PartyRole;
import org.dealgraph.value.Confidence;
import org.dealgraph.database.Graph;
import org.dealgraph.api.Page;
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
     */
    private static final String PAGE = """
            %s
            WITH a, %s AS sortKey
            ORDER BY sortKey %s, a.id
            WITH collect(a) AS matched
            WITH size(matched) AS total, matched[$skip..$end] AS page
            CALL (page) { UNWIND page AS a RETURN collect(%s) AS agreements }
            RETURN total, agreements""";

    private static final String TOTAL_VALUE = """
            coalesce(a.amountValue, 0.0) + reduce(sum = 0.0, x IN [(e:Agreement)-[:AMENDS {kind: 'EXPANSION'}]->(a) | coalesce(e.amountValue, 0.0)] | sum + x)""";

    private static final Map<String, String> PAGES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String pageQuery(Map<String, Object> params, AgreementOrder sort, boolean ascending, String projection) {
        var conditions = new java.util.ArrayList<String>();
        var match = "MATCH (a:Agreement)";
        if (params.get("party") != null) {
            match = "MATCH (:Company {id: $party})-[pp:PARTY_TO]->(a:Agreement)";
            if (params.get("role") != null) {
                conditions.add("pp.role = $role");
            }
        } else if (params.get("role") != null) {
            conditions.add("EXISTS { MATCH ()-[:PARTY_TO {role: $role}]->(a) }");
        }
        if (params.get("kinds") != null) {
            conditions.add("a.kind IN $kinds");
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
        var head = conditions.isEmpty() ? match : match + "\nWHERE " + String.join("\n  AND ", conditions);
        var shape = head + "|" + sort + "|" + ascending + "|" + projection;
        return PAGES.computeIfAbsent(shape, k -> PAGE.formatted(head, sort == AgreementOrder.TOTAL_VALUE ? TOTAL_VALUE : sort.key,
                ascending ? "ASC" : "DESC", projection));
    }

    private static final String FOR_COMPANIES = """
            UNWIND $ids AS companyId
            MATCH (party:Company {id: companyId})
            OPTIONAL MATCH (party)-[pp:PARTY_TO]->(a:Agreement)
            WHERE ($kinds IS NULL OR a.kind IN $kinds) AND ($role IS NULL OR pp.role = $role)
            WITH companyId, a ORDER BY a.announced, a.id
            RETURN companyId, collect(%s) AS agreements""";

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
    private static final Map<String, Map<String, String>> SHAPES = Map.of(BY_IDS, new java.util.concurrent.ConcurrentHashMap<>(),
            FOR_COMPANIES, new java.util.concurrent.ConcurrentHashMap<>());

    private static String shaped(String template, String projection) {
        return SHAPES.get(template).computeIfAbsent(projection, template::formatted);
    }

    public List<Agreement> byIds(List<String> ids) {
        return byIds(ids, Agreement.PROJECTION);
    }

    /** The agreements with these ids, in their order (null where there is none), read with the given projection. */
    List<Agreement> byIds(List<String> ids, String projection) {
        var found = graph.read(shaped(BY_IDS, projection), Map.of("ids", ids), r -> Agreement.from(r.get("agreement")));
        var byId = new HashMap<String, Agreement>();
        found.forEach(a -> byId.put(a.id(), a));
        return ids.stream().map(byId::get).toList();
    }

    record Found(long total, List<Agreement> agreements) {
    }

    Found page(AgreementFilter filter, AgreementOrder sort, boolean ascending, Page page, String projection) {
        var f = filter == null ? new AgreementFilter(null, null, null, null, null, null, null, null, null) : filter;
        var params = new HashMap<String, Object>();
        params.put("kinds", f.kinds() == null ? null : f.kinds().stream().map(Enum::name).toList());
        params.put("party", f.party());
        params.put("role", f.role() == null ? null : f.role().name());
        params.put("announcedFrom", f.announcedFrom());
        params.put("announcedTo", f.announcedTo());
        params.put("minAmount", f.minAmount() == null ? null : f.minAmount().doubleValue());
        params.put("maxAmount", f.maxAmount() == null ? null : f.maxAmount().doubleValue());
        params.put("currency", f.currency());
        params.put("confidences", f.minConfidence() == null ? null
                : java.util.Arrays.stream(Confidence.values()).filter(c -> c.ordinal() <= f.minConfidence().ordinal()).map(Enum::name).toList());
        params.put("skip", page.offset());
        params.put("end", page.offset() + page.limit());
        return graph.readOne(pageQuery(params, sort, ascending, projection), params,
                r -> new Found(r.get("total").asLong(), r.get("agreements").asList(Agreement::from))).orElseThrow();
    }

    public Map<String, List<Agreement>> forCompanies(List<String> companyIds, List<AgreementKind> kinds, PartyRole role) {
        return forCompanies(companyIds, kinds, role, Agreement.PROJECTION);
    }

    Map<String, List<Agreement>> forCompanies(List<String> companyIds, List<AgreementKind> kinds, PartyRole role, String projection) {
        var params = new HashMap<String, Object>();
        params.put("ids", companyIds);
        params.put("kinds", kinds == null ? null : kinds.stream().map(Enum::name).toList());
        params.put("role", role == null ? null : role.name());
        var result = new HashMap<String, List<Agreement>>();
        graph.read(shaped(FOR_COMPANIES, projection), params, r -> result.put(r.get("companyId").asString(),
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
