package org.dealgraph.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements a load writes with, named: checks of references, an upsert per label (one for facts the graph
 * holds, one for new ones), the links of new agreements, the revision and the load log. {@link DealWriter} runs them.
 */
final class WriteStatements {

    private WriteStatements() {
    }

    // One UNWIND per kind of reference, so every look-up is an index seek even for a file of 100k rows.
    /**
     * The references a file makes that the graph does not hold. Every look-up names its index: a plan made when the
     * graph was nearly empty (the first part of a large load) would otherwise be reused for the next part, seconds
     * later, and scan 100,000 sources once per source of that part — found stuck for minutes in a 1M-agreement load.
     */
    static final String MISSING = """
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
    static final Map<String, String> NODE_SECTIONS = new LinkedHashMap<>(Map.of("Source", "sources", "Company", "companies",
            "Product", "products", "Person", "people", "Agreement", "agreements", "Statement", "statements"));

    /** Ids the file defines under one label that the graph holds under another. */
    static final String TAKEN_BY_ANOTHER_LABEL = String.join("\n", NODE_SECTIONS.keySet().stream().map(label ->
            "CALL () { UNWIND $not%1$s AS id MATCH (n:%1$s {id: id}) USING INDEX n:%1$s(id) RETURN collect(id) AS %1$s }".formatted(label)).toList())
            + "\nRETURN " + String.join(", ", NODE_SECTIONS.keySet());

    /**
     * A write of one kind of fact in two variants: for facts the graph holds already (merged on the business id,
     * their old links removed first) and for facts it does not hold yet (created, with no old links to remove; safe
     * because every load holds the load lock, so nobody adds them meanwhile). Both are spelled out in full.
     */
    record Upsert(String changed, String added) {
        String query(boolean fresh) {
            return fresh ? added : changed;
        }
    }

    static final String SOURCE_PROPERTIES = """
            SET s.url = row.url, s.publisher = row.publisher, s.published = row.published,
                s.publishedPrecision = row.publishedPrecision, s.publishedApproximate = row.publishedApproximate,
                s.retrieved = row.retrieved, s.retrievedPrecision = row.retrievedPrecision, s.note = row.note,
                s.contentHash = row.hash, s.recordedAt = $at, s.firstRecordedAt = coalesce(s.firstRecordedAt, $at), s.recordedFrom = $from, s.recordedBy = $by""";

    static final Upsert SOURCES = new Upsert("""
            UNWIND $rows AS row
            MERGE (s:Source {id: row.id})
            """ + SOURCE_PROPERTIES, """
            UNWIND $rows AS row
            CREATE (s:Source {id: row.id})
            """ + SOURCE_PROPERTIES);

    /** The one way a fact's sources are linked: a SOURCED_BY per cited source, with what it supports and claims. */
    static String cites(String node, String row) {
        return """
                CALL (%1$s, %2$s) {
                    UNWIND %2$s.sources AS ref
                    MATCH (s:Source {id: ref.source})
                    WHERE NOT EXISTS { (%1$s)-[:RETRACTED_SOURCED_BY]->(s) }
                    CREATE (%1$s)-[:SOURCED_BY {confidence: ref.confidence, facts: ref.facts, claim: ref.claim, note: ref.note}]->(s)
                }""".formatted(node, row).strip();
    }

    /** A retracted alias stays out when the company's file is loaded again (Retractions). */
    static final String COMPANY_PROPERTIES = """
            WITH c, row, [x IN row.aliases WHERE NOT x IN coalesce(c.retractedAliases, [])] AS aliases
            WITH c, row, aliases, reduce(t = '', x IN aliases | CASE WHEN t = '' THEN x ELSE t + ' | ' + x END) AS aliasText
            SET c.name = row.name, c.aliases = aliases, c.aliasText = aliasText, c.kinds = row.kinds,
                c.nameKey = toLower(row.name + ' | ' + aliasText),
                c.description = row.description, c.wikidata = row.wikidata, c.lei = row.lei, c.crunchbase = row.crunchbase,
                c.contentHash = row.hash, c.recordedAt = $at, c.firstRecordedAt = coalesce(c.firstRecordedAt, $at), c.recordedFrom = $from, c.recordedBy = $by
            WITH c, row""";

    static final String COMPANY_LINKS = """
            CALL (c, row) {
                MATCH (parent:Company {id: row.parent})
                MERGE (c)-[:SUBSIDIARY_OF]->(parent)
            }
            """ + cites("c", "row");

    static final Upsert COMPANIES = new Upsert("""
            UNWIND $rows AS row
            MERGE (c:Company {id: row.id})
            %s
            CALL (c) { MATCH (c)-[old:SUBSIDIARY_OF|SOURCED_BY]->() DELETE old }
            %s""".formatted(COMPANY_PROPERTIES, COMPANY_LINKS), """
            UNWIND $rows AS row
            CREATE (c:Company {id: row.id})
            %s
            %s""".formatted(COMPANY_PROPERTIES, COMPANY_LINKS));

    static final String PRODUCT_PROPERTIES = """
            SET p.name = row.name, p.aliases = row.aliases, p.aliasText = row.aliasText, p.wikidata = row.wikidata, p.crunchbase = row.crunchbase, p.kind = row.kind,
                p.launched = row.launched, p.launchedPrecision = row.launchedPrecision,
                p.contentHash = row.hash, p.recordedAt = $at, p.firstRecordedAt = coalesce(p.firstRecordedAt, $at), p.recordedFrom = $from, p.recordedBy = $by
            WITH p, row""";

    static final String PRODUCT_OWNER = """
            MATCH (owner:Company {id: row.owner})
            MERGE (owner)-[:OFFERS]->(p)""";

    static final Upsert PRODUCTS = new Upsert("""
            UNWIND $rows AS row
            MERGE (p:Product {id: row.id})
            %s
            CALL (p) { MATCH (:Company)-[old:OFFERS]->(p) DELETE old }
            %s""".formatted(PRODUCT_PROPERTIES, PRODUCT_OWNER), """
            UNWIND $rows AS row
            CREATE (p:Product {id: row.id})
            %s
            %s""".formatted(PRODUCT_PROPERTIES, PRODUCT_OWNER));

    static final String PERSON_PROPERTIES = """
            SET p.name = row.name, p.aliases = row.aliases, p.aliasText = row.aliasText, p.wikidata = row.wikidata, p.crunchbase = row.crunchbase,
                p.contentHash = row.hash, p.recordedAt = $at, p.firstRecordedAt = coalesce(p.firstRecordedAt, $at), p.recordedFrom = $from, p.recordedBy = $by
            WITH p, row""";

    static final String PERSON_ROLES = """
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

