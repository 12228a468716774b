package org.dealgraph.load;

import java.util.Map;

/**
 * The statements that retract and restore each kind of fact, and the one that explains why nothing was: named here,
 * run by {@link RetractionWrites}.
 */
final class RetractionStatements {

    private RetractionStatements() {
    }

    static final String OUT = "RETURN " + RetractionWrites.PROJECTION + " AS retraction";

    static final String NEW = """
            CREATE (x:Retraction {id: $id, kind: $kind, agreementId: $agreement, sourceId: $source, companyId: $company,
                    alias: $alias, personId: $person, title: $title, survivorId: $into, reason: $reason, by: $by, at: head(COLLECT { MATCH (lk:_LoadLock {id: 'deal-files'}) RETURN lk.moment }), file: $file})""";

    static final String RESTORED = """
            SET x.restoredAt = head(COLLECT { MATCH (lk:_LoadLock {id: 'deal-files'}) RETURN lk.moment }), x.restoredBy = $by, x.restoreReason = $reason, x.restoredFrom = $file""";

    static final Map<RetractionWrites.Kind, String> RETRACT = Map.of(
            RetractionWrites.Kind.AGREEMENT, """
                    MATCH (a:Agreement {id: $agreement})
                    %s
                    CREATE (x)-[:RETRACTS]->(a)
                    REMOVE a:Agreement SET a:RetractedAgreement
                    WITH a, x
                    CALL (a, x) {
                        MATCH (a)-[r:SOURCED_BY]->(s)
                        CREATE (a)-[moved:RETRACTED_SOURCED_BY]->(s) SET moved = properties(r), moved.retraction = x.id, moved.retractedAt = x.at
                        DELETE r
                    }
                    %s""".formatted(NEW, OUT),
            RetractionWrites.Kind.SOURCE_CLAIM, """
                    MATCH (a:Agreement {id: $agreement})-[r:SOURCED_BY]->(s:Source {id: $source})
                    WITH a, s, collect(r) AS links
                    %s
                    CREATE (x)-[:RETRACTS]->(a)
                    WITH a, s, x, links
                    CALL (a, s, x, links) {
                        UNWIND links AS r
                        CREATE (a)-[moved:RETRACTED_SOURCED_BY]->(s) SET moved = properties(r), moved.retraction = x.id, moved.retractedAt = x.at
                        DELETE r
                    }
                    %s""".formatted(NEW, OUT),
            RetractionWrites.Kind.COMPANY_ALIAS, """
                    MATCH (c:Company {id: $company}) WHERE $alias IN c.aliases
                    WITH c, [y IN c.aliases WHERE y <> $alias] AS aliases
                    WITH c, aliases, reduce(t = '', y IN aliases | CASE WHEN t = '' THEN y ELSE t + ' | ' + y END) AS text
                    SET c.aliases = aliases, c.aliasText = text, c.nameKey = toLower(c.name + ' | ' + text),
                        c.retractedAliases = coalesce(c.retractedAliases, []) + $alias
                    %s
                    CREATE (x)-[:RETRACTS]->(c)
                    %s""".formatted(NEW, OUT),
            RetractionWrites.Kind.COMPANY_MERGE, """
                    MATCH (gone:Company {id: $company}), (keep:Company {id: $into}) WHERE gone <> keep
                    %s
                    CREATE (x)-[:RETRACTS]->(gone)
                    WITH gone, keep, x
                    CALL (gone, keep, x) { MATCH (gone)-[r:PARTY_TO]->(a) CREATE (keep)-[m:PARTY_TO]->(a) SET m = properties(r), m.mergedBy = x.id DELETE r }
                    CALL (gone, keep, x) { MATCH (gone)-[r:SOURCED_BY]->(s) CREATE (keep)-[m:SOURCED_BY]->(s) SET m = properties(r), m.mergedBy = x.id DELETE r }
                    CALL (gone, keep, x) { MATCH (gone)-[r:OFFERS]->(p) CREATE (keep)-[m:OFFERS]->(p) SET m.mergedBy = x.id DELETE r }
                    CALL (gone, keep, x) { MATCH (gone)-[r:MADE]->(st) CREATE (keep)-[m:MADE]->(st) SET m.mergedBy = x.id DELETE r }
                    CALL (gone, keep, x) { MATCH (role:Role)-[r:AT]->(gone) CREATE (role)-[m:AT]->(keep) SET m.mergedBy = x.id DELETE r }
                    CALL (gone, keep, x) {
                        MATCH (child:Company)-[r:SUBSIDIARY_OF]->(gone) WHERE child <> keep
                        CREATE (child)-[m:SUBSIDIARY_OF]->(keep) SET m.mergedBy = x.id DELETE r
                    }
                    WITH gone, keep, x, [y IN [gone.name] + coalesce(gone.aliases, []) WHERE NOT y IN coalesce(keep.aliases, []) AND y <> keep.name] AS added
                    WITH gone, keep, x, added, coalesce(keep.aliases, []) + added AS aliases
                    WITH gone, keep, x, added, aliases, reduce(t = '', y IN aliases | CASE WHEN t = '' THEN y ELSE t + ' | ' + y END) AS text
                    SET keep.aliases = aliases, keep.aliasText = text, keep.nameKey = toLower(keep.name + ' | ' + text), x.addedAliases = added
                    REMOVE gone:Company SET gone:MergedCompany, gone.mergedInto = keep.id
                    WITH x
                    %s""".formatted(NEW, OUT),
            RetractionWrites.Kind.ROLE, """
                    MATCH (p:Person {id: $person})-[:HOLDS]->(r:Role {title: $title})-[:AT]->(:Company {id: $company})
                    WITH p, collect(r) AS roles
                    %s
                    CREATE (x)-[:RETRACTS]->(p)
                    WITH x, roles
                    CALL (x, roles) {
                        UNWIND roles AS r
                        REMOVE r:Role SET r:RetractedRole, r.retraction = x.id
                    }
                    %s""".formatted(NEW, OUT));

