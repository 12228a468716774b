package org.dealgraph.person;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.dealgraph.company.Company;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.database.Graph;
import org.dealgraph.api.Page;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

@GraphQLApi
public class PersonResource {

    private static final String BY_ID = """
            MATCH (person:Person {id: $id})
            RETURN %s AS person""".formatted(Person.PROJECTION);

    private static final String PAGE = """
            MATCH (person:Person)
            WHERE $name IS NULL OR toLower(person.name) CONTAINS toLower($name)
            WITH person ORDER BY person.name, person.id
            WITH collect(person) AS matched
            RETURN size(matched) AS total, [person IN matched[$skip..$end] | %s] AS people""".formatted(Person.PROJECTION);

    private static final String AT_COMPANIES = """
            UNWIND $ids AS companyId
            OPTIONAL MATCH (person:Person)-[:HOLDS]->(:Role)-[:AT]->(:Company {id: companyId})
            WITH companyId, person ORDER BY person.name
            RETURN companyId, collect(DISTINCT %s) AS people""".formatted(Person.PROJECTION);

    private final Graph graph;

    PersonResource(Graph graph) {
        this.graph = graph;
    }

    @Type("PersonConnection")
    @Description("A page of people (Relay connection).")
    public record PersonConnection(long totalCount, List<Person> nodes, Page.PageInfo pageInfo) {
    }

    @Query("person")
    @Description("One person by business id; null with a NOT_FOUND error when there is none.")
    public Person person(@NonNull @Id @Name("id") String id) {
        return graph.readOne(BY_ID, Map.of("id", id), r -> Person.from(r.get("person")))
                .orElseThrow(() -> new ApiErrors.NotFound("person", id));
    }

    @Query("people")
    @Description("People, by name, one page at a time.")
    public PersonConnection people(@Name("nameContains") String nameContains,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) Integer first, @Name("after") String after) {
        var page = Page.of(first, after);
        var params = new HashMap<String, Object>();
        params.put("name", nameContains);
        params.put("skip", page.offset());
        params.put("end", page.offset() + page.limit());
        return graph.readOne(PAGE, params, r -> {
            var people = r.get("people").asList(Person::from);
            var total = r.get("total").asLong();
            return new PersonConnection(total, people, page.info(total, people.size()));
        }).orElseThrow();
    }

    @Description("People holding roles at this company (batched for a list of companies).")
    public List<List<Person>> people(@Source List<Company> companies) {
        var found = new HashMap<String, List<Person>>();
        graph.read(AT_COMPANIES, Map.of("ids", companies.stream().map(Company::id).distinct().toList()),
                r -> found.put(r.get("companyId").asString(), r.get("people").asList(Person::from)));
        return companies.stream().map(c -> found.getOrDefault(c.id(), List.of())).toList();
    }
}
