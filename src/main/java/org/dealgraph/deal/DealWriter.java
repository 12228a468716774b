package org.dealgraph.deal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.deal.InvalidDealFileException.Problem;
import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;

/**
 * Writes a {@link DealPlan} in one transaction: everything in the file, or nothing. Every node is merged on its
 * business id (a uniqueness constraint stands behind each MERGE), so loading the same file twice changes nothing.
 */
@ApplicationScoped
public class DealWriter {

    private static final String MISSING = """
            RETURN [id IN $companies WHERE NOT EXISTS { MATCH (:Company {id: id}) }] AS companies,
                   [id IN $products WHERE NOT EXISTS { MATCH (:Product {id: id}) }] AS products,
                   [id IN $agreements WHERE NOT EXISTS { MATCH (:Agreement {id: id}) }] AS agreements,
                   [id IN $sources WHERE NOT EXISTS { MATCH (:Source {id: id}) }] AS sources,
                   [id IN $speakers WHERE NOT EXISTS { MATCH (n {id: id}) WHERE n:Person OR n:Company }] AS speakers""";

    private static final String SOURCES = """
            UNWIND $rows AS row
            MERGE (s:Source {id: row.id})
            SET s.url = row.url, s.publisher = row.publisher, s.published = row.published,
                s.publishedPrecision = row.publishedPrecision, s.publishedApproximate = row.publishedApproximate,
                s.retrieved = row.retrieved, s.retrievedPrecision = row.retrievedPrecision, s.note = row.note""";

    private static final String COMPANIES = """
            UNWIND $rows AS row
            MERGE (c:Company {id: row.id})
            SET c.name = row.name, c.aliases = row.aliases, c.aliasText = row.aliasText, c.kinds = row.kinds,
                c.description = row.description
            WITH c, row
            CALL (c) { MATCH (c)-[old:SUBSIDIARY_OF|SOURCED_BY]->() DELETE old }
            CALL (c, row) {
                MATCH (parent:Company {id: row.parent})
                MERGE (c)-[:SUBSIDIARY_OF]->(parent)
            }
            CALL (c, row) {
                UNWIND row.sources AS ref
                MATCH (s:Source {id: ref.source})
                CREATE (c)-[:SOURCED_BY {confidence: ref.confidence, facts: ref.facts, claim: ref.claim, note: ref.note}]->(s)
            }""";

    private static final String PRODUCTS = """
            UNWIND $rows AS row
            MERGE (p:Product {id: row.id})
            SET p.name = row.name, p.aliases = row.aliases, p.aliasText = row.aliasText, p.kind = row.kind,
                p.launched = row.launched, p.launchedPrecision = row.launchedPrecision
            WITH p, row
            CALL (p) { MATCH (:Company)-[old:OFFERS]->(p) DELETE old }
            MATCH (owner:Company {id: row.owner})
            MERGE (owner)-[:OFFERS]->(p)""";

    private static final String PEOPLE = """
            UNWIND $rows AS row
            MERGE (p:Person {id: row.id})
            SET p.name = row.name, p.aliases = row.aliases, p.aliasText = row.aliasText
            WITH p, row
            UNWIND row.roles AS role
            MERGE (r:Role {id: role.id})
            SET r.title = role.title, r.from = role.from, r.fromPrecision = role.fromPrecision,
                r.until = role.until, r.untilPrecision = role.untilPrecision
            MERGE (p)-[:HOLDS]->(r)
            WITH r, role
            MATCH (c:Company {id: role.company})
            MERGE (r)-[:AT]->(c)
            WITH r, role
            CALL (r) { MATCH (r)-[old:SOURCED_BY]->() DELETE old }
            CALL (r, role) {
                UNWIND role.sources AS ref
                MATCH (s:Source {id: ref.source})
                CREATE (r)-[:SOURCED_BY {confidence: ref.confidence, facts: ref.facts, claim: ref.claim, note: ref.note}]->(s)
            }""";

    private static final String STATEMENTS = """
            UNWIND $rows AS row
            MERGE (st:Statement {id: row.id})
            SET st.date = row.date, st.datePrecision = row.datePrecision, st.dateApproximate = row.dateApproximate,
                st.summary = row.summary, st.quote = row.quote
            WITH st, row
            CALL (st) { MATCH (st)-[old:SOURCED_BY|ABOUT]->() DELETE old }
            CALL (st) { MATCH ()-[old:MADE]->(st) DELETE old }
            CALL (st, row) {
                MATCH (by {id: row.by}) WHERE by:Person OR by:Company
                MERGE (by)-[:MADE]->(st)
            }
            CALL (st, row) {
                UNWIND row.about AS about
                MATCH (a:Agreement {id: about})
                MERGE (st)-[:ABOUT]->(a)
            }
            CALL (st, row) {
                UNWIND row.sources AS ref
                MATCH (s:Source {id: ref.source})
                CREATE (st)-[:SOURCED_BY {confidence: ref.confidence, facts: ref.facts, claim: ref.claim, note: ref.note}]->(s)
            }""";

