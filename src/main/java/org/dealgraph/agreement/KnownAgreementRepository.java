package org.dealgraph.agreement;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.company.Company;
import org.dealgraph.database.Graph;
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
        return """
                (%1$s:Agreement OR %1$s:RetractedAgreement) AND %1$s.firstRecordedAt <= knownAt
                AND NOT EXISTS { MATCH (x:Retraction {kind: 'AGREEMENT'})-[:RETRACTS]->(%1$s) WHERE x.at <= knownAt AND (x.restoredAt IS NULL OR knownAt < x.restoredAt) }"""
                .formatted(n);
    }

    /** The version of agreement {@code n} recorded at {@code knownAt}: the node itself since its recordedAt, else the revision of then. */
    static String versionOf(String n) {
        return "CASE WHEN %1$s.recordedAt <= knownAt THEN %1$s ELSE head([(%1$s)-[:HAD_REVISION]->(rv:Revision) WHERE rv.recordedAt <= knownAt < rv.replacedAt | rv]) END"
                .formatted(n);
    }

    /** The company of party link {@code pt} to {@code party} at {@code knownAt}: the one a later merge moved it from, if any. */
    private static final String COMPANY_OF_PARTY = """
            coalesce(head(COLLECT { MATCH (x:Retraction {id: pt.mergedBy})-[:RETRACTS]->(gone) WHERE x.at > knownAt RETURN gone }), party)""";

    /** A company by id, merged into another since or not. */
    private static final String COMPANY_BY_ID = """
            head(COLLECT { MATCH (c1:Company {id: split(p, ' ')[0]}) RETURN c1 UNION MATCH (c1:MergedCompany {id: split(p, ' ')[0]}) RETURN c1 })""";

    private static final String PARTIES = """
            CASE WHEN version:Revision AND version.parties IS NOT NULL
              THEN [p IN version.parties | {role: split(p, ' ')[1], company: [c IN [%3$s] | %1$s][0]}]
              ELSE [(party:Company)-[pt:PARTY_TO]->(a) | {role: pt.role, company: [c IN [%2$s] | %1$s][0]}]
            END""".formatted(Company.PROJECTION, COMPANY_OF_PARTY, COMPANY_BY_ID);

    private static final String SOURCES = """
            [(a)-[sourcedBy:SOURCED_BY|RETRACTED_SOURCED_BY]->(s:Source)
              WHERE (sourcedBy.recordedAt IS NULL OR sourcedBy.recordedAt <= knownAt)
                AND (type(sourcedBy) = 'SOURCED_BY' OR EXISTS { MATCH (x:Retraction) WHERE x.id = sourcedBy.retraction AND x.at > knownAt })
                AND (NOT version:Revision OR version.sourceIds IS NULL OR s.id IN version.sourceIds)
              | {source: %s, confidence: sourcedBy.confidence, facts: sourcedBy.facts, claim: sourcedBy.claim, note: sourcedBy.note}]"""
            .formatted(Source.PROJECTION);

    private static final String LINK = "[ov IN [" + versionOf("other") + "] | " + Agreement.link("ov") + "][0]";

    static final String AS_KNOWN = """
            WITH $knownAsOf AS knownAt
            CALL () { MATCH (a:Agreement {id: $id}) RETURN a UNION MATCH (a:RetractedAgreement {id: $id}) RETURN a }
            WITH a, knownAt WHERE %s
            WITH a, knownAt, %s AS version
            RETURN version.kind IS NOT NULL AS typed, %s AS agreement""".formatted(known("a"), versionOf("a"),
            new MapProjection("version", List.of(new AllProperties(), new Computed("id", "a.id"),
                    new Computed("parties", PARTIES), new Computed("products", Agreement.PRODUCTS),
                    new Computed("tranches", Agreement.TRANCHES), new Computed("sources", SOURCES),
                    new Computed("amends", "[(a)-[r:AMENDS]->(other) WHERE " + known("other") + " | " + LINK + "]"),
                    new Computed("amendedBy", "[(other)-[r:AMENDS]->(a) WHERE " + known("other") + " | " + LINK + "]"),
                    new Computed("history", Agreement.HISTORY.replace("(rev:Revision) |", "(rev:Revision) WHERE rev.replacedAt <= knownAt |"))))
                    .cypher());

    private final Graph graph;

    KnownAgreementRepository(Graph graph) {
        this.graph = graph;
    }

    /** The agreement as known at {@code knownAsOf}; empty when the graph did not hold it then (or held it retracted). */
    public Optional<Agreement> byId(String id, OffsetDateTime knownAsOf) {
        return graph.readOne(AS_KNOWN, Map.of("id", id, "knownAsOf", knownAsOf), r -> {
            if (!r.get("typed").asBoolean()) {
                throw new ApiErrors.NotApplicable("The graph kept the terms agreement '" + id + "' had on " + knownAsOf
                        + " only as text (recorded before migration V0011): they cannot be answered as then known");
            }
            return Agreement.from(r.get("agreement"));
        });
    }
}
