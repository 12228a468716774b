package org.dealgraph.curation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dealgraph.agreement.AmendmentKind;
import org.dealgraph.api.ApiErrors;
import org.dealgraph.database.GraphRevision;
import org.dealgraph.dealfile.DealFile;
import org.dealgraph.dealfile.DealFile.AgreementEntry;
import org.dealgraph.dealfile.DealFile.AmendmentEntry;
import org.dealgraph.dealfile.DealFile.ChangeEntry;
import org.dealgraph.dealfile.DealFile.CompanyEntry;
import org.dealgraph.dealfile.DealFile.PersonEntry;
import org.dealgraph.dealfile.DealFile.SourceEntry;
import org.dealgraph.dealfile.InvalidDealFileException;
import org.dealgraph.load.DealEvents;
import org.dealgraph.load.DealFileReader;
import org.dealgraph.load.DealPlan;
import org.dealgraph.load.DealService;
import org.dealgraph.load.DealWriter;
import org.dealgraph.load.LoadReport;
import org.dealgraph.security.Callers;
import org.dealgraph.value.Confidence;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Callers' writes. Each goes through the same validation and the same all-or-nothing load as a deal file, and
 * needs a curator credential ({@code Authorization: Bearer <token>}).
 */
@GraphQLApi
public class DealMutations {

    private static final ObjectMapper FIELDS = new ObjectMapper();

    private final DealService deals;
    private final DealWriter writer;
    private final DealFileReader reader;
    private final Callers callers;
    private final DealEvents events;
    private final GraphRevision revisions;

    DealMutations(DealService deals, DealWriter writer, DealFileReader reader, Callers callers, DealEvents events,
            GraphRevision revisions) {
        this.deals = deals;
        this.writer = writer;
        this.reader = reader;
        this.callers = callers;
        this.events = events;
        this.revisions = revisions;
    }

    @Mutation("loadDeals")
    @Description("Loads a whole deal file (YAML or JSON text, the format of seed/README.md) in one transaction. "
            + "A rejected file comes back as outcome REJECTED with every problem; nothing of it is written.")
    public LoadReport loadDeals(@NonNull @Name("content") String content,
            @Name("file") @DefaultValue("graphql") @Description("A name for the report.") String file,
            @Name("dryRun") @DefaultValue("false") @Description("Check and report, write nothing.") boolean dryRun) {
        callers.requireCurator();
        return deals.load(file, content, dryRun);
    }

    @Mutation("recordAgreement")
    @Description("Records an agreement with its parties, terms, money, dates and at least one source; "
            + "new companies and sources it names can come along. A VALIDATION error lists every problem.")
    public LoadReport recordAgreement(@NonNull @Name("agreement") AgreementEntry agreement,
            @Name("sources") @Description("Sources it cites that the graph does not hold yet.") List<SourceEntry> sources,
            @Name("companies") @Description("Parties the graph does not hold yet.") List<CompanyEntry> companies,
            @Name("dryRun") @DefaultValue("false") boolean dryRun) {
        callers.requireCurator();
        return accepted(deals.load("recordAgreement", new DealFile(sources, companies, null, null, null, List.of(agreement), null), dryRun));
    }

    @Mutation("amendAgreement")
    @Description("Records an agreement that amends, expands or supersedes another from a date, with the terms it changes.")
    public LoadReport amendAgreement(@NonNull @Id @Name("agreement") @Description("Business id of the agreement amended.") String amended,
            @NonNull @Name("by") @Description("The amending agreement.") AgreementEntry by,
            @NonNull @Name("kind") @Description("How it acts on the earlier agreement.") AmendmentKind kind,
            @NonNull @Name("effective") @Description("From when: 2026-04-27, 2026-04 or 2026.") String effective,
            @Name("summary") String summary,
            @Name("changes") @Description("For an AMENDMENT: the terms it changes.") List<ChangeEntry> changes,
            @Name("sources") List<SourceEntry> sources,
            @Name("dryRun") @DefaultValue("false") boolean dryRun) {
        callers.requireCurator();
        var entry = withAmendment(by, new AmendmentEntry(amended, kind.name(), effective, summary, null, changes));
        return accepted(deals.load("amendAgreement", new DealFile(sources, null, null, null, null, List.of(entry), null), dryRun));
    }

    @Mutation("upsertCompany")
    @Description("Adds a company, or changes one (its previous values are kept as a revision).")
    public LoadReport upsertCompany(@NonNull @Name("company") CompanyEntry company, @Name("sources") List<SourceEntry> sources,
            @Name("dryRun") @DefaultValue("false") boolean dryRun) {
        callers.requireCurator();
        return accepted(deals.load("upsertCompany", new DealFile(sources, List.of(company), null, null, null, null, null), dryRun));
    }

    @Mutation("upsertPerson")
    @Description("Adds a person with roles, or changes one (its previous values are kept as a revision).")
    public LoadReport upsertPerson(@NonNull @Name("person") PersonEntry person, @Name("sources") List<SourceEntry> sources,
            @Name("dryRun") @DefaultValue("false") boolean dryRun) {
        callers.requireCurator();
        return accepted(deals.load("upsertPerson", new DealFile(sources, null, null, List.of(person), null, null, null), dryRun));
    }

    @Mutation("attachSource")
    @Description("Attaches a source to an agreement already in the graph, with the confidence it gives and the facts it supports. "
            + "Attached sources survive later loads of the agreement's deal file.")
    public boolean attachSource(@NonNull @Id @Name("agreement") String agreement, @NonNull @Name("source") SourceEntry source,
            @NonNull @Name("confidence") Confidence confidence, @Name("facts") List<String> facts, @Name("claim") String claim,
            @Name("note") String note) {
        callers.requireCurator();
        var planned = plannedOrReject(source);
        if (!writer.attachSource(agreement, planned, confidence, facts == null ? List.of() : facts, claim, note)) {
            throw new ApiErrors.NotFound("agreement", agreement);
        }
        // Committed: the agreement's sources changed, which subscribers hear as a change of the agreement.
        var report = new LoadReport("attachSource", LoadReport.Outcome.LOADED, 0, 1, 0, 1,
                List.of(new LoadReport.Change("Agreement", agreement, LoadReport.Change.Kind.CHANGED)), List.of(), 0, 0,
                (int) revisions.current().number());
        events.committed(report, Instant.now());
        return true;
    }

    /** The agreement entry with one more amendment; every other field as given, whatever fields the entry has. */
    @SuppressWarnings("unchecked")
    private static AgreementEntry withAmendment(AgreementEntry entry, AmendmentEntry amendment) {
        var fields = (Map<String, Object>) FIELDS.convertValue(entry, Map.class);
        var amends = new ArrayList<Object>(entry.amends() == null ? List.of() : entry.amends());
        amends.add(amendment);
        fields.put("amends", amends);
        return FIELDS.convertValue(fields, AgreementEntry.class);
    }

    private DealPlan.PlannedSource plannedOrReject(SourceEntry source) {
        try {
            return reader.source("attachSource", source);
        } catch (InvalidDealFileException e) {
            throw new ApiErrors.Invalid(e.getMessage());
        }
    }

    private static LoadReport accepted(LoadReport report) {
        if (report.outcome() == LoadReport.Outcome.REJECTED) {
            throw new ApiErrors.Invalid(report.summary().replace("\n  ", "; ").replaceFirst(": REJECTED, nothing written;", " was rejected, nothing written:"));
        }
        return report;
    }
}
