package org.dealgraph.value;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ExternalId")
@Description("An identifier another data set gives this company or person.")
public record ExternalId(
        @NonNull @Description("Which data set.") ExternalIdScheme scheme,
        @NonNull @Description("The identifier, as that data set writes it.") String value,
        @NonNull @Description("The identifier as an IRI of that data set (what exports link with sameAs).") String url) {

    /** The ids a node holds, one property per scheme ({@code property} reads one); {@code person} for Crunchbase's kind of page. */
    public static List<ExternalId> of(Function<String, String> property, boolean person) {
        var ids = new ArrayList<ExternalId>();
        for (var scheme : ExternalIdScheme.values()) {
            var value = property.apply(scheme.property);
            if (value != null) {
                ids.add(new ExternalId(scheme, value, scheme.iri(value, person)));
            }
        }
        return ids;
    }
}
