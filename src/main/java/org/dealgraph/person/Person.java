package org.dealgraph.person;

import java.util.List;

import org.dealgraph.api.Node;
import org.dealgraph.company.Company;
import org.dealgraph.source.SourceClaim;
import org.dealgraph.value.DateValue;
import org.dealgraph.value.ExternalId;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.neo4j.driver.Value;

@Type("Person")
@Description("A person who runs or speaks for a company in the deals.")
public record Person(
        @NonNull @Id @Description("Business id, a stable slug, e.g. 'denise-dresser'.") String id,
        @Description("Full name.") String name,
        @Description("Other names.") List<String> aliases,
        @Description("Roles at companies, each dated where known and sourced.") List<Role> roles,
        @Description("Statements the person made: memos, posts, announcements.") List<Statement> statements,
        @NonNull @Description("Their identifiers in other data sets (Wikidata, Crunchbase), where a deal file gave them.") List<@NonNull ExternalId> externalIds)
        implements Node {

    @Type("Role")
    @Description("A title a person holds at a company.")
    public record Role(@Description("The title, e.g. 'Chief Revenue Officer'.") String title,
            @Description("The company.") Company company,
            @Description("Since when, where known.") DateValue from,
            @Description("Until when, where known; null while current.") DateValue until,
            @Description("The sources for it.") List<SourceClaim> sources) {
    }

    @Type("Statement")
    @Description("Something a person said, with its sources.")
    public record Statement(@NonNull @Id String id, @Description("When.") DateValue date,
            @Description("What was said, summarised.") String summary,
            @Description("Words quoted, where the sources quote them.") String quote,
            @Description("The sources for it.") List<SourceClaim> sources) implements Node {

        /** Cypher projection of a statement node {@code st}, matching {@link #from(Value)}. */
        public static final String PROJECTION = "st {.*, sources: %s}".formatted(SourceClaim.of("st"));

        public static Statement from(Value s) {
            return new Statement(s.get("id").asString(),
                    DateValue.of(s.get("date").asLocalDate(), s.get("datePrecision").asString(null), s.get("dateApproximate").asBoolean(false)),
                    s.get("summary").asString(), s.get("quote").asString(null), s.get("sources").asList(SourceClaim::from));
        }
    }

    public static final String PROJECTION = """
            person {.id, .name, .aliases, .wikidata, .crunchbase,
              roles: [(person)-[:HOLDS]->(role:Role)-[:AT]->(c:Company) | {title: role.title, company: %s,
                       from: role.from, fromPrecision: role.fromPrecision, until: role.until, untilPrecision: role.untilPrecision,
                       sources: %s}],
              statements: [(person)-[:MADE]->(st:Statement) | %s]}""".formatted(
            Company.PROJECTION, SourceClaim.of("role"), Statement.PROJECTION);

    public static Person from(Value v) {
        return new Person(v.get("id").asString(), v.get("name").asString(),
                v.get("aliases").isNull() ? List.of() : v.get("aliases").asList(Value::asString),
                v.get("roles").asList(r -> new Role(r.get("title").asString(), Company.from(r.get("company")),
                        r.get("from").isNull() ? null : DateValue.of(r.get("from").asLocalDate(), r.get("fromPrecision").asString(null), false),
                        r.get("until").isNull() ? null : DateValue.of(r.get("until").asLocalDate(), r.get("untilPrecision").asString(null), false),
                        r.get("sources").asList(SourceClaim::from))),
                v.get("statements").asList(Statement::from),
                ExternalId.of(property -> v.get(property).asString(null), true));
    }
}
