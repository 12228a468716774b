package org.dealgraph.database;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.api.PinnedRevision;
import org.jboss.logging.Logger;

import io.smallrye.graphql.api.Context;

/**
 * The graph's revision, kept by the load path: every write that changes the graph advances it in its own
 * transaction. This replica learns of its own writes as they commit, and of other replicas' by reading the revision
 * back every second, so that a request never waits on the database to know it (HTTP caches' ETags use it).
 */
@ApplicationScoped
public class GraphRevision {

    private static final Logger LOG = Logger.getLogger(GraphRevision.class);

    private static final String READ = """
            OPTIONAL MATCH (l:_LoadLock {id: 'deal-files'})
            RETURN coalesce(l.epoch, 'none') AS epoch, coalesce(l.revision, 0) AS revision""";

    /** A revision of one graph: the epoch names the graph (a wiped graph starts a new one), the number counts writes. */
    public record Revision(String epoch, long number) {
        /** Opaque, for ETags: changes whenever the graph does. */
        public String tag() {
            return epoch + "." + number;
        }
    }

    private final GraphSessions sessions;
    private volatile Revision current = new Revision("unknown", -1);
    private volatile Revision lastPolled = new Revision("unknown", -1);
    private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "graph-revision");
        thread.setDaemon(true);
        return thread;
    });

    GraphRevision(GraphSessions sessions) {
        this.sessions = sessions;
        poll.scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
    }

    public Revision current() {
        return current;
    }

    private static final String MOMENT = """
            MATCH (l:_LoadLock {id: 'deal-files'})
            MATCH (r:_Revision {number: $number}) WHERE r.epoch = l.epoch
            RETURN r.at AS at""";

    /** The moment revision {@code number} of this graph was written (its facts carry it); empty when it is not known. */
    public Optional<ZonedDateTime> momentOf(long number) {
        try (var session = sessions.read()) {
            return session.executeRead(tx -> tx.run(MOMENT, Map.of("number", number)).stream()
                    .map(r -> r.get("at").asZonedDateTime()).findFirst());
        }
    }

    /**
     * The moment a read as known asks for: {@code knownAsOf}, or the moment revision {@code knownAt} was written (the
     * response then names that revision); empty for a read of today's graph.
     */
    public Optional<OffsetDateTime> knownMoment(Context context, OffsetDateTime knownAsOf, Integer knownAt) {
        if (knownAsOf != null && knownAt != null) {
            throw new ApiErrors.BadArgument("knownAt", "and knownAsOf both say which graph to answer from; give one of them");
        }
        if (knownAt == null) {
            return Optional.ofNullable(knownAsOf);
        }
        var moment = momentOf(knownAt)
                .orElseThrow(() -> new ApiErrors.NotFound("graph revision (of this graph's epoch)", String.valueOf(knownAt)));
        PinnedRevision.pin(context, current().epoch(), knownAt);
        return Optional.of(moment.toOffsetDateTime());
    }

    private final List<BiConsumer<Revision, Revision>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Told, on the poll's thread, when a poll reads another revision than the poll before it (before, now): writes of
     * any replica since, or a graph wiped. The first poll's "before" is {@code unknown}.
     */
    public void onPolledChange(BiConsumer<Revision, Revision> listener) {
        listeners.add(listener);
    }

    /** A write of this replica committed and made this revision. */
    public void advanced(Revision revision) {
        synchronized (this) {
            if (!revision.epoch().equals(current.epoch()) || revision.number() > current.number()) {
                current = revision;
            }
        }
    }

    /** Reads the revision from the graph: other replicas' writes, and a graph wiped underneath. */
    public void refresh() {
        try (var session = sessions.read()) {
            var r = session.executeRead(tx -> tx.run(READ).single());
            var read = new Revision(r.get("epoch").asString(), r.get("revision").asLong());
            synchronized (this) {
                if (!read.epoch().equals(current.epoch()) || read.number() > current.number()) {
                    current = read;
                }
            }
            var before = lastPolled;
            lastPolled = read;
            if (!read.equals(before)) {
                for (var listener : listeners) {
                    listener.accept(before, read);
                }
            }
        } catch (RuntimeException e) {
            // The database may be starting or down; requests keep the last revision known until it answers.
            LOG.debugf("graph revision not read: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        poll.shutdownNow();
    }
}
