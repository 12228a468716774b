package org.dealgraph.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.agreement.AgreementKind;
import org.dealgraph.database.GraphRevision;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * What loads changed, for subscribers: published by the one load path after its transaction committed, never for a
 * rejected, unchanged or dry-run load; loads made through other replicas are read from the graph's load log each
 * second and published the same way. Each event carries business ids and what happened to them, so a client
 * refetches or updates exactly what moved.
 */
@ApplicationScoped
public class DealEvents {

    private static final Logger LOG = Logger.getLogger(DealEvents.class);



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

    @Enum("AgreementChangeKind")
    public enum Change {
        /** The agreement is new. */
        ADDED,
        /** Its own facts changed. */
        CHANGED,
        /** Another agreement amends, expands or supersedes it: its terms on some dates changed. */
        AMENDED,
        /** Retracted: it no longer appears in any answer (its record and the retraction stay). */
        RETRACTED,
        /** Restored after a retraction. */
        RESTORED
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



    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadLogRepository log;
    private final GraphRevision revisions;
    private final BroadcastProcessor<Loaded> loads = BroadcastProcessor.create();
    private final BroadcastProcessor<AgreementChanged> agreements = BroadcastProcessor.create();
    private final Set<String> published = new LinkedHashSet<>();
    private final AtomicInteger subscribers = new AtomicInteger();

    DealEvents(LoadLogRepository log, GraphRevision revisions) {
        this.log = log;
        this.revisions = revisions;
        revisions.onPolledChange(this::elsewhere);
    }

    public Multi<Loaded> loads() {
        return counted(loads);
    }

    public Multi<AgreementChanged> agreementChanges() {
        return counted(agreements);
    }

    /** The load log is read only while someone listens. */
    private <T> Multi<T> counted(Multi<T> events) {
        return events.onSubscription().invoke(subscribers::incrementAndGet).onTermination().invoke(subscribers::decrementAndGet);
    }

    /** Called by a curation write (retraction, restoration) once its transaction has committed. */
    public void announced(Announcement announcement, Instant committedAt) {
        try {
            publish(announcement, committedAt.toString());
        } catch (RuntimeException e) {
            LOG.warnf(e, "events of %s not published", announcement.file());
        }
    }

    /** Called by the load path once a load's transaction has committed. */
    public void committed(LoadReport report, Instant committedAt) {
        if (report.outcome() != LoadReport.Outcome.LOADED) {
            return;
        }
        try {
            publish(announce(revisions.current().epoch(), Map.of(), report), committedAt.toString());
        } catch (RuntimeException e) {
            // The load has committed: a subscriber's problem must not turn it into an error.
            LOG.warnf(e, "events of %s not published", report.file());
        }
    }

    /**
     * What a load announces: written to the graph's load log in the load's own transaction (so every replica can
     * read it back) and published by this replica after the commit.
     */
    public record Announcement(String epoch, int revision, String file, int added, int changed, List<LoadReport.Change> changes,
            Map<String, Change> agreements, List<String> companies) {
    }

    /** {@code amends}: the agreements each reported agreement amends (their subscribers hear of it too). */
    static Announcement announce(String epoch, Map<String, List<String>> amends, LoadReport report) {
        var changes = new LinkedHashMap<String, Change>();
        var companies = new LinkedHashSet<String>();
        for (var change : report.changes()) {
            if (change.label().equals("Agreement")) {
                changes.put(change.id(), change.change() == LoadReport.Change.Kind.ADDED ? Change.ADDED : Change.CHANGED);
            } else if (change.label().equals("Company")) {
                companies.add(change.id());
            }
        }
        amends.forEach((agreement, targets) -> {
            if (changes.containsKey(agreement)) {
                targets.forEach(target -> changes.putIfAbsent(target, Change.AMENDED));
            }
        });
        return new Announcement(epoch, report.revision(), report.file(), report.added(), report.changed(), report.changes(),
                changes, List.copyOf(companies));
    }

    /** Once per load and replica, whichever comes first: this replica's own commit, or the load log's poll. */
    private void publish(Announcement announcement, String at) {
        synchronized (published) {
            if (!published.add(announcement.epoch() + ":" + announcement.revision())) {
                return;
            }
            if (published.size() > 10_000) {
                published.remove(published.iterator().next());
            }
        }
        var changes = announcement.agreements();
        var companies = new LinkedHashSet<>(announcement.companies());
        var read = new ArrayList<AgreementChanged>();
        if (!changes.isEmpty()) {
            log.agreements(List.copyOf(changes.keySet())).forEach(r -> {
                var id = r.get("id").asString();
                var parties = r.get("companies").asList(v -> v.asString());
                companies.addAll(parties);
                read.add(new AgreementChanged(id, changes.get(id), AgreementKind.valueOf(r.get("kind").asString()), parties,
                        announcement.file(), announcement.revision(), at));
            });
        }
        var total = announcement.added() + announcement.changed();
        loads.onNext(new Loaded(announcement.file(), announcement.revision(), announcement.added(), announcement.changed(),
                List.copyOf(changes.keySet()), List.copyOf(companies), announcement.changes(), announcement.changes().size() >= total, at));
        read.forEach(agreements::onNext);
    }

    /**
     * The revision's poll saw the graph move on: the loads of every replica since the last poll, from the load log, in
     * revision order (this replica's own were published at their commit, and are not again) — read only while someone
     * listens.
     */
    void elsewhere(GraphRevision.Revision from, GraphRevision.Revision to) {
        // At startup nothing is missed; a graph wiped (a new epoch) starts again from its first revision.
        if (from.number() < 0 || subscribers.get() <= 0) {
            return;
        }
        var after = from.epoch().equals(to.epoch()) ? from.number() : 0;
        try {
            for (var row : log.loadsAfter(after, to)) {
                publish(JSON.readValue(row.get("event").asString(), Announcement.class), row.get("at").asString());
            }
        } catch (Exception e) {
            LOG.debugf("load log not read: %s", e.getMessage());
        }
    }

}
