package org.dealgraph.database;

import java.util.List;

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
     * True when claim {@code link} (a SOURCED_BY, a RETRACTED_SOURCED_BY since its retraction, or a revision's
     * WAS_SOURCED_BY) was held at {@code knownAt}: attached by then, not retracted then ({@code retractedAt}), nor
     * inside a retraction restored since ({@code retractedFrom[i]} to {@code retractedUntil[i]}). Properties only, no
     * subquery: these claims are read in every agreement and amendment a read as known projects.
     */
    private static String claimHeld(String link) {
        return """
                (%1$s.recordedAt IS NULL OR %1$s.recordedAt <= knownAt) AND NOT coalesce(%1$s.retractedAt <= knownAt, false)
                    AND none(i IN range(0, size(coalesce(%1$s.retractedFrom, [])) - 1)
                             WHERE %1$s.retractedFrom[i] <= knownAt < %1$s.retractedUntil[i])""".formatted(link);
    }

    /**
     * Whose links agreement {@code a}'s {@code version} has: the version itself when it is a revision that kept them
     * typed (written since V0014), else the agreement (today's links, or for an older revision its links as today).
     * Each read below names both kinds of link in one pattern, so that it is one expand whichever holds them.
     */
    private static String linksOf(String a, String version) {
        return "CASE WHEN %2$s:Revision AND coalesce(%2$s.linksKept, false) THEN %2$s ELSE %1$s END".formatted(a, version);
    }

    /**
     * The source claims of agreement {@code a} as its {@code version} at {@code knownAt} made them, each as
     * {@code projection} of the claim {@code sourcedBy} and its source {@code s}: a revision's own WAS_SOURCED_BY where
     * it kept them, else the agreement's links held then.
     */
    public static String claims(String a, String version, String projection) {
        return """
                [links IN [%1$s] | [(links)-[sourcedBy:SOURCED_BY|RETRACTED_SOURCED_BY|WAS_SOURCED_BY]->(s:Source)
                    WHERE %2$s AND (links:Revision OR NOT %3$s:Revision OR %3$s.sourceIds IS NULL OR s.id IN %3$s.sourceIds) | %4$s]][0]"""
                .formatted(linksOf(a, version), claimHeld("sourcedBy"), version, projection);
    }

    /** The products agreement {@code a} concerned as its {@code version} said, each as {@code projection} of {@code pr}. */
    public static String products(String a, String version, String projection) {
        return "[links IN [%s] | [(links)-[:CONCERNS|CONCERNED]->(pr:Product) | %s]][0]".formatted(linksOf(a, version), projection);
    }

    /** The tranches of agreement {@code a} as its {@code version} gave them, each as {@code projection} of {@code t}. */
    public static String tranches(String a, String version, String projection) {
        return "[links IN [%s] | [(links)-[:HAS_TRANCHE|HAD_TRANCHE]->(t:Tranche|PastTranche) | %s]][0]".formatted(linksOf(a, version), projection);
    }

    /**
     * The agreements {@code a} amended as its {@code version} said, each held at {@code knownAt}, as {@code projection}
     * of the link {@code r} (its fields as then recorded) and the other agreement {@code other}.
     */
    public static String amends(String a, String version, String projection) {
        return "[links IN [%s] | [(links)-[r:AMENDS|AMENDED]->(other) WHERE %s | %s]][0]"
                .formatted(linksOf(a, version), held("other", "Agreement|RetractedAgreement", "AGREEMENT"), projection);
    }

    /**
     * The agreements held at {@code knownAt} whose version of then amended {@code a}, as {@code projection} of the link
     * {@code r} and the amending agreement {@code other}: today's AMENDS of those recorded as they are now (or whose
     * version of then kept no links), and the AMENDED of the revisions of then.
     */
    public static String amendedBy(String a, String projection) {
        var parts = amendedByParts(a, projection);
        return "(" + parts.get(0) + "\n+ " + parts.get(1) + ")";
    }

    /**
     * {@link #amendedBy} as its two lists, today's links and those kept by revisions: Neo4j 5.26 refuses a
     * {@code reduce} over their concatenation ("Type mismatch … Boolean"), so a sum adds a reduce over each.
     */
    public static List<String> amendedByParts(String a, String projection) {
        var held = held("other", "Agreement|RetractedAgreement", "AGREEMENT");
        return List.of("""
                [(other)-[r:AMENDS]->(%1$s) WHERE %2$s AND (other.recordedAt <= knownAt OR NOT EXISTS {
                    MATCH (other)-[:HAD_REVISION]->(orv:Revision) WHERE orv.linksKept AND orv.recordedAt <= knownAt < orv.replacedAt }) | %3$s]"""
                .formatted(a, held, projection), """
                [(other)-[:HAD_REVISION]->(orv:Revision)-[r:AMENDED]->(%1$s) WHERE orv.recordedAt <= knownAt < orv.replacedAt AND %2$s | %3$s]"""
                .formatted(a, held, projection));
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
