package org.dealgraph.load;

import static org.dealgraph.load.WriteStatements.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.database.CypherSpans;
import org.dealgraph.database.GraphRevision;
import org.dealgraph.database.GraphSessions;
import org.dealgraph.security.Callers;
import org.dealgraph.value.Confidence;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.TransactionContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a {@link DealPlan} in one transaction: everything in the file, or nothing. Every node is merged on its
 * business id (a uniqueness constraint stands behind each MERGE), so loading the same file twice changes nothing.
 */
@ApplicationScoped
public class DealWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphSessions sessions;
    private final CypherSpans spans;

    private final GraphRevision revisions;
    /** The revision the current thread's last write transaction advanced to; published after it commits. */
    private final ThreadLocal<GraphRevision.Revision> afterCommit = new ThreadLocal<>();

    DealWriter(GraphSessions sessions, CypherSpans spans, GraphRevision revisions) {
        this.sessions = sessions;
        this.spans = spans;
        this.revisions = revisions;
    }

    /** After a write committed: the revision it made is now the graph's. */
    private void committed() {
        var revision = afterCommit.get();
        afterCommit.remove();
        if (revision != null) {
            revisions.advanced(revision);
        }
    }

    /** A load's report, and what it announces once committed (null when it changed nothing). */
    public record Loaded(LoadReport report, DealEvents.Announcement announcement) {
    }

    /**
     * Loads a checked file in one transaction: everything in the file, or nothing. Its facts are read again in batches
     * ({@link DealBatches}) while the batch before is written; facts already in the graph as the file has them are
     * left alone; changed facts keep their previous values as a {@code Revision}. A dry run checks and classifies the
     * same way, in a read transaction, and writes nothing.
     */
    public Loaded load(String fileName, DealEntries entries, DealPlan plan, boolean dryRun) {
        var started = System.nanoTime();
        var by = Callers.current();
        var announced = new DealEvents.Announcement[1];
        try (var session = sessions.write()) {
            TransactionCallback<LoadReport> work = driverTx -> {
                var tx = spans.traced(driverTx);
                announced[0] = null;
                var at = dryRun ? null : lock(tx);
                ReferenceRepository.checkReferences(tx, fileName, plan);
                var retracting = ReferenceRepository.pendingRetractions(tx, fileName, plan);
                var writes = new BatchWrites(tx, plan, new Stamp(fileName, by, at));
                try (var batches = DealBatches.start(fileName, entries, plan)) {
                    for (var batch = batches.next(); batch != null; batch = batches.next()) {
                        writes.take(batch, dryRun);
                    }
                }
                var tally = writes.tally;
                retracting.forEach(entry -> tally.retracting(RetractionWrites.change(entry)));
                var revision = -1L;
                if (!dryRun && tally.changedAnything()) {
                    writes.finish();
                    retracting.forEach(entry -> RetractionWrites.apply(tx, entry, fileName, by));
                    revision = advance(tx);
                }
                var millis = (int) Math.max(1, (System.nanoTime() - started) / 1_000_000);
                var outcome = dryRun ? LoadReport.Outcome.DRY_RUN
                        : !tally.changedAnything() ? LoadReport.Outcome.UNCHANGED : LoadReport.Outcome.LOADED;
                var report = new LoadReport(fileName, outcome, tally.addedCount, tally.changedCount, tally.unchanged,
                        plan.agreementCount(), tally.changes, List.of(), millis, plan.agreementCount() * 1000.0 / millis, (int) revision);
                if (revision > 0) {
                    announced[0] = DealEvents.announce(afterCommit.get().epoch(), tally.amends, report);
                    logLoad(tx, announced[0]);
                }
                return report;
            };
            afterCommit.remove();
            // Operators (and the crash tests) tell a load's transaction in SHOW TRANSACTIONS by its file.
            var config = TransactionConfig.builder().withMetadata(Map.of("app", "dealgraph", "load", String.valueOf(fileName))).build();
            if (dryRun) {
                return new Loaded(session.executeRead(work, config), null);
            }
            var report = session.executeWrite(work, config);
            committed();
            sessions.committed(session);
            return new Loaded(report, announced[0]);
        }
    }

    /** A fact with its row and the fingerprint of everything the file says about it. */
    record Hashed(DealPlan.Fact fact, Map<String, Object> row) {
        static Hashed of(DealPlan.Fact fact) {
            var row = fact.row();
            row.put("hash", fingerprint(row));
            return new Hashed(fact, row);
        }

        String hash() {
            return (String) row.get("hash");
        }
    }

    /**
     * A curation write (a retraction, a restoration) under the load lock, in one transaction with the revision it
     * advances and its entry in the load log; {@code announce} says what it changed, given the new revision's epoch
     * and number. Returns the work's result, after the commit.
     */
    /** What a curation write did, and the graph revision it made. */
    public record Curated<T>(T result, GraphRevision.Revision revision) {
    }

    public <T> Curated<T> curate(Function<TransactionContext, T> work,
            BiFunction<T, GraphRevision.Revision, DealEvents.Announcement> announce) {
        try (var session = sessions.write()) {
            afterCommit.remove();
            var result = session.executeWrite(driverTx -> {
                var tx = spans.traced(driverTx);
                lock(tx);
                var done = work.apply(tx);
                advance(tx);
                logLoad(tx, announce.apply(done, afterCommit.get()));
                return done;
            });
            var revision = afterCommit.get();
            committed();
            sessions.committed(session);
            return new Curated<>(result, revision);
        }
    }

    /** Takes the load lock, then the moment of the write (MOMENT). */
    private static java.time.ZonedDateTime lock(TransactionContext tx) {
        tx.run(LOCK).consume();
        return tx.run(MOMENT).single().get("at").asZonedDateTime();
    }

    private static void logLoad(TransactionContext tx, DealEvents.Announcement announcement) {
        try {
            tx.run(LOG_LOAD, Map.of("epoch", announcement.epoch(), "revision", announcement.revision(),
                    "event", JSON.writeValueAsString(announcement))).consume();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long advance(TransactionContext tx) {
        var r = tx.run(ADVANCE).single();
        var epoch = r.get("epoch").asString();
        var number = r.get("revision").asLong();
        // Known here once the transaction commits; a retried transaction advances again, and only the last counts.
        afterCommit.set(new GraphRevision.Revision(epoch, number));
        return number;
    }

    /** Adds a source to an existing agreement; false when there is no such agreement. */
    public boolean attachSource(String agreement, DealPlan.PlannedSource planned, Confidence confidence, List<String> facts, String claim, String note) {
        var source = planned.row();
        var by = Callers.current();
        try (var session = sessions.write()) {
            afterCommit.remove();
            var done = session.executeWrite(driverTx -> {
                var tx = spans.traced(driverTx);
                var params = new HashMap<String, Object>();
                params.put("at", lock(tx));
                params.put("agreement", agreement);
                params.put("source", source);
                params.put("confidence", confidence.name());
                params.put("facts", facts);
                params.put("claim", claim);
                params.put("note", note);
                params.put("by", by);
                var attached = tx.run(ATTACH, params).single().get("attached").asLong() > 0;
                if (attached) {
                    var revision = advance(tx);
                    logLoad(tx, new DealEvents.Announcement(afterCommit.get().epoch(), (int) revision, "attachSource", 0, 1,
                            List.of(new LoadReport.Change("Agreement", agreement, LoadReport.Change.Kind.CHANGED)),
                            Map.of(agreement, DealEvents.Change.CHANGED), List.of()));
                }
                return attached;
            });
            committed();
            sessions.committed(session);
            return done;
        }
    }

    static String fingerprint(Object row) {
        var canonical = new StringBuilder();
        canonical(row, canonical);
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void canonical(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            var sorted = new TreeMap<String, Object>();
            // Absent values are left out, so a term added to the catalogue does not change the facts that do not state it.
            map.forEach((k, v) -> {
                if (v != null) {
                    sorted.put(String.valueOf(k), v);
                }
            });
            out.append('{');
            sorted.forEach((k, v) -> {
                out.append(k).append('=');
                canonical(v, out);
                out.append(';');
            });
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            list.forEach(v -> {
                canonical(v, out);
                out.append(',');
            });
            out.append(']');
        } else {
            out.append(value);
        }
    }

    /** Where a write comes from: the file (or mutation) and who sent it. */
    record Stamp(String file, String by, java.time.ZonedDateTime at) {
    }

}
