package org.dealgraph.source;

import org.dealgraph.value.DateValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;
import org.neo4j.driver.Value;

@Type("Source")
@Description("Where a fact was stated: an article, a filing, a press release.")
public record Source(
        @Id @Description("Business id, a stable slug.") String id,
        @Description("Absolute URL of the source.") String url,
        @Description("Who published it.") String publisher,
        @Description("When it was published.") DateValue published,
        @Description("When it was read for this graph, where recorded.") DateValue retrieved,
        @Description("What the curator noted about it.") String note) {

    public static final String PROJECTION = "s {.*}";

    public static Source from(Value v) {
        return new Source(v.get("id").asString(), v.get("url").asString(), v.get("publisher").asString(),
                DateValue.of(v.get("published").isNull() ? null : v.get("published").asLocalDate(),
                        v.get("publishedPrecision").asString(null), v.get("publishedApproximate").asBoolean(false)),
                DateValue.of(v.get("retrieved").isNull() ? null : v.get("retrieved").asLocalDate(),
                        v.get("retrievedPrecision").asString(null), false),
                v.get("note").asString(null));
    }
}
