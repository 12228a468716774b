package org.dealgraph.agreement;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.api.Page;
import org.dealgraph.company.Company;
import org.dealgraph.database.Graph;
import org.dealgraph.database.Keyset;
import org.dealgraph.database.KnownAt;
import org.dealgraph.database.MapProjection;
import org.dealgraph.database.MapProjection.AllProperties;
import org.dealgraph.database.MapProjection.Computed;
import org.dealgraph.source.Source;

/**
 * An agreement as the graph held it at a moment ({@code knownAsOf}, transaction time; graph/MODEL.md, "What the graph
 * knew, and when"): absent when recorded later or retracted then; its terms from the version recorded then; its
 * parties as before any later merge; its sources without those attached later, with those retracted later; the
 * amendments then known, each with its terms as then recorded; its history up to then. Every derived fact of the
 * agreement reads this record, so it answers as then known too.
 */
@ApplicationScoped
public class KnownAgreementRepository {

    /** True when agreement {@code n} was known at {@code knownAt} and not retracted then. */
    static String known(String n) {
        return KnownAt.held(n, "Agreement|RetractedAgreement", "AGREEMENT");
    }

    static String versionOf(String n) {
        return KnownAt.versionOf(n);
    }

    private static final String PARTIES = "[x IN %s | {role: x.role, company: [c IN [x.company] | %s][0]}]"
            .formatted(KnownAt.parties("a", "version"), Company.PROJECTION);

    private static final String CLAIM = "{source: %s, confidence: sourcedBy.confidence, facts: sourcedBy.facts, claim: sourcedBy.claim, note: sourcedBy.note}"
            .formatted(Source.PROJECTION);

    private static final String PARTY_IDS = KnownAt.partyIds("a", "version");

    /** An amendment link {@code r} with {@code other}, each read as then recorded. */
    private static final String LINK = "[ov IN [" + versionOf("other") + "] | " + Agreement.link("ov", KnownAt.claims("other", "ov", CLAIM)) + "][0]";

    /** Agreement {@code a} as its {@code version} at {@code knownAt} says, in the shape {@link Agreement#from} reads. */
    private static final String PROJECTION = new MapProjection("version", List.of(new AllProperties(), new Computed("id", "a.id"),
            new Computed("parties", PARTIES), new Computed("products", KnownAt.products("a", "version", "pr {.id, .name}")),
            new Computed("tranches", KnownAt.tranches("a", "version", "t {.*}")), new Computed("sources", KnownAt.claims("a", "version", CLAIM)),
            new Computed("amends", KnownAt.amends("a", "version", LINK)),
            new Computed("amendedBy", KnownAt.amendedBy("a", LINK)),
            new Computed("history", Agreement.HISTORY.replace("(rev:Revision) |", "(rev:Revision) WHERE rev.replacedAt <= knownAt |"))))
            .cypher();

    static final String AS_KNOWN = """
            WITH $knownAsOf AS knownAt
            CALL () { MATCH (a:Agreement {id: $id}) RETURN a UNION MATCH (a:RetractedAgreement {id: $id}) RETURN a }
            WITH a, knownAt WHERE %s
            WITH a, knownAt, %s AS version
            RETURN version.kind IS NOT NULL AS typed, %s AS agreement""".formatted(known("a"), versionOf("a"), PROJECTION);

    private static final String BY_IDS_AS_KNOWN = """
            WITH $knownAsOf AS knownAt
            UNWIND $ids AS id
            CALL (id) { MATCH (a:Agreement {id: id}) RETURN a UNION MATCH (a:RetractedAgreement {id: id}) RETURN a }
            WITH a, knownAt WHERE %s
            WITH a, knownAt, %s AS version
            RETURN a.id AS id, version.kind IS NOT NULL AS typed, %s AS agreement""".formatted(known("a"), versionOf("a"), PROJECTION);

