package org.dealgraph.curation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.dealgraph.api.Connection;
import org.dealgraph.api.Page;
import org.dealgraph.api.Selections;
import org.dealgraph.load.RetractionWrites;
import org.dealgraph.security.Callers;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.graphql.api.Context;

/** Curators take facts back with a reason, and restore them; everyone may read what was retracted, by whom and why. */
@GraphQLApi
public class RetractionApi {

    private final Retractions retractions;
    private final RetractionRepository history;
    private final Callers callers;
    private final Context context;

    RetractionApi(Retractions retractions, RetractionRepository history, Callers callers, Context context) {
        this.retractions = retractions;
        this.history = history;
        this.callers = callers;
        this.context = context;
    }

    @Mutation("retractFact")
    @Description("Takes a fact back, with a reason: an agreement, a source's claim about an agreement, or a company's alias. It "
            + "disappears from every answer and derived value at once; the fact and the retraction (who, when, why) stay, and "
            + "restoreFact undoes it. NOT_FOUND when there is no such fact, CONFLICT when it is already retracted.")
    public RetractionWrites.Retraction retractFact(@NonNull @Name("fact") RetractionWrites.Fact fact,
            @NonNull @Name("reason") @Description("Why, for the history.") String reason) {
        callers.requireCurator();
        return retractions.retract(fact, reason, "retractFact");
    }

    @Mutation("restoreFact")
    @Description("Restores a retracted fact, with a reason: exactly what its retraction took back comes back. CONFLICT when it is not retracted.")
    public RetractionWrites.Retraction restoreFact(@NonNull @Name("fact") RetractionWrites.Fact fact,
            @NonNull @Name("reason") @Description("Why, for the history.") String reason) {
        callers.requireCurator();
        return retractions.restore(fact, reason, "restoreFact");
    }

    @Mutation("mergeCompanies")
    @Description("Merges a company recorded twice into the one that stays: its agreements, sources, products, people's roles, "
            + "statements and subsidiaries move to the survivor, its name and aliases become the survivor's aliases, and its id "
            + "answers as the survivor from then on. Kept as a retraction (who, when, why); restoreFact(fact: {company, into}) "
            + "undoes exactly what it moved.")
    public RetractionWrites.Retraction mergeCompanies(@NonNull @Id @Name("company") @Description("The duplicate.") String company,
            @NonNull @Id @Name("into") @Description("The company that stays.") String into,
            @NonNull @Name("reason") @Description("Why, for the history.") String reason) {
        callers.requireCurator();
        return retractions.retract(new RetractionWrites.Fact(null, null, company, null, null, null, into), reason, "mergeCompanies");
    }

    @Query("retractions")
    @Description("Retractions, newest first, with who retracted what, when and why, and any restoration: of one fact (an agreement, "
            + "company, source or person id) or of all, one page at a time.")
    public Connection<RetractionWrites.Retraction> retractions(
            @Id @Name("fact") @Description("An agreement, company, source or person id.") String fact,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) @Description("Page size, at most 100; default 20.") Integer first,
            @Name("after") @Description("Cursor of the row to continue after.") String after,
            @Name("last") @Min(0) @Max(Page.MAX_SIZE) @Description("The last this many rows (before 'before', or of all), at most 100.") Integer last,
            @Name("before") @Description("Cursor of the row to end before.") String before) {
        var page = Page.of("retractions/at", first, after, last, before);
        return history.page(fact, page, Selections.countsRows(Selections.of(context)));
    }
}