    static final Upsert PEOPLE = new Upsert("""
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

    static final String STATEMENT_PROPERTIES = """
            SET st.date = row.date, st.datePrecision = row.datePrecision, st.dateApproximate = row.dateApproximate,
                st.summary = row.summary, st.quote = row.quote,
                st.contentHash = row.hash, st.recordedAt = $at, st.firstRecordedAt = coalesce(st.firstRecordedAt, $at), st.recordedFrom = $from, st.recordedBy = $by
            WITH st, row""";

    static final String STATEMENT_LINKS = """
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

    static final Upsert STATEMENTS = new Upsert("""
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

    static final Upsert AGREEMENT_NODES = new Upsert("""
            UNWIND $rows AS row
            MERGE (a:Agreement {id: row.id})
            SET a += row.props, a.contentHash = row.hash, a.recordedAt = $at, a.firstRecordedAt = coalesce(a.firstRecordedAt, $at), a.recordedFrom = $from, a.recordedBy = $by""", """
            UNWIND $rows AS row
            CREATE (a:Agreement)
            SET a = row.props, a.contentHash = row.hash, a.recordedAt = $at, a.firstRecordedAt = coalesce(a.firstRecordedAt, $at), a.recordedFrom = $from, a.recordedBy = $by""");
    // Links of agreements the graph does not hold yet, one flat UNWIND per relationship type: the fast path of bulk loads.
    // Each look-up names its index, as MISSING does: a plan cached while the graph was small must not scan it later.
    static final String NEW_PARTIES = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.agreement}) USING INDEX a:Agreement(id) MATCH (c:Company {id: row.company}) USING INDEX c:Company(id)
            CREATE (c)-[:PARTY_TO {role: row.role}]->(a)""";

    static final String NEW_PRODUCTS = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.agreement}) USING INDEX a:Agreement(id) MATCH (p:Product {id: row.product}) USING INDEX p:Product(id)
            CREATE (a)-[:CONCERNS]->(p)""";

    static final String NEW_TRANCHES = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.agreement}) USING INDEX a:Agreement(id)
            CREATE (a)-[:HAS_TRANCHE]->(t:Tranche)
            SET t = row.props""";