    /**
     * The agreements held at {@code knownAt}, each as its version of then, that match a page's filter. Every agreement
     * is read (no index holds what a version said): a page as known costs a scan, one without {@code knownAsOf} does not.
     */
    private static final String KNOWN_MATCHES = """
            CALL () { MATCH (a:Agreement) RETURN a UNION ALL MATCH (a:RetractedAgreement) RETURN a }
            WITH a, knownAt WHERE %s
            WITH a, knownAt, %s AS version
            WITH a, knownAt, version, CASE WHEN $party IS NULL AND $role IS NULL THEN [] ELSE %s END AS partyIds
            WHERE ($kinds IS NULL OR version.kind IN $kinds)
              AND ($party IS NULL OR any(p IN partyIds WHERE p.company = $party AND ($role IS NULL OR p.role = $role)))
              AND ($role IS NULL OR any(p IN partyIds WHERE p.role = $role))
              AND ($announcedFrom IS NULL OR version.announced >= $announcedFrom)
              AND ($announcedTo IS NULL OR version.announced <= $announcedTo)
              AND ($minAmount IS NULL OR version.amountValue >= $minAmount)
              AND ($maxAmount IS NULL OR version.amountValue <= $maxAmount)
              AND ($currency IS NULL OR version.amountCurrency = $currency)
              AND ($confidences IS NULL OR any(confidence IN %s WHERE confidence IN $confidences))"""
            .formatted(known("a"), versionOf("a"), PARTY_IDS, KnownAt.claims("a", "version", "sourcedBy.confidence"));

    /** The sort keys of a page as known: those of {@link AgreementOrder}, read from each agreement's version of then. */
    private static String sortKey(AgreementOrder order) {
        return switch (order) {
            case ANNOUNCED -> "version.announced";
            case AMOUNT -> "version.amountValue";
            case TITLE -> "version.title";
            case TOTAL_VALUE -> "coalesce(version.amountValue, 0.0) + " + String.join(" + ", KnownAt.amendedByParts("a",
                    "[ov IN [" + versionOf("other") + "] | CASE WHEN r.kind = 'EXPANSION' THEN coalesce(ov.amountValue, 0.0) ELSE 0.0 END][0]")
                    .stream().map(added -> "reduce(sum = 0.0, amount IN " + added + " | sum + amount)").toList());
        };
    }

    // Each part binds knownAt itself (UNWIND): Neo4j 5.26's planner loses an imported knownAt in these subqueries
    // ("Plan references unavailable variables").
    private static final String KNOWN_PAGE = """
            CALL () {
                UNWIND [$knownAsOf] AS knownAt
                %1$s
                WITH a, knownAt, version, %2$s AS sortKey
                WHERE %3$s
                WITH a, knownAt, version, sortKey ORDER BY sortKey IS NULL %4$s, sortKey %5$s, a.id %6$s LIMIT $take
                RETURN collect({node: %7$s, key: sortKey, id: a.id}) AS rows
            }
            %8$s
            RETURN rows, total""";

    private static final String KNOWN_TOTAL = """
            CALL () {
                UNWIND [$knownAsOf] AS knownAt
                %s
                RETURN count(a) AS total
            }""";

    private static final Map<String, String> PAGES = new ConcurrentHashMap<>();

    private final Graph graph;

    KnownAgreementRepository(Graph graph) {
        this.graph = graph;
    }

    /** The agreement as known at {@code knownAsOf}; empty when the graph did not hold it then (or held it retracted). */
    public Optional<Agreement> byId(String id, OffsetDateTime knownAsOf) {
        return graph.readOne(AS_KNOWN, Map.of("id", id, "knownAsOf", knownAsOf), r -> {
            return typed(r.get("agreement"), r.get("typed").asBoolean(), "agreement '" + id + "' had", knownAsOf);
        });
    }

    /**
     * The agreement a known read projected; NOT_APPLICABLE when its version of then is a revision recorded before
     * V0011, kept only as text ({@code whose}: whose terms, for the message).
     */
    private static Agreement typed(org.neo4j.driver.Value agreement, boolean typed, String whose, OffsetDateTime knownAsOf) {
        if (!typed) {
            throw new ApiErrors.NotApplicable("The graph kept the terms " + whose + " on " + knownAsOf
                    + " only as text (recorded before migration V0011): they cannot be answered as then known");
        }
        return Agreement.from(agreement);
    }

