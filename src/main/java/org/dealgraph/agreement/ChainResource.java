package org.dealgraph.agreement;

import java.util.List;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.company.CompanyRepository;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** {@code connection(from:, to:)}: how two companies are joined through agreements. */
@GraphQLApi
public class ChainResource {

    private final CompanyRepository companies;
    private final ChainRepository chains;

    ChainResource(CompanyRepository companies, ChainRepository chains) {
        this.companies = companies;
        this.chains = chains;
    }

    @Query("connection")
    @Description("The shortest chain of agreements joining two companies; null when they are not connected.")
    public Chain connection(@NonNull @Name("from") String from, @NonNull @Name("to") String to) {
        var found = companies.byIds(List.of(from, to));
        for (var id : List.of(from, to)) {
            if (!found.containsKey(id)) {
                throw new ApiErrors.NotFound("company", id);
            }
        }
        return chains.connection(from, to).orElse(null);
    }
}