    static final String NEW_SOURCES = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.agreement}) USING INDEX a:Agreement(id) MATCH (s:Source {id: row.source}) USING INDEX s:Source(id)
            CREATE (a)-[:SOURCED_BY {confidence: row.confidence, facts: row.facts, claim: row.claim, note: row.note}]->(s)""";

    /** A company's parent given later in the same file: linked once the file's companies are all written. */
    static final String LATER_PARENTS = """
            UNWIND $rows AS row
            MATCH (c:Company {id: row.company}) MATCH (parent:Company {id: row.parent})
            MERGE (c)-[:SUBSIDIARY_OF]->(parent)""";

    static final String NEW_AMENDS = """
            UNWIND $rows AS row
            MATCH (a:Agreement {id: row.agreement}) USING INDEX a:Agreement(id) MATCH (target:Agreement {id: row.target}) USING INDEX target:Agreement(id)
            CREATE (a)-[r:AMENDS]->(target)
            SET r = row.props""";

    static final String AGREEMENT_LINKS = """
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

    static final String LOCK = "MERGE (l:_LoadLock {id: 'deal-files'}) SET l.lockedAt = datetime.realtime()";

    /**
     * The moment of a write, taken once its lock is held: every fact it records, changes or retracts carries it, and
     * its revision. Writers hold the lock one at a time, so their moments follow the order of their revisions (the
     * transaction's own clock starts before the lock is taken, and would not).
     */
    static final String MOMENT = """
            MATCH (l:_LoadLock {id: 'deal-files'}) SET l.moment = datetime.realtime() RETURN l.moment AS at""";

    /**
     * Every write that changes the graph advances its revision, in the write's own transaction (under the lock): what
     * HTTP caches' ETags and the subscriptions' events are keyed on. The epoch tells a graph wiped and loaded afresh
     * from the one before, whose revisions may have had the same numbers.
     */
    static final String ADVANCE = """
            MATCH (l:_LoadLock {id: 'deal-files'})
            SET l.revision = coalesce(l.revision, 0) + 1, l.epoch = coalesce(l.epoch, randomUUID())
            CREATE (:_Revision {epoch: l.epoch, number: l.revision, at: l.moment})
            RETURN l.epoch AS epoch, l.revision AS revision""";

    /** The fingerprint of what the graph holds already, one query per label. */
    static final Map<String, String> EXISTING = new LinkedHashMap<>();

    /** The properties of facts a load changes: their revision keeps them, their report says what changed. */
    static final Map<String, String> PREVIOUS = new LinkedHashMap<>();

    static final String ATTACH = """
            MATCH (a:Agreement {id: $agreement})
            MERGE (s:Source {id: $source.id})
            ON CREATE SET s.url = $source.url, s.publisher = $source.publisher, s.published = $source.published,
                s.publishedPrecision = $source.publishedPrecision, s.publishedApproximate = $source.publishedApproximate,
                s.note = $source.note, s.recordedAt = $at, s.firstRecordedAt = $at, s.recordedFrom = 'attachSource', s.recordedBy = $by
            MERGE (a)-[r:SOURCED_BY {attached: true}]->(s)
            SET r.confidence = $confidence, r.facts = $facts, r.claim = $claim, r.note = $note, r.recordedAt = $at, r.recordedBy = $by
            RETURN count(r) AS attached""";

    /**
     * What an agreement's revision keeps of its links besides its properties, typed, so that a read as known at a time
     * before the change answers them as they were (graph/MODEL.md): its parties, the products it concerned, copies of
     * its tranches, its AMENDS links with their fields, and its source claims (retracted ones with their retraction).
     */
    private static final String AGREEMENT_LINKS_KEPT = """

            SET rev.parties = [(c:Company)-[p:PARTY_TO]->(n) | c.id + ' ' + p.role], rev.linksKept = true
            WITH n, rev
            CALL (n, rev) { MATCH (n)-[:CONCERNS]->(p:Product) CREATE (rev)-[:CONCERNED]->(p) }
            CALL (n, rev) { MATCH (n)-[:HAS_TRANCHE]->(t:Tranche) CREATE (rev)-[:HAD_TRANCHE]->(kept:PastTranche) SET kept = properties(t) }
            CALL (n, rev) { MATCH (n)-[r:AMENDS]->(target) CREATE (rev)-[kept:AMENDED]->(target) SET kept = properties(r) }
            CALL (n, rev) { MATCH (n)-[r:SOURCED_BY|RETRACTED_SOURCED_BY]->(s:Source) CREATE (rev)-[kept:WAS_SOURCED_BY]->(s) SET kept = properties(r) }""";

    /** Keeps the previous values of changed facts, with when and from where they had been recorded. */
    static final Map<String, String> REVISE = new LinkedHashMap<>();

    static {
        for (var label : List.of("Source", "Company", "Product", "Person", "Agreement", "Statement")) {
            EXISTING.put(label, """
                    UNWIND $ids AS id
                    MATCH (n:%s {id: id})
                    RETURN n.id AS id, n.contentHash AS hash""".formatted(label));
            PREVIOUS.put(label, """
                    UNWIND $ids AS id
                    MATCH (n:%s {id: id})
                    RETURN n.id AS id, properties(n) AS props""".formatted(label));
            REVISE.put(label, """
                    UNWIND $rows AS row
                    MATCH (n:%s {id: row.id})
                    CREATE (n)-[:HAD_REVISION]->(rev:Revision)
                    SET rev = properties(n), rev.replacedAt = $at, rev.replacedBy = $from, rev.replacedByCurator = $by,
                        rev.properties = row.previous, rev.sourceIds = [(n)-[:SOURCED_BY]->(s:Source) | s.id]
                    REMOVE rev.id""".formatted(label) + (label.equals("Agreement") ? AGREEMENT_LINKS_KEPT : ""));
        }
    }


    /** The load log other replicas read to tell their subscribers (DealEvents); the last 1,000 loads are kept. */
    static final String LOG_LOAD = """
            CREATE (e:_LoadEvent {epoch: $epoch, revision: $revision, event: $event, at: datetime.transaction()})
            WITH e
            OPTIONAL MATCH (old:_LoadEvent) WHERE old.revision <= $revision - 1000 OR old.epoch <> $epoch
            DETACH DELETE old""";

    static final String MERGED_IDS = """
            UNWIND $ids AS id
            MATCH (m:MergedCompany {id: id})<-[:RETRACTS]-(x:Retraction {kind: 'COMPANY_MERGE'}) WHERE x.restoredAt IS NULL
            RETURN m.id AS id, m.mergedInto AS survivor, x.reason AS reason""";

    static final String RETRACTED_IDS = """
            UNWIND $ids AS id
            MATCH (a:RetractedAgreement {id: id})<-[:RETRACTS]-(x:Retraction {kind: 'AGREEMENT'}) WHERE x.restoredAt IS NULL
            RETURN a.id AS id, x.reason AS reason, x.by AS by, toString(x.at) AS at""";
}
