package org.dealgraph.live;

import java.util.List;

import org.dealgraph.agreement.AgreementKind;
import org.dealgraph.load.DealEvents;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

/** Live updates over WebSocket ({@code graphql-transport-ws} or {@code graphql-ws} on {@code /graphql}). */
@GraphQLApi
public class DealSubscriptions {

    private final DealEvents events;
    private final SubscriptionLimits limits;

    DealSubscriptions(DealEvents events, SubscriptionLimits limits) {
        this.events = events;
        this.limits = limits;
    }

    @Subscription("dealsLoaded")
    @Description("An event for every load that changed the graph, after it committed (never for a rejected or dry-run load).")
    public Multi<DealEvents.Loaded> dealsLoaded() {
        return limits.bounded(events.loads());
    }

    @Subscription("agreementChanged")
    @Description("An event for every agreement a load added, changed or amended, after it committed; "
            + "only those a company is party to, or of some kinds, when asked.")
    public Multi<DealEvents.AgreementChanged> agreementChanged(
            @Id @Name("company") @Description("Only agreements this company is party to.") String company,
            @Name("kinds") @Description("Only agreements of these kinds.") List<AgreementKind> kinds) {
        return limits.bounded(events.agreementChanges().filter(change -> (company == null || change.companies().contains(company))
                && (kinds == null || kinds.isEmpty() || kinds.contains(change.kind()))));
    }
}
