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
import org.neo4j.driver.Record;
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

    /**
     * Loads the plan in one transaction: everything in the file, or nothing. Facts already in the graph as the file
     * has them are left alone; changed facts keep their previous values as a {@code Revision}. A dry run checks and
     * classifies the same way, in a read transaction, and writes nothing.
     */
    public LoadReport load(String fileName, DealPlan plan, boolean dryRun) {
        var started = System.nanoTime();
        var by = Callers.current();
        try (var session = sessions.write()) {
            TransactionCallback<LoadReport> work = driverTx -> {
                var tx = spans.traced(driverTx);
                if (!dryRun) {
                    tx.run(LOCK).consume();
                }
                ReferenceRepository.checkReferences(tx, fileName, plan);
                var sorted = new Sorted();
                sections(plan).forEach((label, facts) -> sorted.sort(tx, label, facts));
                var retracting = ReferenceRepository.pendingRetractions(tx, fileName, plan);
                retracting.forEach(entry -> {
                    sorted.changedCount++;
                    if (sorted.changes.size() < 1000) {
                        sorted.changes.add(RetractionWrites.change(entry));
                    }
                });
                var revision = -1L;
                if (!dryRun && sorted.addedCount + sorted.changedCount > 0) {
                    write(tx, sorted, new Stamp(fileName, by));
                    retracting.forEach(entry -> RetractionWrites.apply(tx, entry, fileName, by));
                    revision = advance(tx);
                }
                var millis = (int) Math.max(1, (System.nanoTime() - started) / 1_000_000);
                var outcome = dryRun ? LoadReport.Outcome.DRY_RUN
                        : sorted.addedCount + sorted.changedCount == 0 ? LoadReport.Outcome.UNCHANGED : LoadReport.Outcome.LOADED;
                var report = new LoadReport(fileName, outcome, sorted.addedCount, sorted.changedCount, sorted.unchanged,
                        plan.agreementCount(), sorted.changes, List.of(), millis, plan.agreementCount() * 1000.0 / millis, (int) revision);
                if (revision > 0) {
                    logLoad(tx, DealEvents.announce(afterCommit.get().epoch(), plan, report));
                }
                return report;
            };
            afterCommit.remove();
            // Operators (and the crash tests) tell a load's transaction in SHOW TRANSACTIONS by its file.
            var config = TransactionConfig.builder().withMetadata(Map.of("app", "dealgraph", "load", String.valueOf(fileName))).build();
            if (dryRun) {
                return session.executeRead(work, config);
            }
            var report = session.executeWrite(work, config);
            committed();
            sessions.committed(session);
            return report;
        }
    }

    /** A fact of the plan with its row and the fingerprint of everything the file says about it. */
    private record Hashed(DealPlan.Fact fact, Map<String, Object> row) {
        static Hashed of(DealPlan.Fact fact) {
            var row = fact.row();
            row.put("hash", fingerprint(row));
            return new Hashed(fact, row);
        }

        String hash() {
            return (String) row.get("hash");
        }
    }

    /** The plan's facts sorted into those the graph does not hold, holds otherwise, or holds as they are. */
    private static final class Sorted {
        final Map<String, List<Hashed>> added = new LinkedHashMap<>();
        final Map<String, List<Hashed>> changed = new LinkedHashMap<>();
        final Map<String, List<Map<String, Object>>> revisions = new LinkedHashMap<>();
        final List<LoadReport.Change> changes = new ArrayList<>();
        int addedCount;
        int changedCount;
        int unchanged;

        void sort(TransactionContext tx, String label, List<? extends DealPlan.Fact> facts) {
            var existing = new HashMap<String, Record>();
            if (!facts.isEmpty()) {
                tx.run(EXISTING.get(label), Map.of("ids", facts.stream().map(DealPlan.Fact::id).toList()))
                        .forEachRemaining(r -> existing.put(r.get("id").asString(), r));
            }
            var adds = added.computeIfAbsent(label, l -> new ArrayList<>());
            var writes = changed.computeIfAbsent(label, l -> new ArrayList<>());
            for (var fact : facts) {
                var hashed = Hashed.of(fact);
                var before = existing.get(fact.id());
                if (before == null) {
                    addedCount++;
                    adds.add(hashed);
                    note(label, fact.id(), LoadReport.Change.Kind.ADDED);
                } else if (!hashed.hash().equals(before.get("hash").asString(null))) {
                    changedCount++;
                    writes.add(hashed);
                    revisions.computeIfAbsent(label, l -> new ArrayList<>())
                            .add(Map.of("id", fact.id(), "previous", json(before.get("props").asMap())));
                    if (changes.size() < 1000) {
                        changes.add(new LoadReport.Change(label, fact.id(), LoadReport.Change.Kind.CHANGED,
                                FieldDiff.of(label, before.get("props"), hashed.row())));
                    }
                } else {
                    unchanged++;
                }
            }
        }

        private void note(String label, String id, LoadReport.Change.Kind change) {
            if (changes.size() < 1000) {
                changes.add(new LoadReport.Change(label, id, change));
            }
        }

        List<Map<String, Object>> rows(Map<String, List<Hashed>> facts, String label) {
            return facts.getOrDefault(label, List.of()).stream().map(Hashed::row).toList();
        }
    }

    private static void write(TransactionContext tx, Sorted sorted, Stamp from) {
        sorted.revisions.forEach((label, rows) -> run(tx, REVISE.get(label), rows, from));
        for (var fresh : List.of(false, true)) {
            var facts = fresh ? sorted.added : sorted.changed;
            run(tx, SOURCES.query(fresh), sorted.rows(facts, "Source"), from);
            run(tx, COMPANIES.query(fresh), sorted.rows(facts, "Company"), from);
            run(tx, PRODUCTS.query(fresh), sorted.rows(facts, "Product"), from);
            run(tx, PEOPLE.query(fresh), sorted.rows(facts, "Person"), from);
        }
        var changedAgreements = agreements(sorted.changed);
        var newAgreements = agreements(sorted.added);
        run(tx, AGREEMENT_NODES.query(false), changedAgreements.stream().map(DealWriter::agreementNode).toList(), from);
        run(tx, AGREEMENT_NODES.query(true), newAgreements.stream().map(DealWriter::agreementNode).toList(), from);
        run(tx, AGREEMENT_LINKS, changedAgreements.stream().map(h -> agreementLinks((PlannedAgreement) h.fact())).toList(), from);
        writeNewLinks(tx, newAgreements.stream().map(h -> (PlannedAgreement) h.fact()).toList(), from);
        run(tx, STATEMENTS.query(false), sorted.rows(sorted.changed, "Statement"), from);
        run(tx, STATEMENTS.query(true), sorted.rows(sorted.added, "Statement"), from);
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

    private static List<Hashed> agreements(Map<String, List<Hashed>> facts) {
        return facts.getOrDefault("Agreement", List.of());
    }

    /** Adds a source to an existing agreement; false when there is no such agreement. */
    public boolean attachSource(String agreement, DealPlan plan, Confidence confidence, List<String> facts, String claim, String note) {
        var source = plan.sources.get(0).row();
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
    private static void writeNewLinks(TransactionContext tx, List<PlannedAgreement> agreements, Stamp from) {
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
            a.amends().forEach(m -> amends.add(Map.of("agreement", a.id(), "target", m.target(),
                    "props", DealPlan.present(m.properties()))));
        }
        run(tx, NEW_PARTIES, parties, from);
        run(tx, NEW_PRODUCTS, products, from);
        run(tx, NEW_TRANCHES, tranches, from);
        run(tx, NEW_SOURCES, sources, from);
        run(tx, NEW_AMENDS, amends, from);
    }

    /** The plan's facts by label, in the order they are written. */
    static Map<String, List<? extends DealPlan.Fact>> sections(DealPlan plan) {
        var sections = new LinkedHashMap<String, List<? extends DealPlan.Fact>>();
        sections.put("Source", plan.sources);
        sections.put("Company", plan.companies);
        sections.put("Product", plan.products);
        sections.put("Person", plan.people);
        sections.put("Agreement", plan.agreements);
        sections.put("Statement", plan.statements);
        return sections;
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
    private static Map<String, Object> agreementLinks(PlannedAgreement a) {
        return Map.of("id", a.id(),
                "parties", a.parties().stream().map(p -> Map.of("company", p.company(), "role", p.role())).toList(),
                "products", a.products(),
                "tranches", a.tranches().stream().map(t -> DealPlan.present(t.properties())).toList(),
                "sources", a.sources().stream().map(DealPlan.Citation::row).toList(),
                "amends", a.amends().stream().map(m -> Map.of("target", m.target(), "props", DealPlan.present(m.properties()))).toList());
    }
}
