package org.dealgraph.deal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.api.Connection;
import org.dealgraph.api.Page;
import org.dealgraph.database.GraphSessions;
import org.dealgraph.security.Callers;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/**
 * Retract, never erase. A retracted agreement becomes {@code :RetractedAgreement} — no query of {@code :Agreement}
 * (every answer, every derived value) sees it — and its source links become {@code RETRACTED_SOURCED_BY}; a source's
 * claim about an agreement becomes {@code RETRACTED_SOURCED_BY}; a company's alias moves to
 * {@code retractedAliases}. Each is a {@code :Retraction} node with who, when, why and from where, kept after a
 * restore (which undoes exactly what that retraction did and says who restored it, when and why). Loading a deal file
 * again does not bring a retracted fact back: its agreement id is refused, its claim and alias are left out.
 */
@ApplicationScoped
public class Retractions {

    @org.eclipse.microprofile.graphql.Enum("RetractedFactKind")
    public enum Kind {
        /** A whole agreement. */
        AGREEMENT,
        /** One source's claim about an agreement (the link, with its confidence). */
        SOURCE_CLAIM,
        /** One alias of a company. */
        COMPANY_ALIAS,
        /** A person's role at a company (every period of that title there). */
        ROLE,
        /** A company recorded twice: merged into another, whose id it then answers as. */
        COMPANY_MERGE
    }

    /** Which fact: an agreement; or an agreement and a source (that source's claim); or a company and an alias. */
    @Input("FactInput")
    @Description("A fact to retract or restore: {agreement} for an agreement, {agreement, source} for a source's claim about it, "
            + "{company, alias} for a company's alias, {person, company, title} for a person's role.")
    public record Fact(@Id @Description("Business id of the agreement.") String agreement,
            @Id @Description("Business id of the source whose claim about the agreement is meant.") String source,
            @Id @Description("Business id of the company whose alias, or where the person's role, is meant.") String company,
            @Description("The alias, exactly as the company lists it.") String alias,
            @Id @Description("Business id of the person whose role is meant.") String person,
            @Description("The role's title, exactly as recorded.") String title,
            @Id @Description("For a merge: business id of the company that survives it ('company' is merged into it).") String into) {

        Kind kind() {
            if (into != null) {
                if (company != null && agreement == null && source == null && alias == null && person == null && title == null) {
                    return Kind.COMPANY_MERGE;
                }
                throw new ApiErrors.BadArgument("fact", "a merge names {company, into}; it has " + this.describe());
            }
            if (person != null || title != null) {
                if (person != null && title != null && company != null && agreement == null && source == null && alias == null) {
                    return Kind.ROLE;
                }
                throw new ApiErrors.BadArgument("fact", "names {agreement}, {agreement, source}, {company, alias} or "
                        + "{person, company, title}; it has " + this.describe());
            }
            if (agreement != null && source == null && company == null && alias == null) {
                return Kind.AGREEMENT;
            }
            if (agreement != null && source != null && company == null && alias == null) {
                return Kind.SOURCE_CLAIM;
            }
            if (company != null && alias != null && agreement == null && source == null) {
                return Kind.COMPANY_ALIAS;
            }
            throw new ApiErrors.BadArgument("fact", "names {agreement}, {agreement, source}, {company, alias} or "
                    + "{person, company, title}; it has " + this.describe());
        }

        String describe() {
            var parts = new java.util.ArrayList<String>();
            if (agreement != null) {
                parts.add("agreement '" + agreement + "'");
            }
            if (source != null) {
                parts.add("source '" + source + "'");
            }
            if (company != null) {
                parts.add("company '" + company + "'");
            }
            if (alias != null) {
                parts.add("alias '" + alias + "'");
            }
            if (person != null) {
                parts.add("person '" + person + "'");
            }
            if (title != null) {
                parts.add("title '" + title + "'");
            }
            if (into != null) {
                parts.add("into '" + into + "'");
            }
            return parts.isEmpty() ? "nothing" : String.join(", ", parts);
        }

        Map<String, Object> parameters() {
            var p = new HashMap<String, Object>();
            p.put("agreement", agreement);
            p.put("source", source);
            p.put("company", company);
            p.put("alias", alias);
            p.put("person", person);
            p.put("title", title);
            p.put("into", into);
            return p;
        }
    }

