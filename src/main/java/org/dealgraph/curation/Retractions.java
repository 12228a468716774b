package org.dealgraph.curation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.load.DealEvents;
import org.dealgraph.load.DealWriter;
import org.dealgraph.load.LoadReport;
import org.dealgraph.load.RetractionWrites;
import org.dealgraph.load.RetractionWrites.Fact;
import org.dealgraph.load.RetractionWrites.Kind;
import org.dealgraph.load.RetractionWrites.Retraction;
import org.dealgraph.security.Callers;

/**
 * The curators' retractions and restores: one fact, one transaction, announced to subscribers. What a retraction does
 * to the graph: {@link RetractionWrites}; their history: {@link RetractionRepository}.
 */
@ApplicationScoped
public class Retractions {

    private final DealWriter writer;
    private final DealEvents events;

    Retractions(DealWriter writer, DealEvents events) {
        this.writer = writer;
        this.events = events;
    }

    public Retraction retract(Fact fact, String reason, String file) {
        return change(fact, reason, file, true);
    }

    public Retraction restore(Fact fact, String reason, String file) {
        return change(fact, reason, file, false);
    }

    private Retraction change(Fact fact, String reason, String file, boolean retracting) {
        if (reason == null || reason.isBlank()) {
            throw new ApiErrors.BadArgument("reason", "is required: say why, for the history");
        }
        var by = Callers.current();
        var curated = writer.curate(tx -> RetractionWrites.write(tx, fact, reason.strip(), file, by, retracting),
                (retraction, revision) -> announcement(retraction, retracting, file, revision.epoch(), (int) revision.number()));
        var done = curated.result();
        var revision = curated.revision();
        events.announced(announcement(done, retracting, file, revision.epoch(), (int) revision.number()), Instant.now());
        return done;
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