    /**
     * A company's agreements as the graph held them at {@code knownAt}: those linked to it or to the company it was
     * merged into since, each as then recorded, where it had one of {@code $roles} then (and a counterparty of
     * {@code $counterparties} one of {@code $counterpartyRoles}), oldest first.
     */
    private static final String INVOLVING_AS_KNOWN = """
            WITH $knownAsOf AS knownAt
            MATCH (c {id: $company}) WHERE c:Company OR c:MergedCompany
            MATCH (holder:Company)-[:PARTY_TO]->(a) WHERE holder.id IN [c.id, c.mergedInto]
            WITH DISTINCT a, knownAt WHERE %s
            WITH a, knownAt, %s AS version
            WITH a, knownAt, version, %s AS partyIds
            WHERE version.kind IN $kinds AND any(p IN partyIds WHERE p.company = $company AND p.role IN $roles)
              AND ($counterparties IS NULL OR any(p IN partyIds WHERE p.company IN $counterparties AND p.role IN $counterpartyRoles))
            WITH a, knownAt, version ORDER BY version.announced, a.id
            RETURN version.kind IS NOT NULL AS typed, %s AS agreement""".formatted(known("a"), versionOf("a"), PARTY_IDS, PROJECTION);

    /** As {@link AgreementRepository#involving}, as the graph held it at {@code knownAsOf}. */
    public List<Agreement> involving(String company, List<AgreementKind> kinds, List<PartyRole> roles, List<String> counterparties,
            List<PartyRole> counterpartyRoles, OffsetDateTime knownAsOf) {
        var params = new java.util.HashMap<String, Object>();
        params.put("company", company);
        params.put("kinds", kinds.stream().map(Enum::name).toList());
        params.put("roles", roles.stream().map(Enum::name).toList());
        params.put("counterparties", counterparties);
        params.put("counterpartyRoles", counterpartyRoles.stream().map(Enum::name).toList());
        params.put("knownAsOf", knownAsOf);
        return graph.read(INVOLVING_AS_KNOWN, params,
                r -> typed(r.get("agreement"), r.get("typed").asBoolean(), "of one of " + company + "'s agreements", knownAsOf));
    }

    /** Those of these ids the graph held at {@code knownAsOf} as agreements, each as then recorded, by id. */
    public Map<String, Agreement> byIds(List<String> ids, OffsetDateTime knownAsOf) {
        var found = new java.util.HashMap<String, Agreement>();
        graph.read(BY_IDS_AS_KNOWN, Map.of("ids", ids, "knownAsOf", knownAsOf), r -> found.put(r.get("id").asString(),
                typed(r.get("agreement"), r.get("typed").asBoolean(), "agreement '" + r.get("id").asString() + "' had", knownAsOf)));
        return found;
    }

    /**
     * A page of agreements as the graph held them at {@code knownAsOf}: matched, sorted and projected from each one's
     * version of then, in the order and with the cursors of the page without it. Counted only when {@code counted}.
     */
    Page.Rows<Agreement> page(AgreementFilter filter, AgreementOrder sort, boolean ascending, Page page, boolean counted,
            OffsetDateTime knownAsOf) {
        var params = AgreementRepository.pageParameters(filter, page);
        params.put("knownAsOf", knownAsOf);
        var cursorShape = page.cursor() == null ? "none" : page.cursor().key() == null ? "null" : "key";
        var cypher = PAGES.computeIfAbsent(sort + "|" + ascending + "|" + page.backward() + "|" + cursorShape + "|" + counted,
                k -> KNOWN_PAGE.formatted(KNOWN_MATCHES.indent(4).stripTrailing(), sortKey(sort),
                        Keyset.where(page, "sortKey", "a.id", ascending), page.backward() ? "DESC" : "ASC",
                        Keyset.direction(page, ascending), Keyset.idDirection(page), PROJECTION,
                        counted ? KNOWN_TOTAL.formatted(KNOWN_MATCHES.indent(4).stripTrailing()) : "WITH rows, -1 AS total"));
        return graph.readOne(cypher, params, r -> {
            var rows = r.get("rows").asList(v -> new Page.Row<>(typed(v.get("node"), !v.get("node").get("kind").isNull(),
                    "agreement '" + v.get("id").asString() + "' had", knownAsOf), v.get("key").asObject(), v.get("id").asString()));
            return new Page.Rows<>(r.get("total").asLong(), rows);
        }).orElseThrow();
    }
}