    @Type("Retraction")
    @Description("A fact taken back: what, why, who, when and from where; and, once restored, who restored it, when and why.")
    public record Retraction(@NonNull @Id @Description("Its id.") String id,
            @NonNull @Description("What kind of fact.") Kind kind,
            @Description("The agreement (retracted, or whose source claim was).") String agreementId,
            @Description("The source whose claim was retracted.") String sourceId,
            @Description("The company whose alias was retracted.") String companyId,
            @Description("The alias retracted.") String alias,
            @Description("The person whose role was retracted.") String personId,
            @Description("The title of the role retracted.") String title,
            @Description("For a merge: the company the retracted one was merged into.") String survivorId,
            @NonNull @Description("Why it was retracted.") String reason,
            @NonNull @Description("Who retracted it.") String by,
            @NonNull @Description("When, ISO 8601.") String at,
            @NonNull @Description("The deal file or mutation that retracted it.") String file,
            @Description("When it was restored; null while retracted.") String restoredAt,
            @Description("Who restored it.") String restoredBy,
            @Description("Why it was restored.") String restoreReason,
            @Description("True while the fact stays retracted.") boolean active) {

        static Retraction from(Record r) {
            return of(r.get("retraction"));
        }

        static Retraction of(org.neo4j.driver.Value x) {
            return new Retraction(x.get("id").asString(), Kind.valueOf(x.get("kind").asString()), x.get("agreementId").asString(null),
                    x.get("sourceId").asString(null), x.get("companyId").asString(null), x.get("alias").asString(null),
                    x.get("personId").asString(null), x.get("title").asString(null), x.get("survivorId").asString(null),
                    x.get("reason").asString(), x.get("by").asString(), x.get("at").asString(), x.get("file").asString(),
                    x.get("restoredAt").asString(null), x.get("restoredBy").asString(null), x.get("restoreReason").asString(null),
                    x.get("restoredAt").isNull());
        }
    }

    private static final String PROJECTION = """
            x {.id, .kind, .agreementId, .sourceId, .companyId, .alias, .personId, .title, .survivorId, .reason, .by, at: toString(x.at), .file,
                      restoredAt: toString(x.restoredAt), .restoredBy, .restoreReason}""";
    private static final String OUT = "RETURN " + PROJECTION + " AS retraction";

    private static final String NEW = """
            CREATE (x:Retraction {id: $id, kind: $kind, agreementId: $agreement, sourceId: $source, companyId: $company,
                    alias: $alias, personId: $person, title: $title, survivorId: $into, reason: $reason, by: $by, at: datetime(), file: $file})""";

    private static final String RESTORED = """
            SET x.restoredAt = datetime(), x.restoredBy = $by, x.restoreReason = $reason, x.restoredFrom = $file""";

