package org.dealgraph.research;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.database.KnownAt;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionConfig;

/**
 * The graph as a network for analysis (GraphML, CSV tables, JSON-LD): companies, people, products, agreements and
 * sources as nodes with typed attributes, parties, roles, products, amendments, subsidiaries and source claims as
 * edges; the whole graph or one company's neighbourhood, on a date ({@code asOf}: agreements announced by then) and as
 * the graph held it at a moment ({@code knownAsOf}). One read transaction; every section is streamed row by row to a
 * {@link Sink}, so memory does not grow with the graph (a neighbourhood's ids excepted).
 */
@ApplicationScoped
public class NetworkExport {

    /** What a column holds; lists are of text. */
    public enum Kind {
        STRING, DOUBLE, LONG, BOOLEAN, DATE, STRINGS
    }

    public record Column(String name, Kind kind) {
    }

    /**
     * One kind of node or edge: its name (a node's type, as in its ids {@code company:openai}, or an edge's
     * relationship type), the types of an edge's ends, its typed columns, and whether it belongs in GraphML (the
     * sources and their claims are in the tables and JSON-LD only: as nodes they would sit in every network measure).
     */
    public record Section(String name, boolean node, String sourceType, String targetType, List<Column> columns, boolean inNetwork,
            String cypher) {
    }

    /** What is exported: the whole graph (company null) or one company's neighbourhood, on a date, as known at a moment. */
    public record Scope(String company, LocalDate asOf, OffsetDateTime knownAsOf) {
    }

    /** Where the rows go, section by section; a row's values are read by the section's column names. */
    public interface Sink {
        void begin(List<Section> sections) throws Exception;

        void section(Section section) throws Exception;

        void row(Section section, Record row) throws Exception;

        void end() throws Exception;
    }

    private static final String KNOWN_AT = "WITH $knownAsOf AS knownAt\n";
    private static final String HELD_AGREEMENT = KnownAt.held("a", "Agreement|RetractedAgreement", "AGREEMENT");
    private static final String HELD_COMPANY = KnownAt.held("c", "Company|MergedCompany", "COMPANY_MERGE");

    /** Agreements in scope as {@code a} with their version {@code v}: today's, or those then held as then recorded. */
    private static final String AGREEMENTS = KNOWN_AT + """
            CALL () {
                MATCH (a:Agreement) WHERE $agreements IS NULL RETURN a
                UNION ALL MATCH (a:RetractedAgreement) WHERE $agreements IS NULL RETURN a
                UNION ALL UNWIND coalesce($agreements, []) AS id MATCH (a:Agreement {id: id}) RETURN a
                UNION ALL UNWIND coalesce($agreements, []) AS id MATCH (a:RetractedAgreement {id: id}) RETURN a
            }
            WITH a, knownAt WHERE CASE WHEN knownAt IS NULL THEN a:Agreement ELSE %s END
            WITH a, knownAt, CASE WHEN knownAt IS NULL THEN a ELSE %s END AS v
            WHERE $asOf IS NULL OR v.announced <= $asOf
            """.formatted(HELD_AGREEMENT, KnownAt.versionOf("a"));

    /** Companies in scope as {@code c} with their version {@code v}: today's, or those then held (merged since or not). */
    private static final String COMPANIES = KNOWN_AT + """
            CALL () {
                MATCH (c:Company) WHERE $companies IS NULL RETURN c
                UNION ALL MATCH (c:MergedCompany) WHERE $companies IS NULL RETURN c
                UNION ALL UNWIND coalesce($companies, []) AS id MATCH (c:Company {id: id}) RETURN c
                UNION ALL UNWIND coalesce($companies, []) AS id MATCH (c:MergedCompany {id: id}) RETURN c
            }
            WITH c, knownAt WHERE CASE WHEN knownAt IS NULL THEN c:Company ELSE %s END
            WITH c, knownAt, CASE WHEN knownAt IS NULL THEN c ELSE %s END AS v
            """.formatted(HELD_COMPANY, KnownAt.versionOf("c"));

    /** The parties of {@code a} (version {@code v}) as {role, company: id}: today's links, or those of then. */
    private static final String PARTIES = """
            CASE WHEN knownAt IS NULL THEN [(party:Company)-[pt:PARTY_TO]->(a) | {role: pt.role, company: party.id}]
                 ELSE %s END""".formatted(KnownAt.partyIds("a", "v"));

    /** The source claims of {@code a} (version {@code v}): today's, or those then held. */
    private static final String AGREEMENT_CLAIMS = """
            CASE WHEN knownAt IS NULL THEN [(a)-[sourcedBy:SOURCED_BY]->(s:Source) | %1$s]
                 ELSE %2$s END""".formatted("{source: s.id, confidence: sourcedBy.confidence, claim: sourcedBy.claim}",
            KnownAt.claims("a", "v", "{source: s.id, confidence: sourcedBy.confidence, claim: sourcedBy.claim}"));

