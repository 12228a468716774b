package org.dealgraph.person;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.api.Connection;
import org.dealgraph.api.Page;
import org.dealgraph.api.Selections;
import org.dealgraph.company.Company;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.graphql.api.Context;

@GraphQLApi
public class PersonResource {

    private final PersonRepository people;
    private final Context context;

    PersonResource(PersonRepository people, Context context) {
        this.people = people;
        this.context = context;
    }

    @Query("person")
    @Description("One person by business id; null with a NOT_FOUND error when there is none.")
    public Person person(@NonNull @Id @Name("id") String id) {
        return people.byId(id).orElseThrow(() -> new ApiErrors.NotFound("person", id));
    }

    @Query("people")
    @Description("People, by name, one page at a time.")
    public Connection<Person> people(@Name("nameContains") String nameContains,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) @Description("Page size, at most 100; default 20.") Integer first,
            @Name("after") @Description("Cursor of the row to continue after.") String after,
            @Name("last") @Min(0) @Max(Page.MAX_SIZE) @Description("The last this many rows (before 'before', or of all), at most 100.") Integer last,
            @Name("before") @Description("Cursor of the row to end before.") String before) {
        var page = Page.of("people/name", first, after, last, before);
        var found = people.page(nameContains, page, Selections.countsRows(Selections.of(context)));
        return Connection.of(found.total(), found.rows(), page);
    }

    @Description("People holding roles at this company (batched for a list of companies).")
    public List<List<Person>> people(@Source List<Company> companies) {
        var found = people.atCompanies(companies.stream().map(Company::id).distinct().toList());
        return companies.stream().map(c -> found.getOrDefault(c.id(), List.of())).toList();
    }
}
