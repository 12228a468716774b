package org.dealgraph.database;

/**
 * Transaction time in Cypher (graph/MODEL.md, "What the graph knew, and when"): the predicates and expressions every
 * read as known at a moment shares, over a variable {@code knownAt} the statement binds. Agreements and companies read
 * through the same ones, so that a page, a look-up and a timeline agree on what the graph held.
 */
public final class KnownAt {

    private KnownAt() {
    }

    /**
     * True when fact {@code n} (one of {@code labels}, e.g. {@code "Agreement|RetractedAgreement"}) was recorded by
     * {@code knownAt} and no retraction of {@code retractionKind} stood against it then.
     */
    public static String held(String n, String labels, String retractionKind) {
        return """
                %1$s:%2$s AND %1$s.firstRecordedAt <= knownAt
                AND NOT EXISTS { MATCH (x:Retraction {kind: '%3$s'})-[:RETRACTS]->(%1$s) WHERE x.at <= knownAt AND (x.restoredAt IS NULL OR knownAt < x.restoredAt) }"""
                .formatted(n, labels, retractionKind);
    }

    /** The version of fact {@code n} recorded at {@code knownAt}: the node itself since its recordedAt, else the revision of then. */
    public static String versionOf(String n) {
        return "CASE WHEN %1$s.recordedAt <= knownAt THEN %1$s ELSE head([(%1$s)-[:HAD_REVISION]->(rv:Revision) WHERE rv.recordedAt <= knownAt < rv.replacedAt | rv]) END"
                .formatted(n);
    }

    /**
     * The company that relationship {@code link} of company {@code holder} belonged to at {@code knownAt}: the one a
     * merge after then moved it from (the merge's retraction names it), else {@code holder}.
     */
    public static String companyOf(String link, String holder) {
        return "coalesce(head(COLLECT { MATCH (x:Retraction {id: %1$s.mergedBy})-[:RETRACTS]->(gone) WHERE x.at > knownAt RETURN gone }), %2$s)"
                .formatted(link, holder);
    }

    /**
     * True when link {@code link} (SOURCED_BY, or RETRACTED_SOURCED_BY since its retraction) to source {@code source}
     * was held at {@code knownAt} for {@code version} of the fact: attached by then, not retracted then, and among the
     * sources that version listed.
     */
    public static String sourceHeld(String link, String version, String source) {
        return """
                (%1$s.recordedAt IS NULL OR %1$s.recordedAt <= knownAt)
                    AND (type(%1$s) = 'SOURCED_BY' OR EXISTS { MATCH (x:Retraction) WHERE x.id = %1$s.retraction AND x.at > knownAt })
                    AND (NOT %2$s:Revision OR %2$s.sourceIds IS NULL OR %3$s.id IN %2$s.sourceIds)""".formatted(link, version, source);
    }

    /**
     * The parties of agreement {@code a} as its {@code version} at {@code knownAt} lists them, as {role, company: the
     * company node}: a revision's own list where it kept one, else the PARTY_TO links, each to its company of then.
     */
    public static String parties(String a, String version) {
        return """
                CASE WHEN %2$s:Revision AND %2$s.parties IS NOT NULL
                  THEN [p IN %2$s.parties | {role: split(p, ' ')[1], company: head(COLLECT { MATCH (c1:Company {id: split(p, ' ')[0]}) RETURN c1 UNION MATCH (c1:MergedCompany {id: split(p, ' ')[0]}) RETURN c1 })}]
                  ELSE [(party:Company)-[pt:PARTY_TO]->(%1$s) | {role: pt.role, company: %3$s}]
                END""".formatted(a, version, companyOf("pt", "party"));
    }

    /**
     * The same parties as {@link #parties} as {role, company: id}, without reading the companies a revision names:
     * what a filter needs.
     */
    public static String partyIds(String a, String version) {
        return """
                CASE WHEN %2$s:Revision AND %2$s.parties IS NOT NULL
                  THEN [p IN %2$s.parties | {role: split(p, ' ')[1], company: split(p, ' ')[0]}]
                  ELSE [(party:Company)-[pt:PARTY_TO]->(%1$s) | {role: pt.role, company: %3$s.id}]
                END""".formatted(a, version, companyOf("pt", "party"));
    }
}