    /** The products {@code a} (version {@code v}) concerned, each as {@code projection} of {@code pr}: today's, or those of then. */
    private static String products(String projection) {
        return "CASE WHEN knownAt IS NULL THEN [(a)-[:CONCERNS]->(pr:Product) | %s] ELSE %s END"
                .formatted(projection, KnownAt.products("a", "v", projection));
    }

    private static Column col(String name, Kind kind) {
        return new Column(name, kind);
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("company", true, null, null, List.of(col("id", Kind.STRING), col("name", Kind.STRING),
                    col("kinds", Kind.STRINGS), col("aliases", Kind.STRINGS), col("description", Kind.STRING),
                    col("wikidata", Kind.STRING), col("lei", Kind.STRING), col("crunchbase", Kind.STRING)), true,
                    COMPANIES + """
                            RETURN c.id AS id, v.name AS name, v.kinds AS kinds, v.aliases AS aliases, v.description AS description,
                                   v.wikidata AS wikidata, v.lei AS lei, v.crunchbase AS crunchbase"""),
            new Section("person", true, null, null, List.of(col("id", Kind.STRING), col("name", Kind.STRING), col("aliases", Kind.STRINGS),
                    col("wikidata", Kind.STRING), col("crunchbase", Kind.STRING)), true,
                    KNOWN_AT + """
                            MATCH (p:Person) WHERE ($people IS NULL OR p.id IN $people) AND (knownAt IS NULL OR p.firstRecordedAt <= knownAt)
                            RETURN p.id AS id, p.name AS name, p.aliases AS aliases, p.wikidata AS wikidata, p.crunchbase AS crunchbase"""),
            new Section("product", true, null, null, List.of(col("id", Kind.STRING), col("name", Kind.STRING), col("kind", Kind.STRING),
                    col("launched", Kind.DATE)), true,
                    KNOWN_AT + """
                            MATCH (pr:Product) WHERE ($products IS NULL OR pr.id IN $products) AND (knownAt IS NULL OR pr.firstRecordedAt <= knownAt)
                            RETURN pr.id AS id, pr.name AS name, pr.kind AS kind, pr.launched AS launched"""),
            new Section("agreement", true, null, null, List.of(col("id", Kind.STRING), col("kind", Kind.STRING), col("title", Kind.STRING),
                    col("announced", Kind.DATE), col("effectiveFrom", Kind.DATE), col("effectiveUntil", Kind.DATE),
                    col("amount", Kind.DOUBLE), col("currency", Kind.STRING), col("termYears", Kind.DOUBLE), col("exclusive", Kind.BOOLEAN),
                    col("ratePercent", Kind.DOUBLE), col("stakePercent", Kind.DOUBLE), col("confidence", Kind.STRING),
                    col("sources", Kind.STRINGS)), true,
                    AGREEMENTS + """
                            WITH a, v, %s AS claims
                            RETURN a.id AS id, v.kind AS kind, v.title AS title, v.announced AS announced, v.effectiveFrom AS effectiveFrom,
                                   v.effectiveUntil AS effectiveUntil, toFloat(v.amountValue) AS amount, v.amountCurrency AS currency,
                                   toFloat(v.termYears) AS termYears, v.exclusive AS exclusive, toFloat(v.ratePercent) AS ratePercent,
                                   toFloat(v.stakePercent) AS stakePercent,
                                   CASE WHEN any(x IN claims WHERE x.confidence = 'STATED') THEN 'STATED'
                                        WHEN any(x IN claims WHERE x.confidence = 'REPORTED') THEN 'REPORTED'
                                        WHEN any(x IN claims WHERE x.confidence = 'INFERRED') THEN 'INFERRED' END AS confidence,
                                   [x IN claims | x.source] AS sources""".formatted(AGREEMENT_CLAIMS)),
            new Section("source", true, null, null, List.of(col("id", Kind.STRING), col("url", Kind.STRING), col("publisher", Kind.STRING),
                    col("published", Kind.DATE)), false,
                    KNOWN_AT + """
                            MATCH (s:Source) WHERE ($sources IS NULL OR s.id IN $sources) AND (knownAt IS NULL OR s.firstRecordedAt <= knownAt)
                            RETURN s.id AS id, s.url AS url, s.publisher AS publisher, s.published AS published"""),
            new Section("PARTY_TO", false, "company", "agreement", List.of(col("source", Kind.STRING), col("target", Kind.STRING),
                    col("role", Kind.STRING)), true,
                    AGREEMENTS + """
                            UNWIND %s AS member
                            WITH a, member WHERE member.company IS NOT NULL AND ($companies IS NULL OR member.company IN $companies)
                            RETURN member.company AS source, a.id AS target, member.role AS role""".formatted(PARTIES)),
            new Section("CONCERNS", false, "agreement", "product", List.of(col("source", Kind.STRING), col("target", Kind.STRING)), true,
                    AGREEMENTS + """
                            UNWIND %s AS pr
                            WITH a, pr, knownAt WHERE ($products IS NULL OR pr.id IN $products) AND (knownAt IS NULL OR pr.firstRecordedAt <= knownAt)
                            RETURN a.id AS source, pr.id AS target""".formatted(products("pr"))),
            new Section("AMENDS", false, "agreement", "agreement", List.of(col("source", Kind.STRING), col("target", Kind.STRING),
                    col("kind", Kind.STRING), col("effective", Kind.DATE)), true,
                    AGREEMENTS + """
                            UNWIND CASE WHEN knownAt IS NULL THEN [(a)-[r:AMENDS]->(other:Agreement) | {link: r, target: other}]
                                        ELSE %s END AS amended
                            WITH a, amended.link AS r, amended.target AS t
                            WHERE ($agreements IS NULL OR t.id IN $agreements) AND ($asOf IS NULL OR t.announced <= $asOf)
                            RETURN a.id AS source, t.id AS target, r.kind AS kind, r.effective AS effective"""
                            .formatted(KnownAt.amends("a", "v", "{link: r, target: other}"))),
            new Section("OFFERS", false, "company", "product", List.of(col("source", Kind.STRING), col("target", Kind.STRING)), true,
                    KNOWN_AT + """
                            MATCH (holder:Company)-[o:OFFERS]->(pr:Product)
                            WHERE ($products IS NULL OR pr.id IN $products) AND (knownAt IS NULL OR pr.firstRecordedAt <= knownAt)
                            WITH pr, CASE WHEN knownAt IS NULL THEN holder ELSE %s END AS c
                            WHERE $companies IS NULL OR c.id IN $companies
                            RETURN c.id AS source, pr.id AS target""".formatted(KnownAt.companyOf("o", "holder"))),
            new Section("SUBSIDIARY_OF", false, "company", "company", List.of(col("source", Kind.STRING), col("target", Kind.STRING)), true,
                    COMPANIES + """
                            MATCH (c)-[s:SUBSIDIARY_OF]->(holder:Company)
                            WITH c, CASE WHEN knownAt IS NULL THEN holder ELSE %s END AS parent
                            WHERE $companies IS NULL OR parent.id IN $companies
                            RETURN c.id AS source, parent.id AS target""".formatted(KnownAt.companyOf("s", "holder"))),
            new Section("ROLE_AT", false, "person", "company", List.of(col("source", Kind.STRING), col("target", Kind.STRING),
                    col("title", Kind.STRING), col("from", Kind.DATE), col("until", Kind.DATE)), true,
                    KNOWN_AT + """
                            MATCH (p:Person)-[:HOLDS]->(role:Role)-[at:AT]->(holder:Company)
                            WHERE ($people IS NULL OR p.id IN $people) AND (knownAt IS NULL OR p.firstRecordedAt <= knownAt)
                            WITH p, role, CASE WHEN knownAt IS NULL THEN holder ELSE %s END AS c
                            WHERE $companies IS NULL OR c.id IN $companies
                            RETURN p.id AS source, c.id AS target, role.title AS title, role.from AS from, role.until AS until"""
                            .formatted(KnownAt.companyOf("at", "holder"))),
            new Section("SOURCED_BY", false, "agreement", "source", List.of(col("source", Kind.STRING), col("target", Kind.STRING),
                    col("confidence", Kind.STRING), col("claim", Kind.STRING)), false,
                    AGREEMENTS + """
                            UNWIND %s AS claim
                            RETURN a.id AS source, claim.source AS target, claim.confidence AS confidence, claim.claim AS claim"""
                            .formatted(AGREEMENT_CLAIMS)),
            new Section("COMPANY_SOURCED_BY", false, "company", "source", List.of(col("source", Kind.STRING), col("target", Kind.STRING),
                    col("confidence", Kind.STRING), col("claim", Kind.STRING)), false,
                    COMPANIES + """
                            MATCH (c)-[sb:SOURCED_BY]->(s:Source)
                            WHERE knownAt IS NULL OR sb.recordedAt IS NULL OR sb.recordedAt <= knownAt
                            RETURN c.id AS source, s.id AS target, sb.confidence AS confidence, sb.claim AS claim"""));