    /** What a retraction moved aside comes back: its source links, and then the retraction as it now reads. */
    static final String LINKS_BACK = """
            WITH a, x
            CALL (a, x) {
                MATCH (a)-[r:RETRACTED_SOURCED_BY {retraction: x.id}]->(s)
                CREATE (a)-[back:SOURCED_BY]->(s)
                SET back = properties(r), back.retractedFrom = coalesce(r.retractedFrom, []) + r.retractedAt,
                    back.retractedUntil = coalesce(r.retractedUntil, []) + x.restoredAt
                REMOVE back.retraction, back.retractedAt
                DELETE r
            }
            """ + OUT;

    static final Map<RetractionWrites.Kind, String> RESTORE = Map.of(
            RetractionWrites.Kind.AGREEMENT, """
                    MATCH (a:RetractedAgreement {id: $agreement})<-[:RETRACTS]-(x:Retraction {kind: 'AGREEMENT'})
                    WHERE x.restoredAt IS NULL
                    REMOVE a:RetractedAgreement SET a:Agreement
                    %s
                    """.formatted(RESTORED) + LINKS_BACK,
            RetractionWrites.Kind.SOURCE_CLAIM, """
                    MATCH (a:Agreement {id: $agreement})<-[:RETRACTS]-(x:Retraction {kind: 'SOURCE_CLAIM', sourceId: $source})
                    WHERE x.restoredAt IS NULL
                    %s
                    """.formatted(RESTORED) + LINKS_BACK,
            RetractionWrites.Kind.COMPANY_ALIAS, """
                    MATCH (c:Company {id: $company})<-[:RETRACTS]-(x:Retraction {kind: 'COMPANY_ALIAS', alias: $alias})
                    WHERE x.restoredAt IS NULL
                    WITH c, x, c.aliases + $alias AS aliases
                    WITH c, x, aliases, reduce(t = '', y IN aliases | CASE WHEN t = '' THEN y ELSE t + ' | ' + y END) AS text
                    SET c.aliases = aliases, c.aliasText = text, c.nameKey = toLower(c.name + ' | ' + text),
                        c.retractedAliases = [y IN c.retractedAliases WHERE y <> $alias]
                    %s
                    %s""".formatted(RESTORED, OUT),
            RetractionWrites.Kind.COMPANY_MERGE, """
                    MATCH (gone:MergedCompany {id: $company})<-[:RETRACTS]-(x:Retraction {kind: 'COMPANY_MERGE', survivorId: $into})
                    WHERE x.restoredAt IS NULL
                    MATCH (keep:Company {id: $into})
                    REMOVE gone:MergedCompany, gone.mergedInto SET gone:Company
                    %s
                    WITH gone, keep, x
                    CALL (gone, keep, x) { MATCH (keep)-[r:PARTY_TO {mergedBy: x.id}]->(a) CREATE (gone)-[m:PARTY_TO]->(a) SET m = properties(r) REMOVE m.mergedBy DELETE r }
                    CALL (gone, keep, x) { MATCH (keep)-[r:SOURCED_BY {mergedBy: x.id}]->(s) CREATE (gone)-[m:SOURCED_BY]->(s) SET m = properties(r) REMOVE m.mergedBy DELETE r }
                    CALL (gone, keep, x) { MATCH (keep)-[r:OFFERS {mergedBy: x.id}]->(p) CREATE (gone)-[:OFFERS]->(p) DELETE r }
                    CALL (gone, keep, x) { MATCH (keep)-[r:MADE {mergedBy: x.id}]->(st) CREATE (gone)-[:MADE]->(st) DELETE r }
                    CALL (gone, keep, x) { MATCH (role:Role)-[r:AT {mergedBy: x.id}]->(keep) CREATE (role)-[:AT]->(gone) DELETE r }
                    CALL (gone, keep, x) { MATCH (child:Company)-[r:SUBSIDIARY_OF {mergedBy: x.id}]->(keep) CREATE (child)-[:SUBSIDIARY_OF]->(gone) DELETE r }
                    WITH gone, keep, x, [y IN keep.aliases WHERE NOT y IN coalesce(x.addedAliases, [])] AS aliases
                    WITH gone, keep, x, aliases, reduce(t = '', y IN aliases | CASE WHEN t = '' THEN y ELSE t + ' | ' + y END) AS text
                    SET keep.aliases = aliases, keep.aliasText = text, keep.nameKey = toLower(keep.name + ' | ' + text)
                    WITH x
                    %s""".formatted(RESTORED, OUT),
            RetractionWrites.Kind.ROLE, """
                    MATCH (p:Person {id: $person})<-[:RETRACTS]-(x:Retraction {kind: 'ROLE', companyId: $company, title: $title})
                    WHERE x.restoredAt IS NULL
                    %s
                    WITH x
                    CALL (x) {
                        MATCH (r:RetractedRole {retraction: x.id})
                        REMOVE r:RetractedRole, r.retraction SET r:Role
                    }
                    %s""".formatted(RESTORED, OUT));

