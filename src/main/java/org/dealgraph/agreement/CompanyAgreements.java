package org.dealgraph.agreement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.dealgraph.api.Page;
import org.dealgraph.api.Selections;
import org.dealgraph.company.BelowCompanies;
import org.neo4j.driver.Value;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import io.smallrye.graphql.api.Context;

/**
 * A company's agreements, oldest first, as {@code Company.agreements(kinds, role, first)} answers them. The Cypher
 * that reads them for a company {@code c} is here once: the batched resolver runs it for the companies of a level,
 * and a query that reads companies (one by id, a page) runs it in its own statement when the request selects
 * {@code agreements} under them, handing the rows over to the resolver for this request — so that
 * {@code company → agreements → parties → sources} is one Cypher statement, not two.
 */
public record CompanyAgreements(List<String> kinds, String role, Integer first, String projection) implements BelowCompanies.Asked {

    /**
     * Cypher for the agreements of company {@code c}, as {@code agreements}; its parameters are {@link #parameters()}.
     * The company enters the subquery under another name: the projections use {@code c} for every party.
     */
    static final String SUBQUERY = """
            WITH *, c AS holder
            CALL (holder) {
                MATCH (holder)-[pp:PARTY_TO]->(a:Agreement)
                WHERE ($agreementKinds IS NULL OR a.kind IN $agreementKinds) AND ($agreementRole IS NULL OR pp.role = $agreementRole)
                WITH a ORDER BY a.announced, a.id
                LIMIT $agreementFirst
                RETURN collect(%s) AS agreements
            }""";

    private static final Map<String, String> SUBQUERIES = new ConcurrentHashMap<>();

    private static final String HANDED_OVER = CompanyAgreements.class.getName();

    /** As the resolver's arguments give them. */
    static CompanyAgreements asked(List<AgreementKind> kinds, PartyRole role, Integer first, String projection) {
        return new CompanyAgreements(kinds == null ? null : kinds.stream().map(Enum::name).toList(), role == null ? null : role.name(),
                first, projection);
    }

    /** The Cypher that reads them for company {@code c}. */
    @Override
    public String subquery() {
        return SUBQUERIES.computeIfAbsent(projection, SUBQUERY::formatted);
    }

    @Override
    public Map<String, Object> parameters() {
        var parameters = new HashMap<String, Object>();
        parameters.put("agreementKinds", kinds);
        parameters.put("agreementRole", role);
        parameters.put("agreementFirst", first == null ? Page.MAX_SIZE : first);
        return parameters;
    }

    /**
     * The agreements the request selects under the companies of {@code selection} (one company, or a connection's
     * {@code nodes} and {@code edges { node }}), when every {@code agreements} field there asks the same; empty when
     * none does, or when they differ (aliases with other arguments), and the resolver reads them itself.
     */
    public static Optional<BelowCompanies.Asked> selectedUnder(DataFetchingFieldSelectionSet selection, boolean connection) {
        if (selection == null) {
            return Optional.empty();
        }
        var companyFields = connection ? Selections.rowFields(selection) : selection.getImmediateFields();
        var asked = companyFields.stream().filter(f -> f.getName().equals("agreements")).map(CompanyAgreements::of).distinct().toList();
        return asked.size() == 1 ? asked.get(0).map(BelowCompanies.Asked.class::cast) : Optional.empty();
    }

    private static Optional<CompanyAgreements> of(SelectedField field) {
        var arguments = field.getArguments();
        var first = arguments.get("first");
        if (first != null && !(first instanceof Integer size && size >= 0 && size <= Page.MAX_SIZE)) {
            return Optional.empty(); // refused by the resolver's own validation: nothing to read ahead
        }
        var kinds = arguments.get("kinds") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : null;
        var role = arguments.get("role") == null ? null : String.valueOf(arguments.get("role"));
        return Optional.of(new CompanyAgreements(kinds, role, (Integer) first, AgreementSelection.projection(field.getSelectionSet())));
    }

    /** Hands the agreements read for these companies (by company id) over to the resolver, for this request only. */
    @Override
    public void handOver(Context context, Map<String, List<Value>> rows) {
        var byCompany = new HashMap<String, List<Agreement>>();
        rows.forEach((company, agreements) -> byCompany.put(company, agreements.stream().map(Agreement::from).toList()));
        graphQLContext(context).ifPresent(graphql -> handedOver(graphql).merge(this, Map.copyOf(byCompany), (a, b) -> {
            var both = new HashMap<>(a);
            both.putAll(b);
            return Map.copyOf(both);
        }));
    }

    /** What was handed over for these companies with these arguments; empty when any of them was not. */
    static Optional<Map<String, List<Agreement>>> handedOver(Context context, CompanyAgreements asked, List<String> companyIds) {
        return graphQLContext(context).map(graphql -> handedOver(graphql).get(asked))
                .filter(found -> found.keySet().containsAll(companyIds));
    }

    private static Map<CompanyAgreements, Map<String, List<Agreement>>> handedOver(GraphQLContext graphql) {
        return graphql.computeIfAbsent(HANDED_OVER, key -> new ConcurrentHashMap<CompanyAgreements, Map<String, List<Agreement>>>());
    }

    private static Optional<GraphQLContext> graphQLContext(Context context) {
        try {
            return Optional.ofNullable(context.unwrap(DataFetchingEnvironment.class).getGraphQlContext());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