    /**
     * One company's neighbourhood: the company, its agreements in scope, their other parties, the products they
     * concern or it offers, the people holding a role at it, and the sources cited by them.
     */
    private static final String NEIGHBOURHOOD = KNOWN_AT + """
            OPTIONAL MATCH (co:Company|MergedCompany {id: $company})
            WHERE CASE WHEN knownAt IS NULL THEN co:Company ELSE %1$s END
            CALL (co, knownAt) {
                MATCH (holder:Company)-[pt:PARTY_TO]->(a) WHERE holder.id IN [co.id, co.mergedInto]
                  AND CASE WHEN knownAt IS NULL THEN a:Agreement AND holder = co ELSE %2$s END
                WITH a, knownAt, pt, holder, co, CASE WHEN knownAt IS NULL THEN a ELSE %3$s END AS v
                WHERE ($asOf IS NULL OR v.announced <= $asOf)
                  AND (knownAt IS NULL OR CASE WHEN v:Revision AND v.parties IS NOT NULL
                                               THEN any(p IN v.parties WHERE split(p, ' ')[0] = co.id)
                                               ELSE %4$s = co END)
                WITH DISTINCT a, v, knownAt
                RETURN collect(a.id) AS agreements, collect(%5$s) AS parties,
                       collect(%7$s) AS concerned,
                       collect(%6$s) AS claims
            }
            RETURN co IS NOT NULL AS found, agreements,
                   COLLECT { UNWIND [co.id] + reduce(ids = [], ps IN parties | ids + [x IN ps | x.company]) AS id
                             WITH id WHERE id IS NOT NULL RETURN DISTINCT id } AS companies,
                   COLLECT { UNWIND reduce(ids = [], ps IN concerned | ids + ps) + [(co)-[:OFFERS]->(pr:Product) | pr.id] AS id RETURN DISTINCT id } AS products,
                   COLLECT { MATCH (p:Person)-[:HOLDS]->(:Role)-[:AT]->(c:Company) WHERE c.id IN [co.id, co.mergedInto] RETURN DISTINCT p.id } AS people,
                   COLLECT { UNWIND reduce(ids = [], cs IN claims | ids + [x IN cs | x.source]) + [(co)-[:SOURCED_BY]->(s:Source) | s.id] AS id
                             RETURN DISTINCT id } AS sources"""
            .formatted(KnownAt.held("co", "Company|MergedCompany", "COMPANY_MERGE"), HELD_AGREEMENT, KnownAt.versionOf("a"),
                    KnownAt.companyOf("pt", "holder"), PARTIES, AGREEMENT_CLAIMS, products("pr.id"));

