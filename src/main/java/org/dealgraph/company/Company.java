package org.dealgraph.company;

import java.util.List;

import org.dealgraph.api.Node;
import org.dealgraph.value.ExternalId;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.neo4j.driver.Value;

@Type("Company")
@Description("A company, subsidiary or venture that is party to deals.")
public record Company(
        @NonNull @Id @Description("Business id, a stable lowercase slug, e.g. 'openai'.") String id,
        @Description("The name it is known by.") String name,
        @Description("Other names: legal names, tickers, former names.") List<String> aliases,
        @Description("What kind of company it is.") List<CompanyKind> kinds,
        @Description("A short description, where one is recorded.") String description,
        @Description("Business id of the parent company, for a subsidiary (AWS of Amazon).") String parentId,
        @NonNull @Description("Its identifiers in other data sets (Wikidata, LEI, Crunchbase), where a deal file gave them.") List<@NonNull ExternalId> externalIds)
        implements Node {

    private static final String FIELDS = ".id, .name, .aliases, .kinds, .description, .wikidata, .lei, .crunchbase, "
            + "parentId: [(c)-[:SUBSIDIARY_OF]->(parent) | parent.id][0]";

    /** Cypher projection of a company node {@code c}, matching {@link #from(Value)}. */
    public static final String PROJECTION = "c {" + FIELDS + "}";

    /** The same, with the company's agreements read before by a subquery as {@code agreements}. */
    static final String WITH_AGREEMENTS = "c {" + FIELDS + ", agreements: agreements}";

    public static Company from(Value v) {
        return new Company(v.get("id").asString(), v.get("name").asString(),
                v.get("aliases").isNull() ? List.of() : v.get("aliases").asList(Value::asString),
                v.get("kinds").isNull() ? List.of() : v.get("kinds").asList(k -> CompanyKind.valueOf(k.asString())),
                v.get("description").isNull() ? null : v.get("description").asString(),
                v.get("parentId").isNull() ? null : v.get("parentId").asString(),
                ExternalId.of(property -> v.get(property).asString(null), false));
    }
}
