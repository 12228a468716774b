package org.dealgraph.load;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.dealfile.DealFile;
import org.dealgraph.dealfile.InvalidDealFileException;
import org.jboss.logging.Logger;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;

/** The one way deals enter the graph: seed files at startup, the load endpoint, the mutations and the seed script. */
@ApplicationScoped
public class DealService {

    private static final Logger LOG = Logger.getLogger(DealService.class);

    private final DealFileReader reader;
    private final DealWriter writer;
    private final DealEvents events;

    DealService(DealFileReader reader, DealWriter writer, DealEvents events) {
        this.reader = reader;
        this.writer = writer;
        this.events = events;
    }

    /** Loads a deal file's text (YAML or JSON); a rejected file is reported, never half-written. */
    public LoadReport load(String fileName, String content, boolean dryRun) {
        return load(fileName, () -> reader.read(fileName, content), dryRun);
    }

    /** Loads a deal file given as structured input (the GraphQL mutations). */
    public LoadReport load(String name, DealFile file, boolean dryRun) {
        return load(name, () -> reader.plan(name, file), dryRun);
    }

    private LoadReport load(String name, Supplier<DealPlan> plan, boolean dryRun) {
        var started = System.nanoTime();
        LoadReport report;
        try {
            var planned = plan.get();
            report = writer.load(name, planned, dryRun);
            // writer.load returns once the transaction has committed: only then do subscribers hear of it.
            events.committed(planned, report, Instant.now());
        } catch (InvalidDealFileException e) {
            report = LoadReport.rejected(name, e.problems(), (System.nanoTime() - started) / 1_000_000);
        } catch (ClientException e) {
            report = LoadReport.rejected(name, List.of(conflict(e)), (System.nanoTime() - started) / 1_000_000);
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new ApiErrors.DatabaseUnavailable();
        }
        LOG.info(report.summary());
        return report;
    }

    /** A write the database refused (a uniqueness constraint, say): the transaction rolled back, nothing was written. */
    private static InvalidDealFileException.Problem conflict(ClientException e) {
        return new InvalidDealFileException.Problem("(graph)", "the graph refused the file, nothing was written: "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.code()));
    }
}
