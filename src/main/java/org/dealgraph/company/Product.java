package org.dealgraph.company;

import java.util.List;

import org.dealgraph.api.Node;
import org.dealgraph.value.DateValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.neo4j.driver.Value;

@Type("Product")
@Description("A product or platform a company offers: Azure, Bedrock, ChatGPT, Frontier.")
public record Product(@NonNull @Id String id, String name, List<String> aliases,
        @Description("CLOUD_PLATFORM, MODEL_PLATFORM, APPLICATION, ENTERPRISE_PLATFORM...") String kind,
        @Description("When it launched, where known.") DateValue launched,
        @Description("Business id of the company that offers it.") String ownerId) implements Node {

    public static final String PROJECTION = "pr {.*, ownerId: [(owner:Company)-[:OFFERS]->(pr) | owner.id][0]}";

    public static Product from(Value v) {
        return new Product(v.get("id").asString(), v.get("name").asString(),
                v.get("aliases").isNull() ? List.of() : v.get("aliases").asList(Value::asString), v.get("kind").asString(null),
                v.get("launched").isNull() ? null : DateValue.of(v.get("launched").asLocalDate(), v.get("launchedPrecision").asString(null), false),
                v.get("ownerId").asString(null));
    }
}