    private final ResearchDatabase database;
    private final Duration timeout;

    NetworkExport(ResearchDatabase database, CypherConfig config) {
        this.database = database;
        this.timeout = config.exportTimeout();
    }

    /**
     * An export opened on one read transaction: the neighbourhood's ids (when a company is asked) and every section are
     * read from the same graph. Closing it ends the transaction.
     */
    public final class Opened implements AutoCloseable {
        private final Session session;
        private final Transaction tx;
        private final Map<String, Object> parameters;

        private Opened(Session session, Transaction tx, Map<String, Object> parameters) {
            this.session = session;
            this.tx = tx;
            this.parameters = parameters;
        }

        /** Streams every section to the sink. */
        public void writeTo(Sink sink) throws Exception {
            sink.begin(SECTIONS);
            for (var section : SECTIONS) {
                sink.section(section);
                var result = tx.run(section.cypher(), parameters);
                while (result.hasNext()) {
                    sink.row(section, result.next());
                }
            }
            sink.end();
        }

        @Override
        public void close() {
            try (session; tx) {
                // both closed, the transaction first
            }
        }
    }

    /** Opens the export's transaction and checks its scope: a company that is not there is NOT_FOUND, nothing written. */
    public Opened open(Scope scope) {
        var params = new HashMap<String, Object>();
        params.put("knownAsOf", scope.knownAsOf());
        params.put("asOf", scope.asOf());
        for (var key : List.of("agreements", "companies", "products", "people", "sources")) {
            params.put(key, null);
        }
        var session = database.readSession();
        Transaction tx = null;
        try {
            tx = session.beginTransaction(config());
            if (scope.company() != null) {
                params.put("company", scope.company());
                var r = tx.run(NEIGHBOURHOOD, params).single();
                if (!r.get("found").asBoolean()) {
                    throw new ApiErrors.NotFound("company", scope.company());
                }
                for (var key : List.of("agreements", "companies", "products", "people", "sources")) {
                    params.put(key, r.get(key).asList(v -> v.asString()));
                }
            }
            return new Opened(session, tx, params);
        } catch (RuntimeException e) {
            if (tx != null) {
                tx.close();
            }
            session.close();
            throw e;
        }
    }

    private TransactionConfig config() {
        return TransactionConfig.builder().withTimeout(timeout).withMetadata(Map.of("export", "network")).build();
    }
}
