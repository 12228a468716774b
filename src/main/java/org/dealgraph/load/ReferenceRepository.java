package org.dealgraph.load;

import static org.dealgraph.load.WriteStatements.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dealgraph.dealfile.InvalidDealFileException;
import org.dealgraph.dealfile.InvalidDealFileException.Problem;
import org.neo4j.driver.TransactionContext;

/**
 * What a file refers to, looked up in the graph inside the load's own transaction before anything is written: every
 * referenced id exists (in the file or the graph), no id is taken under another label, no retracted or merged id
 * comes back, and which of the file's retractions would change anything. A problem rejects the whole file.
 */
final class ReferenceRepository {

    private ReferenceRepository() {
    }

    /** A file's retractions that would change the graph; one that names nothing rejects the file. */
    static List<DealPlan.PlannedRetraction> pendingRetractions(TransactionContext tx, String fileName, DealPlan plan) {
        var problems = new ArrayList<Problem>();
        var pending = RetractionWrites.pending(tx, plan.retractions, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDealFileException(fileName, problems);
        }
        return pending;
    }

    static void checkReferences(TransactionContext tx, String fileName, DealPlan plan) {
        var missing = tx.run(MISSING, Map.of(
                "companies", List.copyOf(plan.referencedCompanies.keySet()),
                "products", List.copyOf(plan.referencedProducts.keySet()),
                "agreements", List.copyOf(plan.referencedAgreements.keySet()),
                "sources", List.copyOf(plan.referencedSources.keySet()),
                "speakers", List.copyOf(plan.referencedSpeakers.keySet()),
                "sourceUrls", plan.sourceUrls.entrySet().stream().map(e -> Map.of("id", e.getKey(), "url", e.getValue())).toList())).single();
        var problems = new ArrayList<Problem>();
        var missingCompanies = new ArrayList<>(missing.get("companies").asList(v -> v.asString()));
        addMissing(problems, missing.get("products").asList(v -> v.asString()), plan.referencedProducts, "product");
        // Agreements retracted, whether the file records one again or refers to one: one look-up for both.
        var missingAgreements = new ArrayList<>(missing.get("agreements").asList(v -> v.asString()));
        var retractedWhere = new LinkedHashMap<String, String>();
        missingAgreements.forEach(id -> retractedWhere.put(id, plan.referencedAgreements.get(id)));
        plan.ids(DealSection.AGREEMENTS).forEach(id -> retractedWhere.put(id, where(plan, DealSection.AGREEMENTS, id)));
        for (var ids : chunks(retractedWhere.keySet())) {
            tx.run(RETRACTED_IDS, Map.of("ids", ids)).forEachRemaining(r -> {
                var id = r.get("id").asString();
                var referred = missingAgreements.remove(id);
                problems.add(new Problem(retractedWhere.get(id), "'" + id + "' was retracted (" + r.get("reason").asString()
                        + "; by " + r.get("by").asString() + ", " + r.get("at").asString() + "): restore it (restoreFact) "
                        + (referred ? "first" : "to record it again, or give this agreement another id"), InvalidDealFileException.Kind.RETRACTED));
            });
        }
        addMissing(problems, missingAgreements, plan.referencedAgreements, "agreement");
        addMissing(problems, missing.get("sources").asList(v -> v.asString()), plan.referencedSources, "source");
        var companies = new LinkedHashMap<String, String>();
        plan.ids(DealSection.COMPANIES).forEach(id -> companies.put(id, where(plan, DealSection.COMPANIES, id)));
        plan.referencedCompanies.forEach(companies::putIfAbsent);
        for (var ids : chunks(companies.keySet())) {
            tx.run(MERGED_IDS, Map.of("ids", ids)).forEachRemaining(r -> {
                var id = r.get("id").asString();
                missingCompanies.remove(id);
                problems.add(new Problem(companies.get(id), "'" + id + "' was merged into '" + r.get("survivor").asString()
                        + "' (" + r.get("reason").asString() + "): use that id, or restore the company first", InvalidDealFileException.Kind.MERGED));
            });
        }
        addMissing(problems, missingCompanies, plan.referencedCompanies, "company");
        addMissing(problems, missing.get("speakers").asList(v -> v.asString()), plan.referencedSpeakers, "person or company");
        for (var id : missing.get("takenUrls").asList(v -> v.asString())) {
            problems.add(new Problem("sources[" + plan.position(DealSection.SOURCES, id) + "].url", "'" + plan.sourceUrls.get(id)
                    + "' is already recorded under another source id; cite that source instead"));
        }
        checkGlobalIds(tx, plan, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDealFileException(fileName, problems);
        }
    }

    private static String where(DealPlan plan, DealSection section, String id) {
        return section.field + "[" + plan.position(section, id) + "].id";
    }

    /** Ids in parameters of at most 10,000: a file of a million facts never builds one huge message. */
    private static List<List<String>> chunks(java.util.Collection<String> ids) {
        var chunks = new ArrayList<List<String>>();
        var chunk = new ArrayList<String>();
        for (var id : ids) {
            chunk.add(id);
            if (chunk.size() == 10_000) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** A business id is a global id: the file may not give one to two kinds of fact, nor one the graph holds under another label. */
    private static void checkGlobalIds(TransactionContext tx, DealPlan plan, List<Problem> problems) {
        var labelOf = new HashMap<String, String>();
        var where = new HashMap<String, String>();
        for (var section : DealSection.NODES) {
            for (var id : plan.ids(section)) {
                var path = where(plan, section, id);
                var other = labelOf.putIfAbsent(id, section.label);
                if (other != null && !other.equals(section.label)) {
                    problems.add(new Problem(path, "'" + id + "' is already the id of a " + other.toLowerCase(Locale.ROOT)
                            + " in this file (" + where.get(id) + "); ids are unique over all kinds of fact"));
                }
                where.putIfAbsent(id, path);
            }
        }
        for (var ids : chunks(labelOf.keySet())) {
            var params = new HashMap<String, Object>();
            for (var label : NODE_SECTIONS.keySet()) {
                params.put("not" + label, ids.stream().filter(id -> !labelOf.get(id).equals(label)).toList());
            }
            var taken = tx.run(TAKEN_BY_ANOTHER_LABEL, params).single();
            for (var label : NODE_SECTIONS.keySet()) {
                for (var id : taken.get(label).asList(v -> v.asString())) {
                    problems.add(new Problem(where.get(id), "'" + id + "' is the id of a " + label.toLowerCase(Locale.ROOT)
                            + " in the graph; ids are unique over all kinds of fact (they are Relay's global ids): choose another"));
                }
            }
        }
    }

    private static void addMissing(List<Problem> problems, List<String> missing, Map<String, String> where, String what) {
        for (var id : missing) {
            problems.add(new Problem(where.get(id), "no " + what + " '" + id
                    + "' in this file or in the graph; define it in the file or load the file that does first"));
        }
    }
}
