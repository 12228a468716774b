package org.dealgraph.deal;

import java.nio.charset.StandardCharsets;

import org.dealgraph.database.GraphRevision;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.database.CypherSpans;
import org.dealgraph.security.Callers;
import org.dealgraph.database.GraphSessions;
import org.dealgraph.deal.DealPlan.PlannedAgreement;
import org.dealgraph.deal.InvalidDealFileException.Problem;
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

    // One UNWIND per kind of reference, so every look-up is an index seek even for a file of 100k rows.
    /**
     * The references a file makes that the graph does not hold. Every look-up names its index: a plan made when the
     * graph was nearly empty (the first part of a large load) would otherwise be reused for the next part, seconds
     * later, and scan 100,000 sources once per source of that part — found stuck for minutes in a 1M-agreement load.
     */
    private static final String MISSING = """
            CALL () { UNWIND $companies AS id OPTIONAL MATCH (n:Company {id: id}) USING INDEX n:Company(id) WITH id, n WHERE n IS NULL RETURN collect(id) AS companies }
            CALL () { UNWIND $products AS id OPTIONAL MATCH (n:Product {id: id}) USING INDEX n:Product(id) WITH id, n WHERE n IS NULL RETURN collect(id) AS products }
            CALL () { UNWIND $agreements AS id OPTIONAL MATCH (n:Agreement {id: id}) USING INDEX n:Agreement(id) WITH id, n WHERE n IS NULL RETURN collect(id) AS agreements }
            CALL () { UNWIND $sources AS id OPTIONAL MATCH (n:Source {id: id}) USING INDEX n:Source(id) WITH id, n WHERE n IS NULL RETURN collect(id) AS sources }
            CALL () {
                UNWIND $speakers AS id
                OPTIONAL MATCH (p:Person {id: id}) USING INDEX p:Person(id)
                OPTIONAL MATCH (c:Company {id: id}) USING INDEX c:Company(id)
                WITH id, p, c WHERE p IS NULL AND c IS NULL RETURN collect(id) AS speakers
            }
            CALL () {
                UNWIND $sourceUrls AS s
                MATCH (other:Source {url: s.url}) USING INDEX other:Source(url)
                WHERE other.id <> s.id
                RETURN collect(s.id) AS takenUrls
            }
            RETURN companies, products, agreements, sources, speakers, takenUrls""";

    /** Labels whose business ids are global ids (Relay's Node): an id names at most one node over all of them. */
    private static final Map<String, String> NODE_SECTIONS = new LinkedHashMap<>(Map.of("Source", "sources", "Company", "companies",
            "Product", "products", "Person", "people", "Agreement", "agreements", "Statement", "statements"));

    /** Ids the file defines under one label that the graph holds under another. */
    private static final String TAKEN_BY_ANOTHER_LABEL = String.join("\n", NODE_SECTIONS.keySet().stream().map(label ->
            "CALL () { UNWIND $not%1$s AS id MATCH (n:%1$s {id: id}) USING INDEX n:%1$s(id) RETURN collect(id) AS %1$s }".formatted(label)).toList())
            + "\nRETURN " + String.join(", ", NODE_SECTIONS.keySet());

    /**
     * A write of one kind of fact in two variants: for facts the graph holds already (merged on the business id,
     * their old links removed first) and for facts it does not hold yet (created, with no old links to remove; safe
     * because every load holds the load lock, so nobody adds them meanwhile). Both are spelled out in full.
     */
    private record Upsert(String changed, String added) {
        String query(boolean fresh) {
            return fresh ? added : changed;
        }
    }

    private static final String SOURCE_PROPERTIES = """
            SET s.url = row.url, s.publisher = row.publisher, s.published = row.published,
                s.publishedPrecision = row.publishedPrecision, s.publishedApproximate = row.publishedApproximate,
                s.retrieved = row.retrieved, s.retrievedPrecision = row.retrievedPrecision, s.note = row.note,
                s.contentHash = row.hash, s.recordedAt = datetime(), s.recordedFrom = $from, s.recordedBy = $by""";

    private static final Upsert SOURCES = new Upsert("""
            UNWIND $rows AS row
            MERGE (s:Source {id: row.id})
            """ + SOURCE_PROPERTIES, """
            UNWIND $rows AS row
            CREATE (s:Source {id: row.id})
            """ + SOURCE_PROPERTIES);

    /** The one way a fact's sources are linked: a SOURCED_BY per cited source, with what it supports and claims. */
    private static String cites(String node, String row) {
        return """
                CALL (%1$s, %2$s) {
                    UNWIND %2$s.sources AS ref
                    MATCH (s:Source {id: ref.source})
                    WHERE NOT EXISTS { (%1$s)-[:RETRACTED_SOURCED_BY]->(s) }
                    CREATE (%1$s)-[:SOURCED_BY {confidence: ref.confidence, facts: ref.facts, claim: ref.claim, note: ref.note}]->(s)
                }""".formatted(node, row).strip();
    }

    /** A retracted alias stays out when the company's file is loaded again (Retractions). */
    private static final String COMPANY_PROPERTIES = """
            WITH c, row, [x IN row.aliases WHERE NOT x IN coalesce(c.retractedAliases, [])] AS aliases
            WITH c, row, aliases, reduce(t = '', x IN aliases | CASE WHEN t = '' THEN x ELSE t + ' | ' + x END) AS aliasText
            SET c.name = row.name, c.aliases = aliases, c.aliasText = aliasText, c.kinds = row.kinds,
                c.nameKey = toLower(row.name + ' | ' + aliasText),
                c.description = row.description, c.contentHash = row.hash, c.recordedAt = datetime(), c.recordedFrom = $from, c.recordedBy = $by
            WITH c, row""";

    private static final String COMPANY_LINKS = """
            CALL (c, row) {
                MATCH (parent:Company {id: row.parent})
                MERGE (c)-[:SUBSIDIARY_OF]->(parent)
            }
            """ + cites("c", "row");

    private static final Upsert COMPANIES = new Upsert("""
            UNWIND $rows AS row
            MERGE (c:Company {id: row.id})
            %s
            CALL (c) { MATCH (c)-[old:SUBSIDIARY_OF|SOURCED_BY]->() DELETE old }
            %s""".formatted(COMPANY_PROPERTIES, COMPANY_LINKS), """
            UNWIND $rows AS row
            CREATE (c:Company {id: row.id})
            %s
            %s""".formatted(COMPANY_PROPERTIES, COMPANY_LINKS));

    private static final String PRODUCT_PROPERTIES = """
            SET p.name = row.name, p.aliases = row.aliases, p.aliasText = row.aliasText, p.kind = row.kind,
                p.launched = row.launched, p.launchedPrecision = row.launchedPrecision,
                p.contentHash = row.hash, p.recordedAt = datetime(), p.recordedFrom = $from, p.recordedBy = $by
            WITH p, row""";

    private static final String PRODUCT_OWNER = """
            MATCH (owner:Company {id: row.owner})
            MERGE (owner)-[:OFFERS]->(p)""";

    private static final Upsert PRODUCTS = new Upsert("""
            UNWIND $rows AS row
            MERGE (p:Product {id: row.id})
            %s
            CALL (p) { MATCH (:Company)-[old:OFFERS]->(p) DELETE old }
            %s""".formatted(PRODUCT_PROPERTIES, PRODUCT_OWNER), """
            UNWIND $rows AS row
            CREATE (p:Product {id: row.id})
            %s
            %s""".formatted(PRODUCT_PROPERTIES, PRODUCT_OWNER));

    private static final String PERSON_PROPERTIES = """
            SET p.name = row.name, p.aliases = row.aliases, p.aliasText = row.aliasText,
                p.contentHash = row.hash, p.recordedAt = datetime(), p.recordedFrom = $from, p.recordedBy = $by
            WITH p, row""";

    private static final String PERSON_ROLES = """
            UNWIND row.roles AS role
            WITH p, row, role WHERE NOT EXISTS { MATCH (:RetractedRole {id: role.id}) }
            MERGE (r:Role {id: role.id})
            SET r.title = role.title, r.from = role.from, r.fromPrecision = role.fromPrecision,
                r.until = role.until, r.untilPrecision = role.untilPrecision
            MERGE (p)-[:HOLDS]->(r)
            WITH r, role
            MATCH (c:Company {id: role.company})
            MERGE (r)-[:AT]->(c)
            WITH r, role""";

    private static final Upsert PEOPLE = new Upsert("""
            UNWIND $rows AS row
            MERGE (p:Person {id: row.id})
            %s
            CALL (p) { MATCH (p)-[old:HOLDS]->(:Role) DELETE old }
            WITH p, row
            %s
            CALL (r) { MATCH (r)-[old:SOURCED_BY]->() DELETE old }
            %s""".formatted(PERSON_PROPERTIES, PERSON_ROLES, cites("r", "role")), """
            UNWIND $rows AS row
            CREATE (p:Person {id: row.id})
            %s
            %s
            %s""".formatted(PERSON_PROPERTIES, PERSON_ROLES, cites("r", "role")));

    private static final String STATEMENT_PROPERTIES = """
            SET st.date = row.date, st.datePrecision = row.datePrecision, st.dateApproximate = row.dateApproximate,
                st.summary = row.summary, st.quote = row.quote,
                st.contentHash = row.hash, st.recordedAt = datetime(), st.recordedFrom = $from, st.recordedBy = $by
            WITH st, row""";

    private static final String STATEMENT_LINKS = """
            CALL (st, row) {
                MATCH (by {id: row.by}) WHERE by:Person OR by:Company
                MERGE (by)-[:MADE]->(st)
            }
            CALL (st, row) {
                UNWIND row.about AS about
                MATCH (a:Agreement {id: about})
                MERGE (st)-[:ABOUT]->(a)
            }
            """ + cites("st", "row");

    private static final Upsert STATEMENTS = new Upsert("""
            UNWIND $rows AS row
            MERGE (st:Statement {id: row.id})
            %s
            CALL (st) { MATCH (st)-[old:SOURCED_BY|ABOUT]->() DELETE old }
            CALL (st) { MATCH ()-[old:MADE]->(st) DELETE old }
            %s""".formatted(STATEMENT_PROPERTIES, STATEMENT_LINKS), """
            UNWIND $rows AS row
            CREATE (st:Statement {id: row.id})
            %s
            %s""".formatted(STATEMENT_PROPERTIES, STATEMENT_LINKS));

    private static final Upsert AGREEMENT_NODES = new Upsert("""
            UNWIND $rows AS row
            MERGE (a:Agreement {id: row.id})
            SET a += row.props, a.contentHash = row.hash, a.recordedAt = datetime(), a.recordedFrom = $from, a.recordedBy = $by""", """
            UNWIND $rows AS row
            CREATE (a:Agreement)
            SET a = row.props, a.contentHash = row.hash, a.recordedAt = datetime(), a.recordedFrom = $from, a.recordedBy = $by""");
    // Links of agreements the graph does not hold yet, one flat UNWIND per relationship type: the fast path of bulk loads.
    private static final String NEW_PARTIES = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.agreement}) MATCH (c:Company {id: row.company})
            CREATE (c)-[:PARTY_TO {role: row.role}]->(a)""";

    private static final String NEW_PRODUCTS = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.agreement}) MATCH (p:Product {id: row.product})
            CREATE (a)-[:CONCERNS]->(p)""";

    private static final String NEW_TRANCHES = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.agreement})
            CREATE (a)-[:HAS_TRANCHE]->(t:Tranche)
            SET t = row.props""";

    private static final String NEW_SOURCES = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.agreement}) MATCH (s:Source {id: row.source})
            CREATE (a)-[:SOURCED_BY {confidence: row.confidence, facts: row.facts, claim: row.claim, note: row.note}]->(s)""";

    private static final String NEW_AMENDS = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.agreement}) MATCH (target:Agreement {id: row.target})
            CREATE (a)-[r:AMENDS]->(target)
            SET r = row.props""";

    private static final String AGREEMENT_LINKS = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.id})
            CALL (a) { MATCH ()-[old:PARTY_TO]->(a) DELETE old }
            CALL (a) { MATCH (a)-[old:CONCERNS|SOURCED_BY|AMENDS]->() WHERE old.attached IS NULL DELETE old }
            CALL (a) { MATCH (a)-[:HAS_TRANCHE]->(t:Tranche) DETACH DELETE t }
            CALL (a, row) {
                UNWIND row.parties AS party
                MATCH (c:Company {id: party.company})
                CREATE (c)-[:PARTY_TO {role: party.role}]->(a)
            }
            CALL (a, row) {
                UNWIND row.products AS productId
                MATCH (p:Product {id: productId})
                CREATE (a)-[:CONCERNS]->(p)
            }
            CALL (a, row) {
                UNWIND row.tranches AS tranche
                CREATE (a)-[:HAS_TRANCHE]->(t:Tranche)
                SET t = tranche
            }
            %s
            CALL (a, row) {
                UNWIND row.amends AS m
                MATCH (target:Agreement {id: m.target})
                CREATE (a)-[r:AMENDS]->(target)
                SET r = m.props
            }""".formatted(cites("a", "row"));

    private static final String LOCK = "MERGE (l:_LoadLock {id: 'deal-files'}) SET l.lockedAt = datetime()";

    /**
     * Every write that changes the graph advances its revision, in the write's own transaction (under the lock): what
     * HTTP caches' ETags and the subscriptions' events are keyed on. The epoch tells a graph wiped and loaded afresh
     * from the one before, whose revisions may have had the same numbers.
     */
    private static final String ADVANCE = """
            MATCH (l:_LoadLock {id: 'deal-files'})
            SET l.revision = coalesce(l.revision, 0) + 1, l.epoch = coalesce(l.epoch, randomUUID())
            RETURN l.epoch AS epoch, l.revision AS revision""";

    /** The fingerprint and properties of what the graph holds already, one query per label. */
    private static final Map<String, String> EXISTING = new LinkedHashMap<>();

    private static final String ATTACH = """
            MATCH (a:Agreement {id: $agreement})
            MERGE (s:Source {id: $source.id})
            ON CREATE SET s.url = $source.url, s.publisher = $source.publisher, s.published = $source.published,
                s.publishedPrecision = $source.publishedPrecision, s.publishedApproximate = $source.publishedApproximate,
                s.note = $source.note, s.recordedAt = datetime(), s.recordedFrom = 'attachSource', s.recordedBy = $by
            MERGE (a)-[r:SOURCED_BY {attached: true}]->(s)
            SET r.confidence = $confidence, r.facts = $facts, r.claim = $claim, r.note = $note, r.recordedAt = datetime(), r.recordedBy = $by
            RETURN count(r) AS attached""";

    /** Keeps the previous values of changed facts, with when and from where they had been recorded. */
    private static final Map<String, String> REVISE = new LinkedHashMap<>();

    static {
        for (var label : List.of("Source", "Company", "Product", "Person", "Agreement", "Statement")) {
            EXISTING.put(label, """
                    UNWIND $ids AS id
                    MATCH (n:%s {id: id})
                    RETURN n.id AS id, n.contentHash AS hash, properties(n) AS props""".formatted(label));
            REVISE.put(label, """
                    UNWIND $rows AS row
                    MATCH (n:%s {id: row.id})
                    CREATE (n)-[:HAD_REVISION]->(:Revision {recordedAt: n.recordedAt, recordedFrom: n.recordedFrom, recordedBy: n.recordedBy,
                        replacedAt: datetime(), replacedBy: $from, replacedByCurator: $by, properties: row.previous,
                        sourceIds: [(n)-[:SOURCED_BY]->(s:Source) | s.id]})""".formatted(label));
        }
    }

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
                checkReferences(tx, fileName, plan);
                var sorted = new Sorted();
                sections(plan).forEach((label, facts) -> sorted.sort(tx, label, facts));
                var retracting = pendingRetractions(tx, fileName, plan);
                retracting.forEach(entry -> {
                    sorted.changedCount++;
                    if (sorted.changes.size() < 1000) {
                        sorted.changes.add(Retractions.change(entry));
                    }
                });
                var revision = -1L;
                if (!dryRun && sorted.addedCount + sorted.changedCount > 0) {
                    write(tx, sorted, new Stamp(fileName, by));
                    retracting.forEach(entry -> Retractions.apply(tx, entry, fileName, by));
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
            var existing = new HashMap<String, org.neo4j.driver.Record>();
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
    record Curated<T>(T result, GraphRevision.Revision revision) {
    }

    <T> Curated<T> curate(java.util.function.Function<TransactionContext, T> work,
            java.util.function.BiFunction<T, GraphRevision.Revision, DealEvents.Announcement> announce) {
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

    /** The load log other replicas read to tell their subscribers (DealEvents); the last 1,000 loads are kept. */
    private static final String LOG_LOAD = """
            CREATE (e:_LoadEvent {epoch: $epoch, revision: $revision, event: $event, at: datetime()})
            WITH e
            OPTIONAL MATCH (old:_LoadEvent) WHERE old.revision <= $revision - 1000 OR old.epoch <> $epoch
            DETACH DELETE old""";

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
    private static Map<String, List<? extends DealPlan.Fact>> sections(DealPlan plan) {
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
        props.forEach((k, v) -> plain.put(k, v instanceof java.time.temporal.Temporal ? v.toString() : v));
        try {
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file's retractions that would change the graph; one that names nothing rejects the file. */
    private static List<DealPlan.PlannedRetraction> pendingRetractions(TransactionContext tx, String fileName, DealPlan plan) {
        var problems = new ArrayList<Problem>();
        var pending = Retractions.pending(tx, plan.retractions, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDealFileException(fileName, problems);
        }
        return pending;
    }

    private static final String MERGED_IDS = """
            UNWIND $ids AS id
            MATCH (m:MergedCompany {id: id})<-[:RETRACTS]-(x:Retraction {kind: 'COMPANY_MERGE'}) WHERE x.restoredAt IS NULL
            RETURN m.id AS id, m.mergedInto AS survivor, x.reason AS reason""";

    private static final String RETRACTED_IDS = """
            UNWIND $ids AS id
            MATCH (a:RetractedAgreement {id: id})<-[:RETRACTS]-(x:Retraction {kind: 'AGREEMENT'}) WHERE x.restoredAt IS NULL
            RETURN a.id AS id, x.reason AS reason, x.by AS by, toString(x.at) AS at""";

    private static void checkReferences(TransactionContext tx, String fileName, DealPlan plan) {
        var missing = tx.run(MISSING, Map.of(
                "companies", List.copyOf(plan.referencedCompanies.keySet()),
                "products", List.copyOf(plan.referencedProducts.keySet()),
                "agreements", List.copyOf(plan.referencedAgreements.keySet()),
                "sources", List.copyOf(plan.referencedSources.keySet()),
                "speakers", List.copyOf(plan.referencedSpeakers.keySet()),
                "sourceUrls", plan.sources.stream().map(source -> Map.of("id", source.id(), "url", source.url())).toList())).single();
        var problems = new ArrayList<Problem>();
        var missingCompanies = new ArrayList<>(missing.get("companies").asList(v -> v.asString()));
        addMissing(problems, missing.get("products").asList(v -> v.asString()), plan.referencedProducts, "product");
        // Agreements retracted, whether the file records one again or refers to one: one look-up for both.
        var missingAgreements = new ArrayList<>(missing.get("agreements").asList(v -> v.asString()));
        var planned = plan.agreements.stream().map(PlannedAgreement::id).toList();
        var retractedWhere = new LinkedHashMap<String, String>();
        missingAgreements.forEach(id -> retractedWhere.put(id, plan.referencedAgreements.get(id)));
        for (int i = 0; i < planned.size(); i++) {
            retractedWhere.put(planned.get(i), "agreements[" + i + "].id");
        }
        tx.run(RETRACTED_IDS, Map.of("ids", List.copyOf(retractedWhere.keySet()))).forEachRemaining(r -> {
            var id = r.get("id").asString();
            var referred = missingAgreements.remove(id);
            problems.add(new Problem(retractedWhere.get(id), "'" + id + "' was retracted (" + r.get("reason").asString()
                    + "; by " + r.get("by").asString() + ", " + r.get("at").asString() + "): restore it (restoreFact) "
                    + (referred ? "first" : "to record it again, or give this agreement another id"), InvalidDealFileException.Kind.RETRACTED));
        });
        addMissing(problems, missingAgreements, plan.referencedAgreements, "agreement");
        addMissing(problems, missing.get("sources").asList(v -> v.asString()), plan.referencedSources, "source");
        var companies = new LinkedHashMap<String, String>();
        for (int i = 0; i < plan.companies.size(); i++) {
            companies.put(plan.companies.get(i).id(), "companies[" + i + "].id");
        }
        plan.referencedCompanies.forEach(companies::putIfAbsent);
        tx.run(MERGED_IDS, Map.of("ids", List.copyOf(companies.keySet()))).forEachRemaining(r -> {
            var id = r.get("id").asString();
            missingCompanies.remove(id);
            problems.add(new Problem(companies.get(id), "'" + id + "' was merged into '" + r.get("survivor").asString()
                    + "' (" + r.get("reason").asString() + "): use that id, or restore the company first", InvalidDealFileException.Kind.MERGED));
        });
        addMissing(problems, missingCompanies, plan.referencedCompanies, "company");
        addMissing(problems, missing.get("speakers").asList(v -> v.asString()), plan.referencedSpeakers, "person or company");
        var taken = missing.get("takenUrls").asList(v -> v.asString());
        for (int i = 0; i < plan.sources.size(); i++) {
            if (taken.contains(plan.sources.get(i).id())) {
                problems.add(new Problem("sources[" + i + "].url", "'" + plan.sources.get(i).url()
                        + "' is already recorded under another source id; cite that source instead"));
            }
        }
        checkGlobalIds(tx, plan, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDealFileException(fileName, problems);
        }
    }

    /** A business id is a global id: the file may not give one to two kinds of fact, nor one the graph holds under another label. */
    private static void checkGlobalIds(TransactionContext tx, DealPlan plan, List<Problem> problems) {
        var labelOf = new HashMap<String, String>();
        var where = new HashMap<String, String>();
        var sections = sections(plan);
        sections.forEach((label, facts) -> {
            for (int i = 0; i < facts.size(); i++) {
                var id = facts.get(i).id();
                var path = NODE_SECTIONS.get(label) + "[" + i + "].id";
                var other = labelOf.putIfAbsent(id, label);
                if (other != null && !other.equals(label)) {
                    problems.add(new Problem(path, "'" + id + "' is already the id of a " + other.toLowerCase(java.util.Locale.ROOT)
                            + " in this file (" + where.get(id) + "); ids are unique over all kinds of fact"));
                }
                where.putIfAbsent(id, path);
            }
        });
        var params = new HashMap<String, Object>();
        for (var label : NODE_SECTIONS.keySet()) {
            params.put("not" + label, labelOf.entrySet().stream().filter(e -> !e.getValue().equals(label)).map(Map.Entry::getKey).toList());
        }
        var taken = tx.run(TAKEN_BY_ANOTHER_LABEL, params).single();
        for (var label : NODE_SECTIONS.keySet()) {
            for (var id : taken.get(label).asList(v -> v.asString())) {
                problems.add(new Problem(where.get(id), "'" + id + "' is the id of a " + label.toLowerCase(java.util.Locale.ROOT)
                        + " in the graph; ids are unique over all kinds of fact (they are Relay's global ids): choose another"));
            }
        }
    }

    private static void addMissing(List<Problem> problems, List<String> missing, Map<String, String> where, String what) {
        for (var id : missing) {
            problems.add(new Problem(where.get(id), "no " + what + " '" + id
                    + "' in this file or in the graph; define it in the file or load the file that does first"));
        }
    }

    /** Writes rows in batches inside the one transaction, so a large file never builds one huge parameter. */
    /** Where a write comes from: the file (or mutation) and who sent it. */
    record Stamp(String file, String by) {
    }

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
