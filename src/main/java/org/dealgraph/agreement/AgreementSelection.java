package org.dealgraph.agreement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.dealgraph.company.Company;
import org.dealgraph.source.SourceClaim;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;

/**
 * The Cypher projection of an agreement {@code a} that reads only what a GraphQL selection asks for: the properties
 * behind the fields selected, and the lists (parties, products, tranches, sources) only when selected. Any field it
 * does not know (amendments, history, every derived fact, a field added later) gets the full
 * {@link Agreement#PROJECTION}, so a lean projection can never leave out what a resolver reads.
 */
final class AgreementSelection {

    /** GraphQL field of Agreement → the node properties {@link Agreement#from} reads for it. */
    private static final Map<String, List<String>> PROPERTIES = Map.ofEntries(
            Map.entry("id", List.of()), Map.entry("kind", List.of()), Map.entry("title", List.of()),
            Map.entry("__typename", List.of()),
            Map.entry("summary", List.of("summary")),
            Map.entry("announced", Agreement.dateProperties("announced")),
            Map.entry("effectiveFrom", Agreement.dateProperties("effectiveFrom")),
            Map.entry("effectiveUntil", Agreement.dateProperties("effectiveUntil")),
            Map.entry("termYears", List.of("termYears")),
            Map.entry("money", Agreement.moneyProperties("amount")), Map.entry("cap", Agreement.moneyProperties("cap")),
            Map.entry("exclusive", List.of("exclusive")), Map.entry("primary", List.of("primary")),
            Map.entry("firstRelease", List.of("firstRelease")), Map.entry("anyCloud", List.of("anyCloud")),
            Map.entry("scope", List.of("scope")), Map.entry("ratePercent", List.of("ratePercent")),
            Map.entry("stakePercent", List.of("stakePercent")), Map.entry("stakeApproximate", List.of("stakePercentApproximate")),
            Map.entry("binding", List.of("binding")), Map.entry("conditions", List.of("conditions")));

    /** Company fields answered from its id and name alone (the rest are batched resolvers keyed by id). */
    private static final List<String> COMPANY_BY_ID = List.of("id", "name", "__typename", "agreements", "subsidiaries",
            "products", "invested", "raised");

    private static final Map<String, String> PROJECTIONS = new ConcurrentHashMap<>();

    private AgreementSelection() {
    }

    /** The projection for the agreement fields selected; the full one when {@code selection} is unknown. */
    static String projection(DataFetchingFieldSelectionSet selection) {
        return selection == null ? Agreement.PROJECTION : projection(selection.getImmediateFields());
    }

    /** For a connection: the agreement fields selected under {@code nodes} and {@code edges { node }}. */
    static String projectionOfConnection(DataFetchingFieldSelectionSet selection) {
        if (selection == null) {
            return Agreement.PROJECTION;
        }
        var fields = new ArrayList<SelectedField>();
        for (var field : selection.getImmediateFields()) {
            if (field.getName().equals("nodes")) {
                fields.addAll(field.getSelectionSet().getImmediateFields());
            } else if (field.getName().equals("edges")) {
                field.getSelectionSet().getImmediateFields().stream().filter(f -> f.getName().equals("node"))
                        .forEach(node -> fields.addAll(node.getSelectionSet().getImmediateFields()));
            }
        }
        return projection(fields);
    }

    private static String projection(List<SelectedField> fields) {
        var needs = new TreeSet<String>();
        for (var field : fields) {
            var name = field.getName();
            var properties = PROPERTIES.get(name);
            if (properties != null) {
                needs.addAll(properties);
            } else if (name.equals("parties")) {
                needs.add(field.getSelectionSet().getImmediateFields().stream()
                        .filter(f -> f.getName().equals("company"))
                        .flatMap(f -> f.getSelectionSet().getImmediateFields().stream())
                        .allMatch(f -> COMPANY_BY_ID.contains(f.getName())) ? "[parties]" : "[parties+]");
            } else if (name.equals("products") || name.equals("tranches") || name.equals("sources")) {
                needs.add("[" + name + "]");
            } else {
                return Agreement.PROJECTION;
            }
        }
        if (needs.contains("[parties+]")) {
            needs.remove("[parties]");
        }
        return PROJECTIONS.computeIfAbsent(String.join(",", needs), key -> build(needs));
    }

    private static String build(TreeSet<String> needs) {
        var parts = new ArrayList<String>(List.of(".id", ".kind", ".title"));
        needs.stream().filter(n -> !n.startsWith("[")).map(n -> "." + n).forEach(parts::add);
        var parties = needs.contains("[parties+]") ? Company.PROJECTION : needs.contains("[parties]") ? "c {.id, .name}" : null;
        parts.add("parties: " + (parties == null ? "[]" : Agreement.parties(parties)));
        parts.add("products: " + (needs.contains("[products]") ? Agreement.PRODUCTS : "[]"));
        parts.add("tranches: " + (needs.contains("[tranches]") ? Agreement.TRANCHES : "[]"));
        parts.add("sources: " + (needs.contains("[sources]") ? SourceClaim.of("a") : "[]"));
        parts.add("amends: [], amendedBy: [], history: []");
        return "a {" + String.join(", ", parts) + "}";
    }
}
