package org.dealgraph.company;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@org.eclipse.microprofile.graphql.Type("SearchHit")
@Description("A company, product or person whose name or alias matches a search.")
public record SearchHit(@Description("What was found.") Type type, @Description("Its business id.") String id,
        @Description("Its name.") String name, @Description("Relevance; higher is better.") double score) {

    @Enum("SearchHitType")
    public enum Type {
        COMPANY, PRODUCT, PERSON
    }
}