    private static final Map<Kind, String> RETRACT = Map.of(
            Kind.AGREEMENT, """
                    MATCH (a:Agreement {id: $agreement})
                    %s
                    CREATE (x)-[:RETRACTS]->(a)
                    REMOVE a:Agreement SET a:RetractedAgreement
                    WITH a, x
                    CALL (a, x) {
                        MATCH (a)-[r:SOURCED_BY]->(s)
                        CREATE (a)-[moved:RETRACTED_SOURCED_BY]->(s) SET moved = properties(r), moved.retraction = x.id
                        DELETE r
                    }
                    %s""".formatted(NEW, OUT),
            Kind.SOURCE_CLAIM, """
                    MATCH (a:Agreement {id: $agreement})-[r:SOURCED_BY]->(s:Source {id: $source})
                    WITH a, s, collect(r) AS links
                    %s
                    CREATE (x)-[:RETRACTS]->(a)
                    WITH a, s, x, links
                    CALL (a, s, x, links) {
                        UNWIND links AS r
                        CREATE (a)-[moved:RETRACTED_SOURCED_BY]->(s) SET moved = properties(r), moved.retraction = x.id
                        DELETE r
                    }
                    %s""".formatted(NEW, OUT),
            Kind.COMPANY_ALIAS, """
                    MATCH (c:Company {id: $company}) WHERE $alias IN c.aliases
                    WITH c, [y IN c.aliases WHERE y <> $alias] AS aliases
                    WITH c, aliases, reduce(t = '', y IN aliases | CASE WHEN t = '' THEN y ELSE t + ' | ' + y END) AS text
                    SET c.aliases = aliases, c.aliasText = text, c.nameKey = toLower(c.name + ' | ' + text),
                        c.retractedAliases = coalesce(c.retractedAliases, []) + $alias
                    %s
                    CREATE (x)-[:RETRACTS]->(c)
                    %s""".formatted(NEW, OUT),
            Kind.COMPANY_MERGE, """
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
            Kind.ROLE, """
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
    private static final String LINKS_BACK = """
            WITH a, x
            CALL (a, x) {
                MATCH (a)-[r:RETRACTED_SOURCED_BY {retraction: x.id}]->(s)
                CREATE (a)-[back:SOURCED_BY]->(s) SET back = properties(r) REMOVE back.retraction
                DELETE r
            }
            """ + OUT;

    private static final Map<Kind, String> RESTORE = Map.of(
            Kind.AGREEMENT, """
                    MATCH (a:RetractedAgreement {id: $agreement})<-[:RETRACTS]-(x:Retraction {kind: 'AGREEMENT'})
                    WHERE x.restoredAt IS NULL
                    REMOVE a:RetractedAgreement SET a:Agreement
                    %s
                    """.formatted(RESTORED) + LINKS_BACK,
            Kind.SOURCE_CLAIM, """
                    MATCH (a:Agreement {id: $agreement})<-[:RETRACTS]-(x:Retraction {kind: 'SOURCE_CLAIM', sourceId: $source})
                    WHERE x.restoredAt IS NULL
                    %s
                    """.formatted(RESTORED) + LINKS_BACK,
            Kind.COMPANY_ALIAS, """
                    MATCH (c:Company {id: $company})<-[:RETRACTS]-(x:Retraction {kind: 'COMPANY_ALIAS', alias: $alias})
                    WHERE x.restoredAt IS NULL
                    WITH c, x, c.aliases + $alias AS aliases
                    WITH c, x, aliases, reduce(t = '', y IN aliases | CASE WHEN t = '' THEN y ELSE t + ' | ' + y END) AS text
                    SET c.aliases = aliases, c.aliasText = text, c.nameKey = toLower(c.name + ' | ' + text),
                        c.retractedAliases = [y IN c.retractedAliases WHERE y <> $alias]
                    %s
                    %s""".formatted(RESTORED, OUT),
            Kind.COMPANY_MERGE, """
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
            Kind.ROLE, """
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
    private static final String STATE = """
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

    private static final String OF_FACT = "($fact IS NULL OR $fact IN [x.agreementId, x.companyId, x.sourceId, x.personId, x.survivorId])";
    /** Newest first: keyed by when (in milliseconds, a number a cursor keeps exactly), then by id. */
    private static final String PAGE = """
            CALL () {
                %2$s
            }
            CALL () {
                MATCH (x:Retraction) WHERE %1$s AND %3$s
                WITH x ORDER BY x.at.epochMillis %4$s, x.id %5$s LIMIT $take
                RETURN collect({retraction: %6$s, key: x.at.epochMillis, id: x.id}) AS rows
            }
            RETURN total, rows""";

    private final DealWriter writer;
    private final DealEvents events;
    private final GraphSessions sessions;

    Retractions(DealWriter writer, DealEvents events, GraphSessions sessions) {
        this.writer = writer;
        this.events = events;
        this.sessions = sessions;
    }

    public Retraction retract(Fact fact, String reason, String file) {
        return change(fact, reason, file, RETRACT, true);
    }

    public Retraction restore(Fact fact, String reason, String file) {
        return change(fact, reason, file, RESTORE, false);
    }

    /** A page of retractions, newest first, of one fact (an agreement, company, source or person id) or of all. */
    public Connection<Retraction> page(String fact, Page page, boolean counted) {
        var parameters = new HashMap<String, Object>(page.parameters());
        parameters.put("fact", fact);
        var total = counted ? "MATCH (x:Retraction) WHERE " + OF_FACT + " RETURN count(x) AS total" : "RETURN -1 AS total";
        var query = PAGE.formatted(OF_FACT, total, page.where("x.at.epochMillis", "x.id", false),
                page.direction(false), page.idDirection(), PROJECTION);
        try (var session = sessions.read()) {
            return session.executeRead(tx -> {
                var record = tx.run(query, parameters).single();
                var rows = record.get("rows").asList(v -> new Page.Row<>(Retraction.of(v.get("retraction")), v.get("key").asObject(), v.get("id").asString()));
                return Connection.of(record.get("total").asLong(), rows, page);
            });
        }
    }

    private Retraction change(Fact fact, String reason, String file, Map<Kind, String> statements, boolean retracting) {
        var kind = fact.kind();
        if (reason == null || reason.isBlank()) {
            throw new ApiErrors.BadArgument("reason", "is required: say why, for the history");
        }
        var by = Callers.current();
        var parameters = fact.parameters();
        parameters.put("reason", reason.strip());
        parameters.put("by", by);
        parameters.put("file", file);
        parameters.put("kind", kind.name());
        parameters.put("id", "retraction-" + UUID.randomUUID());
        var curated = writer.curate(tx -> {
            var result = tx.run(statements.get(kind), parameters).list(Retraction::from);
            if (result.isEmpty()) {
                throw explain(tx, fact, kind, parameters, retracting);
            }
            return result.get(0);
        }, (retraction, revision) -> announcement(retraction, retracting, file, revision.epoch(), (int) revision.number()));
        var done = curated.result();
        var revision = curated.revision();
        events.announced(announcement(done, retracting, file, revision.epoch(), (int) revision.number()), Instant.now());
        return done;
    }

    /**
     * The retractions of a deal file that would change the graph, in file order; those already in the state they ask
     * for are left out (loading the file again changes nothing), those naming nothing become problems at their path.
     */
    static List<DealPlan.PlannedRetraction> pending(TransactionContext tx, List<DealPlan.PlannedRetraction> entries,
            List<InvalidDealFileException.Problem> problems) {
        var pending = new java.util.ArrayList<DealPlan.PlannedRetraction>();
        for (var entry : entries) {
            var fact = entry.fact();
            var state = tx.run(STATE, fact.parameters()).single();
            boolean now;
            boolean then;
            switch (fact.kind()) {
                case AGREEMENT -> {
                    now = state.get("live").asBoolean();
                    then = state.get("gone").asBoolean();
                }
                case SOURCE_CLAIM -> {
                    now = state.get("claim").asBoolean();
                    then = state.get("retractedClaim").asBoolean();
                }
                case ROLE -> {
                    now = state.get("role").asBoolean();
                    then = state.get("retractedRole").asBoolean();
                }
                case COMPANY_MERGE -> {
                    now = state.get("company").asBoolean() && state.get("survivor").asBoolean();
                    then = state.get("merged").asBoolean();
                }
                default -> {
                    now = state.get("alias").asBoolean();
                    then = state.get("retractedAlias").asBoolean();
                }
            }
            var inForce = entry.restore() ? then : now;
            var alreadyDone = entry.restore() ? now : then;
            if (inForce) {
                pending.add(entry);
            } else if (!alreadyDone) {
                problems.add(new InvalidDealFileException.Problem(entry.path(), "the graph holds no " + fact.describe()
                        + (entry.restore() ? " that is retracted" : "") + " to " + (entry.restore() ? "restore" : "retract")));
            }
        }
        return pending;
    }

    /** Applies one retraction of a deal file inside the load's transaction. */
    static void apply(TransactionContext tx, DealPlan.PlannedRetraction entry, String file, String by) {
        var parameters = entry.fact().parameters();
        parameters.put("reason", entry.reason());
        parameters.put("by", by);
        parameters.put("file", file);
        parameters.put("kind", entry.fact().kind().name());
        parameters.put("id", "retraction-" + UUID.randomUUID());
        tx.run((entry.restore() ? RESTORE : RETRACT).get(entry.fact().kind()), parameters).consume();
    }

    /** What a deal file's retraction changes, as its load report lists it. */
    static LoadReport.Change change(DealPlan.PlannedRetraction entry) {
        var fact = entry.fact();
        return switch (fact.kind()) {
            case COMPANY_ALIAS -> new LoadReport.Change("Company", fact.company(), LoadReport.Change.Kind.CHANGED);
            case ROLE -> new LoadReport.Change("Person", fact.person(), LoadReport.Change.Kind.CHANGED);
            case COMPANY_MERGE -> new LoadReport.Change("Company", fact.into(), LoadReport.Change.Kind.CHANGED);
            default -> new LoadReport.Change("Agreement", fact.agreement(), LoadReport.Change.Kind.CHANGED);
        };
    }

    private static RuntimeException explain(TransactionContext tx, Fact fact, Kind kind, Map<String, Object> parameters, boolean retracting) {
        var state = tx.run(STATE, parameters).single();
        return switch (kind) {
            case AGREEMENT -> state.get("live").asBoolean() || state.get("gone").asBoolean()
                    ? new ApiErrors.Conflict("Agreement '" + fact.agreement() + "' is " + (retracting ? "already retracted" : "not retracted"))
                    : new ApiErrors.NotFound("agreement", fact.agreement());
            case SOURCE_CLAIM -> !state.get("live").asBoolean() ? new ApiErrors.NotFound("agreement", fact.agreement())
                    : new ApiErrors.Conflict(retracting
                            ? "Agreement '" + fact.agreement() + "' cites no source '" + fact.source() + "' (or that claim is already retracted)"
                            : "No retracted claim of source '" + fact.source() + "' about agreement '" + fact.agreement() + "'");
            case ROLE -> !state.get("person").asBoolean() ? new ApiErrors.NotFound("person", fact.person())
                    : !state.get("company").asBoolean() ? new ApiErrors.NotFound("company", fact.company())
                    : new ApiErrors.Conflict(retracting
                            ? "Person '" + fact.person() + "' holds no role '" + fact.title() + "' at '" + fact.company() + "'"
                                    + (state.get("retractedRole").asBoolean() ? " (it is already retracted)" : "")
                            : "No retracted role '" + fact.title() + "' of '" + fact.person() + "' at '" + fact.company() + "'");
            case COMPANY_MERGE -> !state.get("survivor").asBoolean() ? new ApiErrors.NotFound("company", fact.into())
                    : retracting && !state.get("company").asBoolean() && !state.get("merged").asBoolean()
                            ? new ApiErrors.NotFound("company", fact.company())
                    : new ApiErrors.Conflict(retracting
                            ? "Company '" + fact.company() + "' cannot be merged into '" + fact.into() + "'"
                                    + (state.get("merged").asBoolean() ? ": it already is" : "")
                            : "Company '" + fact.company() + "' is not merged into '" + fact.into() + "'");
            case COMPANY_ALIAS -> !state.get("company").asBoolean() ? new ApiErrors.NotFound("company", fact.company())
                    : new ApiErrors.Conflict(retracting
                            ? "Company '" + fact.company() + "' has no alias '" + fact.alias() + "'"
                                    + (state.get("retractedAlias").asBoolean() ? " (it is already retracted)" : "")
                            : "No retracted alias '" + fact.alias() + "' of company '" + fact.company() + "'");
        };
    }

    private static DealEvents.Announcement announcement(Retraction r, boolean retracting, String file, String epoch, int revision) {
        var label = r.kind() == Kind.COMPANY_ALIAS || r.kind() == Kind.COMPANY_MERGE ? "Company" : r.kind() == Kind.ROLE ? "Person" : "Agreement";
        var id = r.kind() == Kind.COMPANY_ALIAS ? r.companyId() : r.kind() == Kind.COMPANY_MERGE ? r.survivorId()
                : r.kind() == Kind.ROLE ? r.personId() : r.agreementId();
        var change = r.kind() != Kind.AGREEMENT ? DealEvents.Change.CHANGED
                : retracting ? DealEvents.Change.RETRACTED : DealEvents.Change.RESTORED;
        return new DealEvents.Announcement(epoch, revision, file, 0, 1,
                List.of(new LoadReport.Change(label, id, LoadReport.Change.Kind.CHANGED)),
                r.agreementId() == null ? Map.of() : Map.of(r.agreementId(), change),
                r.kind() == Kind.COMPANY_MERGE ? List.of(r.companyId(), r.survivorId()) : r.companyId() == null ? List.of() : List.of(r.companyId()));
    }
}
