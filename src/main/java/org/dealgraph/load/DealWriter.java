package org.dealgraph.load;

import static org.dealgraph.load.WriteStatements.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.database.CypherSpans;
import org.dealgraph.database.GraphRevision;
import org.dealgraph.database.GraphSessions;
import org.dealgraph.load.DealPlan.PlannedAgreement;
import org.dealgraph.security.Callers;
import org.dealgraph.value.Confidence;
import org.neo4j.driver.Value;
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
                if (!dryRun) {
                    tx.run(LOCK).consume();
                }
                ReferenceRepository.checkReferences(tx, fileName, plan);
                var retracting = ReferenceRepository.pendingRetractions(tx, fileName, plan);
                var tally = new Tally();
                var stamp = new Stamp(fileName, by);
                var later = new Later();
                try (var batches = DealBatches.start(fileName, entries, plan)) {
                    for (var batch = batches.next(); batch != null; batch = batches.next()) {
                        var sorted = tally.sort(tx, batch);
                        if (!dryRun) {
                            write(tx, sorted, batch, plan, later, stamp);
                        }
                    }
                }
                retracting.forEach(entry -> {
                    tally.changedCount++;
                    if (tally.changes.size() < 1000) {
                        tally.changes.add(RetractionWrites.change(entry));
                    }
                });
                var revision = -1L;
                if (!dryRun && tally.addedCount + tally.changedCount > 0) {
                    later.write(tx, stamp);
                    retracting.forEach(entry -> RetractionWrites.apply(tx, entry, fileName, by));
                    revision = advance(tx);
                }
                var millis = (int) Math.max(1, (System.nanoTime() - started) / 1_000_000);
                var outcome = dryRun ? LoadReport.Outcome.DRY_RUN
                        : tally.addedCount + tally.changedCount == 0 ? LoadReport.Outcome.UNCHANGED : LoadReport.Outcome.LOADED;
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

    /** A batch's facts sorted into those the graph does not hold and those it holds otherwise, with the latter's previous values. */
    private record Sorted(List<Hashed> added, List<Hashed> changed, List<Map<String, Object>> revisions) {
        List<Map<String, Object>> rows(boolean fresh) {
            return (fresh ? added : changed).stream().map(Hashed::row).toList();
        }
    }

    /** What a load counted over all its batches, and the first 1,000 changes it reports. */
    private static final class Tally {
        final List<LoadReport.Change> changes = new ArrayList<>();
        /** The agreements each reported agreement amends: their subscribers hear of it too. */
        final Map<String, List<String>> amends = new LinkedHashMap<>();
        int addedCount;
        int changedCount;
        int unchanged;

        Sorted sort(TransactionContext tx, DealBatches.Batch batch) {
            var label = batch.section().label;
            var existing = new HashMap<String, String>();
            tx.run(EXISTING.get(label), Map.of("ids", batch.facts().stream().map(h -> h.fact().id()).toList()))
                    .forEachRemaining(r -> existing.put(r.get("id").asString(), r.get("hash").asString("")));
            var sorted = new Sorted(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (var hashed : batch.facts()) {
                var fact = hashed.fact();
                var before = existing.get(fact.id());
                if (before == null) {
                    addedCount++;
                    sorted.added.add(hashed);
                    note(hashed, new LoadReport.Change(label, fact.id(), LoadReport.Change.Kind.ADDED));
                } else if (!hashed.hash().equals(before)) {
                    changedCount++;
                    sorted.changed.add(hashed);
                } else {
                    unchanged++;
                }
            }
            if (!sorted.changed.isEmpty()) {
                // Only what changed is read whole: an unchanged reload reads fingerprints alone.
                var previous = new HashMap<String, Value>();
                tx.run(PREVIOUS.get(label), Map.of("ids", sorted.changed.stream().map(h -> h.fact().id()).toList()))
                        .forEachRemaining(r -> previous.put(r.get("id").asString(), r.get("props")));
                for (var hashed : sorted.changed) {
                    var props = previous.get(hashed.fact().id());
                    sorted.revisions.add(Map.of("id", hashed.fact().id(), "previous", json(props.asMap())));
                    if (changes.size() < 1000) {
                        note(hashed, new LoadReport.Change(label, hashed.fact().id(), LoadReport.Change.Kind.CHANGED,
                                FieldDiff.of(label, props, hashed.row())));
                    }
                }
            }
            return sorted;
        }

        private void note(Hashed hashed, LoadReport.Change change) {
            if (changes.size() < 1000) {
                changes.add(change);
                if (hashed.fact() instanceof PlannedAgreement a && !a.amends().isEmpty()) {
                    amends.put(a.id(), a.amends().stream().map(DealPlan.PlannedAmendment::target).toList());
                }
            }
        }
    }

    /**
     * Links to a fact of the same file that comes later in its list (a parent company, an amended agreement): written
     * once the whole file is, as few as the file has such links.
     */
    private static final class Later {
        final List<Map<String, Object>> parents = new ArrayList<>();
        final List<Map<String, Object>> amends = new ArrayList<>();

        void write(TransactionContext tx, Stamp from) {
            run(tx, LATER_PARENTS, parents, from);
            run(tx, NEW_AMENDS, amends, from);
        }
    }

    private static void write(TransactionContext tx, Sorted sorted, DealBatches.Batch batch, DealPlan plan, Later later, Stamp from) {
        var section = batch.section();
        run(tx, REVISE.get(section.label), sorted.revisions(), from);
        switch (section) {
            case SOURCES -> upsert(tx, SOURCES, sorted, from);
            case COMPANIES -> {
                for (var hashed : concat(sorted)) {
                    var company = (DealPlan.PlannedCompany) hashed.fact();
                    if (company.parent() != null
                            && plan.position(DealSection.COMPANIES, company.parent()) >= plan.position(DealSection.COMPANIES, company.id())) {
                        later.parents.add(Map.of("company", company.id(), "parent", company.parent()));
                        hashed.row().put("parent", null);
                    }
                }
                upsert(tx, COMPANIES, sorted, from);
            }
            case PRODUCTS -> upsert(tx, PRODUCTS, sorted, from);
            case PEOPLE -> upsert(tx, PEOPLE, sorted, from);
            case STATEMENTS -> upsert(tx, STATEMENTS, sorted, from);
            case AGREEMENTS -> {
                var changed = sorted.changed().stream().map(h -> (PlannedAgreement) h.fact()).toList();
                var added = sorted.added().stream().map(h -> (PlannedAgreement) h.fact()).toList();
                run(tx, AGREEMENT_NODES.query(false), sorted.changed().stream().map(DealWriter::agreementNode).toList(), from);
                run(tx, AGREEMENT_NODES.query(true), sorted.added().stream().map(DealWriter::agreementNode).toList(), from);
                run(tx, AGREEMENT_LINKS, changed.stream().map(a -> agreementLinks(a, plan, batch, later)).toList(), from);
                writeNewLinks(tx, added, plan, batch, later, from);
            }
            case RETRACTIONS -> throw new IllegalStateException("retractions are not written in batches");
        }
    }

    private static List<Hashed> concat(Sorted sorted) {
        var all = new ArrayList<>(sorted.changed());
        all.addAll(sorted.added());
        return all;
    }

    private static void upsert(TransactionContext tx, Upsert upsert, Sorted sorted, Stamp from) {
        run(tx, upsert.query(false), sorted.rows(false), from);
        run(tx, upsert.query(true), sorted.rows(true), from);
    }

    /** True when an amendment's target is an agreement of this file not written yet (it comes in a later batch). */
    private static boolean later(DealPlan plan, DealBatches.Batch batch, String target) {
        return plan.position(DealSection.AGREEMENTS, target) >= batch.end();
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
                tx.run(LOCK).consume();
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
                tx.run(LOCK).consume();
                var params = new HashMap<String, Object>();
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

    /** The links of agreements the graph does not hold yet, one flat list per relationship type. */
    private static void writeNewLinks(TransactionContext tx, List<PlannedAgreement> agreements, DealPlan plan, DealBatches.Batch batch,
            Later later, Stamp from) {
        var parties = new ArrayList<Map<String, Object>>();
        var products = new ArrayList<Map<String, Object>>();
        var tranches = new ArrayList<Map<String, Object>>();
        var sources = new ArrayList<Map<String, Object>>();
        var amends = new ArrayList<Map<String, Object>>();
        for (var a : agreements) {
            a.parties().forEach(p -> parties.add(Map.of("agreement", a.id(), "company", p.company(), "role", p.role())));
            a.products().forEach(p -> products.add(Map.of("agreement", a.id(), "product", p)));
            a.tranches().forEach(t -> tranches.add(Map.of("agreement", a.id(), "props", DealPlan.present(t.properties()))));
            for (var citation : a.sources()) {
                var link = citation.row();
                link.put("agreement", a.id());
                sources.add(link);
            }
            a.amends().forEach(m -> (later(plan, batch, m.target()) ? later.amends : amends).add(Map.of("agreement", a.id(),
                    "target", m.target(), "props", DealPlan.present(m.properties()))));
        }
        run(tx, NEW_PARTIES, parties, from);
        run(tx, NEW_PRODUCTS, products, from);
        run(tx, NEW_TRANCHES, tranches, from);
        run(tx, NEW_SOURCES, sources, from);
        run(tx, NEW_AMENDS, amends, from);
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

    private static String json(Map<String, Object> props) {
        var plain = new TreeMap<String, Object>();
        props.forEach((k, v) -> plain.put(k, v instanceof Temporal ? v.toString() : v));
        try {
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a write comes from: the file (or mutation) and who sent it. */
    record Stamp(String file, String by) {
    }

    /** Writes rows in batches inside the one transaction, so a large file never builds one huge parameter. */
    private static void run(TransactionContext tx, String cypher, List<Map<String, Object>> rows, Stamp from) {
        for (int i = 0; i < rows.size(); i += BATCH) {
            tx.run(cypher, Map.of("rows", rows.subList(i, Math.min(rows.size(), i + BATCH)), "from", from.file(), "by", from.by()))
                    .consume();
        }
    }

    static final int BATCH = 5_000;

    private static Map<String, Object> agreementNode(Hashed hashed) {
        var agreement = (PlannedAgreement) hashed.fact();
        return Map.of("id", agreement.id(), "props", agreement.properties(), "hash", hashed.hash());
    }

    /** The links of an agreement the graph holds already, written afresh by {@link #AGREEMENT_LINKS}. */
    private static Map<String, Object> agreementLinks(PlannedAgreement a, DealPlan plan, DealBatches.Batch batch, Later later) {
        var amends = new ArrayList<Map<String, Object>>();
        for (var m : a.amends()) {
            var link = Map.<String, Object>of("target", m.target(), "props", DealPlan.present(m.properties()));
            if (later(plan, batch, m.target())) {
                var deferred = new HashMap<>(link);
                deferred.put("agreement", a.id());
                later.amends.add(deferred);
            } else {
                amends.add(link);
            }
        }
        return Map.of("id", a.id(),
                "parties", a.parties().stream().map(p -> Map.of("company", p.company(), "role", p.role())).toList(),
                "products", a.products(),
                "tranches", a.tranches().stream().map(t -> DealPlan.present(t.properties())).toList(),
                "sources", a.sources().stream().map(DealPlan.Citation::row).toList(),
                "amends", amends);
    }
}
