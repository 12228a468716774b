package org.dealgraph.agreement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.dealgraph.api.Selections;
import org.dealgraph.company.Company;
import org.dealgraph.database.MapProjection;
import org.dealgraph.database.MapProjection.Computed;
import org.dealgraph.database.MapProjection.Entry;
import org.dealgraph.database.MapProjection.Property;
import org.dealgraph.source.SourceClaim;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;

/**
 * The Cypher projection of an agreement {@code a} that reads only what a GraphQL selection asks for: the properties
 * behind the fields selected (from the catalogue of terms), and the lists (parties, products, tranches, sources) only
 * when selected. Any field it does not know (amendments, history, every derived fact, a field added later) gets the
 * full {@link Agreement#PROJECTION}, so a lean projection can never leave out what a resolver reads.
 */
public final class AgreementSelection {

    /** GraphQL field of Agreement → the node properties {@link Agreement#from} reads for it. */
    private static final Map<String, List<String>> PROPERTIES = properties();

    /** Company fields answered from its id and name alone (the rest are batched resolvers keyed by id). */
    private static final List<String> COMPANY_BY_ID = List.of("id", "name", "__typename", "agreements", "subsidiaries",
            "products", "invested", "raised", "valuation");

    private static final Map<String, String> PROJECTIONS = new ConcurrentHashMap<>();

    private enum Need {
        PARTIES, PARTIES_WITH_COMPANIES, PRODUCTS, TRANCHES
    }

    private AgreementSelection() {
    }

    private static Map<String, List<String>> properties() {
        var properties = new HashMap<String, List<String>>();
        for (var field : List.of("id", "kind", "title", "__typename")) {
            properties.put(field, List.of());
        }
        properties.put("summary", List.of("summary"));
        for (var term : Term.values()) {
            properties.put(term.field(), term.properties());
        }
        properties.put("stakeApproximate", Term.STAKE_PERCENT.properties());
        properties.put("recorded", List.of("recordedAt", "recordedFrom", "recordedBy"));
        return Map.copyOf(properties);
    }

    /** The projection for the agreement fields selected; the full one when {@code selection} is unknown. */
    public static String projection(DataFetchingFieldSelectionSet selection) {
        return selection == null ? Agreement.PROJECTION : projection(selection.getImmediateFields());
    }

    /** For a connection: the agreement fields selected under {@code nodes} and {@code edges { node }}. */
    static String projectionOfConnection(DataFetchingFieldSelectionSet selection) {
        if (selection == null) {
            return Agreement.PROJECTION;
        }
        return projection(Selections.rowFields(selection));
    }

    private static String projection(List<SelectedField> fields) {
        var properties = new TreeSet<String>();
        var needs = new TreeSet<Need>();
        var sources = "[]";
        for (var field : fields) {
            var name = field.getName();
            var known = PROPERTIES.get(name);
            if (known != null) {
                properties.addAll(known);
            } else if (name.equals("parties")) {
                needs.add(field.getSelectionSet().getImmediateFields().stream()
                        .filter(f -> f.getName().equals("company"))
                        .flatMap(f -> f.getSelectionSet().getImmediateFields().stream())
                        .allMatch(f -> COMPANY_BY_ID.contains(f.getName())) ? Need.PARTIES : Need.PARTIES_WITH_COMPANIES);
            } else if (name.equals("sources")) {
                var claimFields = names(field.getSelectionSet().getImmediateFields());
                var sourceFields = field.getSelectionSet().getImmediateFields().stream().filter(f -> f.getName().equals("source"))
                        .flatMap(f -> f.getSelectionSet().getImmediateFields().stream()).map(SelectedField::getName).toList();
                sources = SourceClaim.of("a", claimFields, sourceFields);
            } else if (name.equals("products") || name.equals("tranches")) {
                needs.add(Need.valueOf(name.toUpperCase(Locale.ROOT)));
            } else {
                return Agreement.PROJECTION;
            }
        }
        if (needs.contains(Need.PARTIES_WITH_COMPANIES)) {
            needs.remove(Need.PARTIES);
        }
        var claims = sources;
        return PROJECTIONS.computeIfAbsent(properties + "" + needs + claims, key -> build(properties, needs, claims));
    }

    private static List<String> names(List<SelectedField> fields) {
        return fields.stream().map(SelectedField::getName).toList();
    }

    private static String build(TreeSet<String> properties, TreeSet<Need> needs, String sources) {
        var entries = new ArrayList<Entry>(List.of(new Property("id"), new Property("kind"), new Property("title")));
        properties.forEach(p -> entries.add(new Property(p)));
        var parties = needs.contains(Need.PARTIES_WITH_COMPANIES) ? Company.PROJECTION
                : needs.contains(Need.PARTIES) ? "c {.id, .name}" : null;
        entries.add(new Computed("parties", parties == null ? "[]" : Agreement.parties(parties)));
        entries.add(new Computed("products", needs.contains(Need.PRODUCTS) ? Agreement.PRODUCTS : "[]"));
        entries.add(new Computed("tranches", needs.contains(Need.TRANCHES) ? Agreement.TRANCHES : "[]"));
        entries.add(new Computed("sources", sources));
        for (var empty : List.of("amends", "amendedBy", "history")) {
            entries.add(new Computed(empty, "[]"));
        }
        return new MapProjection("a", entries).cypher();
    }
}
