package org.dealgraph.load;

import static org.dealgraph.load.WriteStatements.*;

import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dealgraph.load.DealPlan.PlannedAgreement;
import org.dealgraph.load.DealWriter.Hashed;
import org.dealgraph.load.DealWriter.Stamp;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One load's batches as its transaction takes them: each sorted against the graph (added, changed, unchanged) and
 * counted, then written; links to facts that come later in the file (a parent company, an amended agreement) kept
 * until the whole file is written.
 */
final class BatchWrites {

    /** Rows per statement, so that a large file never builds one huge parameter. */
    static final int BATCH = 5_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TransactionContext tx;
    private final DealPlan plan;
    private final Stamp from;
    final Tally tally = new Tally();
    private final List<Map<String, Object>> laterParents = new ArrayList<>();
    private final List<Map<String, Object>> laterAmends = new ArrayList<>();

    BatchWrites(TransactionContext tx, DealPlan plan, Stamp from) {
        this.tx = tx;
        this.plan = plan;
        this.from = from;
    }

    /** Sorts a batch and, unless this is a dry run, writes what the graph does not hold as the file has it. */
    void take(DealBatches.Batch batch, boolean dryRun) {
        var sorted = tally.sort(tx, batch);
        if (!dryRun) {
            write(sorted, batch);
        }
    }

    /** The links kept for the end: every fact they join is written by now. */
    void finish() {
        run(tx, LATER_PARENTS, laterParents, from);
        run(tx, NEW_AMENDS, laterAmends, from);
    }

    /** A batch's facts sorted into those the graph does not hold and those it holds otherwise, with the latter's previous values. */
    private record Sorted(List<Hashed> added, List<Hashed> changed, List<Map<String, Object>> revisions) {
        List<Map<String, Object>> rows(boolean fresh) {
            return (fresh ? added : changed).stream().map(Hashed::row).toList();
        }
    }

    /** What a load counted over all its batches, and the first 1,000 changes it reports. */
    static final class Tally {
        final List<LoadReport.Change> changes = new ArrayList<>();
        /** The agreements each reported agreement amends: their subscribers hear of it too. */
        final Map<String, List<String>> amends = new LinkedHashMap<>();
        int addedCount;
        int changedCount;
        int unchanged;

        boolean changedAnything() {
            return addedCount + changedCount > 0;
        }

        void retracting(LoadReport.Change change) {
            changedCount++;
            if (changes.size() < 1000) {
                changes.add(change);
            }
        }

        private Sorted sort(TransactionContext tx, DealBatches.Batch batch) {
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

    private void write(Sorted sorted, DealBatches.Batch batch) {
        var section = batch.section();
        run(tx, REVISE.get(section.label), sorted.revisions(), from);
        switch (section) {
            case SOURCES -> upsert(SOURCES, sorted);
            case COMPANIES -> {
                for (var hashed : concat(sorted)) {
                    var company = (DealPlan.PlannedCompany) hashed.fact();
                    if (company.parent() != null
                            && plan.position(DealSection.COMPANIES, company.parent()) >= plan.position(DealSection.COMPANIES, company.id())) {
                        laterParents.add(Map.of("company", company.id(), "parent", company.parent()));
                        hashed.row().put("parent", null);
                    }
                }
                upsert(COMPANIES, sorted);
            }
            case PRODUCTS -> upsert(PRODUCTS, sorted);
            case PEOPLE -> upsert(PEOPLE, sorted);
            case STATEMENTS -> upsert(STATEMENTS, sorted);
            case AGREEMENTS -> {
                run(tx, AGREEMENT_NODES.query(false), sorted.changed().stream().map(BatchWrites::agreementNode).toList(), from);
                run(tx, AGREEMENT_NODES.query(true), sorted.added().stream().map(BatchWrites::agreementNode).toList(), from);
                run(tx, AGREEMENT_LINKS, sorted.changed().stream().map(h -> agreementLinks((PlannedAgreement) h.fact(), batch)).toList(), from);
                writeNewLinks(sorted.added().stream().map(h -> (PlannedAgreement) h.fact()).toList(), batch);
            }
            case RETRACTIONS -> throw new IllegalStateException("retractions are not written in batches");
        }
    }

    private static List<Hashed> concat(Sorted sorted) {
        var all = new ArrayList<>(sorted.changed());
        all.addAll(sorted.added());
        return all;
    }

    private void upsert(Upsert upsert, Sorted sorted) {
        run(tx, upsert.query(false), sorted.rows(false), from);
        run(tx, upsert.query(true), sorted.rows(true), from);
    }

    /**
     * An agreement's amendments that can be written with its batch; those of an agreement of this file not written
     * yet (it comes in a later batch) are kept for {@link #finish()}.
     */
    private List<Map<String, Object>> amendsNow(PlannedAgreement a, DealBatches.Batch batch) {
        var now = new ArrayList<Map<String, Object>>();
        for (var m : a.amends()) {
            var link = Map.<String, Object>of("agreement", a.id(), "target", m.target(), "props", DealPlan.present(m.properties()));
            (plan.position(DealSection.AGREEMENTS, m.target()) >= batch.end() ? laterAmends : now).add(link);
        }
        return now;
    }

    /** The links of agreements the graph does not hold yet, one flat list per relationship type. */
    private void writeNewLinks(List<PlannedAgreement> agreements, DealBatches.Batch batch) {
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
            amends.addAll(amendsNow(a, batch));
        }
        run(tx, NEW_PARTIES, parties, from);
        run(tx, NEW_PRODUCTS, products, from);
        run(tx, NEW_TRANCHES, tranches, from);
        run(tx, NEW_SOURCES, sources, from);
        run(tx, NEW_AMENDS, amends, from);
    }

    private static Map<String, Object> agreementNode(Hashed hashed) {
        var agreement = (PlannedAgreement) hashed.fact();
        return Map.of("id", agreement.id(), "props", agreement.properties(), "hash", hashed.hash());
    }

    /** The links of an agreement the graph holds already, written afresh by {@code AGREEMENT_LINKS}. */
    private Map<String, Object> agreementLinks(PlannedAgreement a, DealBatches.Batch batch) {
        return Map.of("id", a.id(),
                "parties", a.parties().stream().map(p -> Map.of("company", p.company(), "role", p.role())).toList(),
                "products", a.products(),
                "tranches", a.tranches().stream().map(t -> DealPlan.present(t.properties())).toList(),
                "sources", a.sources().stream().map(DealPlan.Citation::row).toList(),
                "amends", amendsNow(a, batch));
    }

    /** Writes rows in statements of {@link #BATCH} inside the one transaction. */
    static void run(TransactionContext tx, String cypher, List<Map<String, Object>> rows, Stamp from) {
        for (int i = 0; i < rows.size(); i += BATCH) {
            tx.run(cypher, Map.of("rows", rows.subList(i, Math.min(rows.size(), i + BATCH)), "from", from.file(), "by", from.by(), "at", from.at()))
                    .consume();
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
}
