package org.dealgraph.agreement;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.Min;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.company.CompanyRepository;
import org.dealgraph.database.GraphRevision;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.graphql.api.Context;

/** {@code connection(from:, to:)}: how two companies are joined through agreements. */
@GraphQLApi
public class ChainResource {

    private final CompanyRepository companies;
    private final ChainRepository chains;
    private final Context context;
    private final GraphRevision revisions;

    ChainResource(CompanyRepository companies, ChainRepository chains, Context context, GraphRevision revisions) {
        this.companies = companies;
        this.chains = chains;
        this.context = context;
        this.revisions = revisions;
    }

    @Query("connection")
    @Description("The shortest chain of agreements joining two companies (one merged into another answers as that one); null "
            + "when they are not connected within twelve links.")
    public Chain connection(@NonNull @Name("from") String from, @NonNull @Name("to") String to,
            @Name("knownAsOf") @Description("Transaction time: the chain as the graph held it at this moment (companies before "
                    + "later merges, agreements and their parties as then recorded; parent–subsidiary links are today's, "
                    + "before later merges); default: now. Read step by step, one statement per link of distance.") OffsetDateTime knownAsOf,
            @Name("knownAt") @Min(1) @Description("A graph revision (extensions.revision.number of an earlier response): the "
                    + "chain as the graph held it when that revision was written.") Integer knownAt) {
        var moment = revisions.knownMoment(context, knownAsOf, knownAt);
        if (moment.isPresent()) {
            var then = companies.asKnown(List.of(from, to), moment.get());
            for (var id : List.of(from, to)) {
                if (!then.containsKey(id)) {
                    throw new ApiErrors.NotFound("company", id);
                }
            }
            return chains.connection(then.get(from).id(), then.get(to).id(), moment.get()).orElse(null);
        }
        var found = companies.byIds(List.of(from, to));
        var ends = new java.util.ArrayList<String>();
        for (var id : List.of(from, to)) {
            // A company merged into another answers as the one it was merged into, as company(id:) does.
            ends.add(found.containsKey(id) ? id : companies.mergedInto(id).orElseThrow(() -> new ApiErrors.NotFound("company", id)));
        }
        return chains.connection(ends.get(0), ends.get(1)).orElse(null);
    }
}
