package org.dealgraph.agreement;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.deal.Vocabulary.AgreementKind;
import org.dealgraph.deal.Vocabulary.PartyRole;
import org.dealgraph.graph.Confidence;
import org.dealgraph.graph.Graph;
import org.dealgraph.graph.Page;
import org.neo4j.driver.Value;

@ApplicationScoped
class AgreementRepository {

    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (a:Agreement {id: id})
            RETURN %s AS agreement""".formatted(Agreement.PROJECTION);

    private static final String PAGE = """
            MATCH (a:Agreement)
            WHERE ($kinds IS NULL OR a.kind IN $kinds)
              AND ($party IS NULL OR EXISTS { MATCH (:Company {id: $party})-[pp:PARTY_TO]->(a) WHERE $role IS NULL OR pp.role = $role })
              AND ($role IS NULL OR $party IS NOT NULL OR EXISTS { MATCH ()-[pp:PARTY_TO {role: $role}]->(a) })
              AND ($announcedFrom IS NULL OR a.announced >= $announcedFrom)
              AND ($announcedTo IS NULL OR a.announced <= $announcedTo)
              AND ($minAmount IS NULL OR a.amountValue >= $minAmount)
              AND ($maxAmount IS NULL OR a.amountValue <= $maxAmount)
              AND ($currency IS NULL OR a.amountCurrency = $currency)
              AND ($confidences IS NULL OR EXISTS { MATCH (a)-[sb:SOURCED_BY]->() WHERE sb.confidence IN $confidences })
            WITH a, %s AS totalValue
            ORDER BY %s %s, a.id
            WITH collect(a) AS matched
            RETURN size(matched) AS total, [a IN matched[$skip..$end] | %s] AS agreements""";

    private static final String TOTAL_VALUE = """
            coalesce(a.amountValue, 0.0) + reduce(sum = 0.0, x IN [(e:Agreement)-[:AMENDS {kind: 'EXPANSION'}]->(a) | coalesce(e.amountValue, 0.0)] | sum + x)""";

    private static final Map<AgreementOrder, Map<Boolean, String>> PAGES = new EnumMap<>(AgreementOrder.class);

    static {
        for (var sort : AgreementOrder.values()) {
            // The derived total costs a pattern look-up per matching row: computed only when it is the sort key.
            var total = sort == AgreementOrder.TOTAL_VALUE ? TOTAL_VALUE : "null";
            PAGES.put(sort, Map.of(true, PAGE.formatted(total, sort.key, "ASC", Agreement.PROJECTION),
                    false, PAGE.formatted(total, sort.key, "DESC", Agreement.PROJECTION)));
        }
    }

    private static final String FOR_COMPANIES = """
            UNWIND $ids AS companyId
            MATCH (party:Company {id: companyId})
            OPTIONAL MATCH (party)-[pp:PARTY_TO]->(a:Agreement)
            WHERE ($kinds IS NULL OR a.kind IN $kinds) AND ($role IS NULL OR pp.role = $role)
            WITH companyId, a ORDER BY a.announced, a.id
            RETURN companyId, collect(%s) AS agreements""".formatted(Agreement.PROJECTION);

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

    List<Agreement> byIds(List<String> ids) {
        var found = graph.read(BY_IDS, Map.of("ids", ids), r -> Agreement.from(r.get("agreement")));
        var byId = new HashMap<String, Agreement>();
        found.forEach(a -> byId.put(a.id(), a));
        return ids.stream().map(byId::get).toList();
    }

    record Found(long total, List<Agreement> agreements) {
    }

    Found page(AgreementFilter filter, AgreementOrder sort, boolean ascending, Page page) {
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
        return graph.readOne(PAGES.get(sort).get(ascending), params,
                r -> new Found(r.get("total").asLong(), r.get("agreements").asList(Agreement::from))).orElseThrow();
    }

    Map<String, List<Agreement>> forCompanies(List<String> companyIds, List<AgreementKind> kinds, PartyRole role) {
        var params = new HashMap<String, Object>();
        params.put("ids", companyIds);
        params.put("kinds", kinds == null ? null : kinds.stream().map(Enum::name).toList());
        params.put("role", role == null ? null : role.name());
        var result = new HashMap<String, List<Agreement>>();
        graph.read(FOR_COMPANIES, params, r -> result.put(r.get("companyId").asString(),
                r.get("agreements").asList((Value v) -> Agreement.from(v))));
        return result;
    }

    /** Agreements of the given kinds where {@code company} has one of {@code roles}, optionally with given counterparties. */
    List<Agreement> involving(String company, List<AgreementKind> kinds, List<PartyRole> roles, List<String> counterparties,
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
