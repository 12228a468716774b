package org.dealgraph.load;

import static org.dealgraph.load.RetractionStatements.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.dealfile.InvalidDealFileException;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * Retract, never erase: the statements that retract and restore a fact inside a write transaction, shared by a deal
 * file's load (its {@code retractions:}) and the curators' mutations ({@code curation.Retractions}). A retracted
 * agreement becomes {@code :RetractedAgreement} — no query of {@code :Agreement} (every answer, every derived value)
 * sees it — and its source links become {@code RETRACTED_SOURCED_BY}; a source's claim about an agreement becomes
 * {@code RETRACTED_SOURCED_BY}; a company's alias moves to {@code retractedAliases}. Each is a {@code :Retraction}
 * node with who, when, why and from where, kept after a restore (which undoes exactly what that retraction did and
 * says who restored it, when and why). Loading a deal file again does not bring a retracted fact back.
 */
public final class RetractionWrites {

    private RetractionWrites() {
    }


    @Enum("RetractedFactKind")
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
            var parts = new ArrayList<String>();
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

        public static Retraction from(Record r) {
            return of(r.get("retraction"));
        }

        public static Retraction of(Value x) {
            return new Retraction(x.get("id").asString(), Kind.valueOf(x.get("kind").asString()), x.get("agreementId").asString(null),
                    x.get("sourceId").asString(null), x.get("companyId").asString(null), x.get("alias").asString(null),
                    x.get("personId").asString(null), x.get("title").asString(null), x.get("survivorId").asString(null),
                    x.get("reason").asString(), x.get("by").asString(), x.get("at").asString(), x.get("file").asString(),
                    x.get("restoredAt").asString(null), x.get("restoredBy").asString(null), x.get("restoreReason").asString(null),
                    x.get("restoredAt").isNull());
        }
    }

    public static final String PROJECTION = """
            x {.id, .kind, .agreementId, .sourceId, .companyId, .alias, .personId, .title, .survivorId, .reason, .by, at: toString(x.at), .file,
                      restoredAt: toString(x.restoredAt), .restoredBy, .restoreReason}""";
    /**
     * Retracts ({@code retracting}) or restores one fact a curator names, with who, why and from where; an
     * explained error when the fact is not there or already in the state asked for.
     */
    public static Retraction write(TransactionContext tx, Fact fact, String reason, String file, String by, boolean retracting) {
        var kind = fact.kind();
        var parameters = parameters(fact, reason, file, by);
        var result = tx.run((retracting ? RETRACT : RESTORE).get(kind), parameters).list(Retraction::from);
        if (result.isEmpty()) {
            throw explain(tx, fact, kind, parameters, retracting);
        }
        return result.get(0);
    }

    /**
     * The retractions of a deal file that would change the graph, in file order; those already in the state they ask
     * for are left out (loading the file again changes nothing), those naming nothing become problems at their path.
     */
    static List<DealPlan.PlannedRetraction> pending(TransactionContext tx, List<DealPlan.PlannedRetraction> entries,
            List<InvalidDealFileException.Problem> problems) {
        var pending = new ArrayList<DealPlan.PlannedRetraction>();
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
        tx.run((entry.restore() ? RESTORE : RETRACT).get(entry.fact().kind()), parameters(entry.fact(), entry.reason(), file, by)).consume();
    }

    /** A retraction statement's parameters: the fact, and the new retraction's id, kind, reason, who and from where. */
    private static Map<String, Object> parameters(Fact fact, String reason, String file, String by) {
        var parameters = fact.parameters();
        parameters.put("reason", reason);
        parameters.put("by", by);
        parameters.put("file", file);
        parameters.put("kind", fact.kind().name());
        parameters.put("id", "retraction-" + UUID.randomUUID());
        return parameters;
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

}