    private static final String AGREEMENT_NODES = """
            UNWIND $rows AS row
            MERGE (a:Agreement {id: row.id})
            SET a += row.props""";

    private static final String AGREEMENT_LINKS = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.id})
            CALL (a) { MATCH ()-[old:PARTY_TO]->(a) DELETE old }
            CALL (a) { MATCH (a)-[old:CONCERNS|SOURCED_BY|AMENDS]->() DELETE old }
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
            CALL (a, row) {
                UNWIND row.sources AS ref
                MATCH (s:Source {id: ref.source})
                CREATE (a)-[:SOURCED_BY {confidence: ref.confidence, facts: ref.facts, claim: ref.claim, note: ref.note}]->(s)
            }
            CALL (a, row) {
                UNWIND row.amends AS m
                MATCH (target:Agreement {id: m.target})
                CREATE (a)-[r:AMENDS]->(target)
                SET r = m.props
            }""";

    private final Driver driver;

    DealWriter(Driver driver) {
        this.driver = driver;
    }

    /** Writes the plan in one transaction; a reference to something neither in the file nor in the graph rejects it. */
    public void write(String fileName, DealPlan plan) {
        try (var session = driver.session()) {
            session.executeWrite(tx -> {
                checkReferences(tx, fileName, plan);
                run(tx, SOURCES, plan.sources);
                run(tx, COMPANIES, plan.companies);
                run(tx, PRODUCTS, plan.products);
                run(tx, PEOPLE, plan.people);
                run(tx, AGREEMENT_NODES, plan.agreements.stream().map(DealWriter::agreementNode).toList());
                run(tx, AGREEMENT_LINKS, plan.agreements.stream().map(DealWriter::agreementLinks).toList());
                run(tx, STATEMENTS, plan.statements);
                return null;
            });
        }
    }

    private static void checkReferences(TransactionContext tx, String fileName, DealPlan plan) {
        var missing = tx.run(MISSING, Map.of(
                "companies", List.copyOf(plan.referencedCompanies.keySet()),
                "products", List.copyOf(plan.referencedProducts.keySet()),
                "agreements", List.copyOf(plan.referencedAgreements.keySet()),
                "sources", List.copyOf(plan.referencedSources.keySet()),
                "speakers", List.copyOf(plan.referencedSpeakers.keySet()))).single();
        var problems = new ArrayList<Problem>();
        addMissing(problems, missing.get("companies").asList(v -> v.asString()), plan.referencedCompanies, "company");
        addMissing(problems, missing.get("products").asList(v -> v.asString()), plan.referencedProducts, "product");
        addMissing(problems, missing.get("agreements").asList(v -> v.asString()), plan.referencedAgreements, "agreement");
        addMissing(problems, missing.get("sources").asList(v -> v.asString()), plan.referencedSources, "source");
        addMissing(problems, missing.get("speakers").asList(v -> v.asString()), plan.referencedSpeakers, "person or company");
        if (!problems.isEmpty()) {
            throw new InvalidDealFileException(fileName, problems);
        }
    }

    private static void addMissing(List<Problem> problems, List<String> missing, Map<String, String> where, String what) {
        for (var id : missing) {
            problems.add(new Problem(where.get(id), "no " + what + " '" + id
                    + "' in this file or in the graph; define it in the file or load the file that does first"));
        }
    }

    private static void run(TransactionContext tx, String cypher, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            tx.run(cypher, Map.of("rows", rows)).consume();
        }
    }

    private static final List<String> LINK_KEYS = List.of("parties", "products", "tranches", "amends", "sources");

    private static Map<String, Object> agreementNode(Map<String, Object> row) {
        var props = new java.util.LinkedHashMap<>(row);
        LINK_KEYS.forEach(props::remove);
        return Map.of("id", row.get("id"), "props", props);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> agreementLinks(Map<String, Object> row) {
        var amends = ((List<Map<String, Object>>) row.get("amends")).stream().map(m -> {
            var props = new java.util.LinkedHashMap<>(m);
            props.remove("target");
            props.values().removeIf(java.util.Objects::isNull);
            return Map.<String, Object>of("target", m.get("target"), "props", props);
        }).toList();
        var links = new java.util.LinkedHashMap<String, Object>();
        links.put("id", row.get("id"));
        for (var key : LINK_KEYS) {
            links.put(key, key.equals("amends") ? amends : row.get(key));
        }
        return links;
    }
}
