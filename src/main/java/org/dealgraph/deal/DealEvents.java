package org.dealgraph.deal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.agreement.AgreementKind;
import org.dealgraph.database.GraphSessions;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * What loads changed, for subscribers: published by the one load path after its transaction committed, never for a
 * rejected, unchanged or dry-run load. Each event carries business ids and what happened to them, so a client
 * refetches or updates exactly what moved.
 */
@ApplicationScoped
public class DealEvents {

    private static final Logger LOG = Logger.getLogger(DealEvents.class);

    private static final String AGREEMENTS = """
            UNWIND $ids AS id
            MATCH (a:Agreement {id: id})
            RETURN a.id AS id, a.kind AS kind, [(c:Company)-[:PARTY_TO]->(a) | c.id] AS companies""";

    @Type("DealsLoaded")
    @Description("A load that changed the graph: a deal file, a mutation or an attached source.")
    public record Loaded(
            @NonNull @Description("The file (or mutation) loaded.") String file,
            @Description("The graph's revision after it.") int revision,
            @Description("Facts added.") int added,
            @Description("Facts changed.") int changed,
            @NonNull @Description("Business ids of the agreements added, changed or amended.") List<@NonNull String> agreements,
            @NonNull @Description("Business ids of the companies added or changed, and of the parties to the agreements that moved.") List<@NonNull String> companies,
            @NonNull @Description("Every fact added or changed, as the load report lists them.") List<LoadReport.@NonNull Change> changes,
            @Description("False when the load changed more than the report lists (1,000 facts): refetch rather than patch.") boolean complete,
            @Description("When the load committed, ISO 8601.") String committedAt) {
    }

    @org.eclipse.microprofile.graphql.Enum("AgreementChangeKind")
    public enum Change {
        /** The agreement is new. */
        ADDED,
        /** Its own facts changed. */
        CHANGED,
        /** Another agreement amends, expands or supersedes it: its terms on some dates changed. */
        AMENDED
    }

    @Type("AgreementChange")
    @Description("One agreement a load added, changed or amended.")
    public record AgreementChanged(
            @NonNull @Id @Description("Business id of the agreement.") String agreementId,
            @NonNull @Description("What happened to it.") Change change,
            @Description("Its kind.") AgreementKind kind,
            @NonNull @Description("Business ids of its parties.") List<@NonNull String> companies,
            @NonNull @Description("The file (or mutation) that changed it.") String file,
            @Description("The graph's revision after the change.") int revision,
            @Description("When the load committed, ISO 8601.") String committedAt) {
    }

    private final GraphSessions sessions;
    private final BroadcastProcessor<Loaded> loads = BroadcastProcessor.create();
    private final BroadcastProcessor<AgreementChanged> agreements = BroadcastProcessor.create();

    DealEvents(GraphSessions sessions) {
        this.sessions = sessions;
    }

    public Multi<Loaded> loads() {
        return loads;
    }

    public Multi<AgreementChanged> agreementChanges() {
        return agreements;
    }

    /** Called by the load path once a load's transaction has committed. */
    void committed(DealPlan plan, LoadReport report, java.time.Instant committedAt) {
        if (report.outcome() != LoadReport.Outcome.LOADED) {
            return;
        }
        try {
            publish(plan, report, committedAt);
        } catch (RuntimeException e) {
            // The load has committed: a subscriber's problem must not turn it into an error.
            LOG.warnf(e, "events of %s not published", report.file());
        }
    }

    private void publish(DealPlan plan, LoadReport report, java.time.Instant committedAt) {
        var at = committedAt.toString();
        var changes = new LinkedHashMap<String, Change>();
        var companies = new java.util.LinkedHashSet<String>();
        for (var change : report.changes()) {
            if (change.label().equals("Agreement")) {
                changes.put(change.id(), change.change() == LoadReport.Change.Kind.ADDED ? Change.ADDED : Change.CHANGED);
            } else if (change.label().equals("Company")) {
                companies.add(change.id());
            }
        }
        for (var agreement : plan.agreements) {
            if (changes.containsKey(agreement.id())) {
                agreement.amends().forEach(amended -> changes.putIfAbsent(amended.target(), Change.AMENDED));
            }
        }
        var read = new ArrayList<AgreementChanged>();
        if (!changes.isEmpty()) {
            try (var session = sessions.read()) {
                session.executeRead(tx -> tx.run(AGREEMENTS, Map.of("ids", List.copyOf(changes.keySet()))).list()).forEach(r -> {
                    var id = r.get("id").asString();
                    var parties = r.get("companies").asList(v -> v.asString());
                    companies.addAll(parties);
                    read.add(new AgreementChanged(id, changes.get(id), AgreementKind.valueOf(r.get("kind").asString()), parties,
                            report.file(), report.revision(), at));
                });
            }
        }
        var total = report.added() + report.changed();
        loads.onNext(new Loaded(report.file(), report.revision(), report.added(), report.changed(), List.copyOf(changes.keySet()),
                List.copyOf(companies), report.changes(), report.changes().size() >= total, at));
        read.forEach(agreements::onNext);
    }
}
