package org.dealgraph.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.dealgraph.api.Node;
import org.dealgraph.database.MapProjection;
import org.dealgraph.value.DateValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.neo4j.driver.Value;

@Type("Source")
@Description("Where a fact was stated: an article, a filing, a press release.")
public record Source(
        @NonNull @Id @Description("Business id, a stable slug.") String id,
        @Description("Absolute URL of the source.") String url,
        @Description("Who published it.") String publisher,
        @Description("When it was published.") DateValue published,
        @Description("When it was read for this graph, where recorded.") DateValue retrieved,
        @Description("What the curator noted about it.") String note) implements Node {

    public static final String PROJECTION = "s {.*}";

    /** GraphQL field of Source → the node properties {@link #from} reads for it; the rest need only the id. */
    private static final Map<String, List<String>> PROPERTIES = Map.of(
            "url", List.of("url"),
            "publisher", List.of("publisher"),
            "published", List.of("published", "publishedPrecision", "publishedApproximate"),
            "retrieved", List.of("retrieved", "retrievedPrecision"),
            "note", List.of("note"));

    /** Source fields answered from the id alone: the id itself and resolvers batched by source. */
    private static final Set<String> BY_ID = Set.of("id", "__typename", "citedBy");

    /** The projection of source {@code s} for the fields selected: only their properties; all of them for a field it does not know. */
    public static String projection(Collection<String> fields) {
        var properties = new TreeSet<String>();
        for (var field : fields) {
            var known = PROPERTIES.get(field);
            if (known != null) {
                properties.addAll(known);
            } else if (!BY_ID.contains(field)) {
                return PROJECTION;
            }
        }
        var entries = new ArrayList<MapProjection.Entry>(List.of(new MapProjection.Property("id")));
        properties.forEach(p -> entries.add(new MapProjection.Property(p)));
        return new MapProjection("s", entries).cypher();
    }

    public static Source from(Value v) {
        return new Source(v.get("id").asString(), v.get("url").asString(null), v.get("publisher").asString(null),
                DateValue.of(v.get("published").isNull() ? null : v.get("published").asLocalDate(),
                        v.get("publishedPrecision").asString(null), v.get("publishedApproximate").asBoolean(false)),
                DateValue.of(v.get("retrieved").isNull() ? null : v.get("retrieved").asLocalDate(),
                        v.get("retrievedPrecision").asString(null), false),
                v.get("note").asString(null));
    }
}