    /** Why nothing was retracted or restored: the fact is not there, or is already in the state asked for. */
    static final String STATE = """
            OPTIONAL MATCH (live:Agreement {id: $agreement})
            OPTIONAL MATCH (gone:RetractedAgreement {id: $agreement})
            OPTIONAL MATCH (:Agreement {id: $agreement})-[claim:SOURCED_BY]->(:Source {id: $source})
            OPTIONAL MATCH (:Agreement {id: $agreement})-[retractedClaim:RETRACTED_SOURCED_BY]->(:Source {id: $source})
            OPTIONAL MATCH (c:Company {id: $company})
            OPTIONAL MATCH (merged:MergedCompany {id: $company})
            OPTIONAL MATCH (survivor:Company {id: $into})
            OPTIONAL MATCH (person:Person {id: $person})
            OPTIONAL MATCH (person)-[:HOLDS]->(role:Role {title: $title})-[:AT]->(c)
            OPTIONAL MATCH (person)-[:HOLDS]->(retractedRole:RetractedRole {title: $title})-[:AT]->(c)
            RETURN live IS NOT NULL AS live, gone IS NOT NULL AS gone, claim IS NOT NULL AS claim,
                   retractedClaim IS NOT NULL AS retractedClaim, c IS NOT NULL AS company, person IS NOT NULL AS person,
                   role IS NOT NULL AS role, retractedRole IS NOT NULL AS retractedRole,
                   merged IS NOT NULL AND merged.mergedInto = $into AS merged, survivor IS NOT NULL AS survivor,
                   $alias IN coalesce(c.aliases, []) AS alias, $alias IN coalesce(c.retractedAliases, []) AS retractedAlias
            LIMIT 1""";
}
