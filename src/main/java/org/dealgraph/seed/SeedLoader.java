package org.dealgraph.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.dealgraph.database.GraphLease;
import org.dealgraph.database.StartupLockConfig;
import org.dealgraph.dealfile.InvalidDealFileException;
import org.dealgraph.load.DealService;
import org.dealgraph.load.LoadReport;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.util.ClassPathUtils;

/** Loads the deal files shipped in {@code seed/deals/} at startup; loading them again changes nothing. */
@ApplicationScoped
public class SeedLoader {

    public static final String LOCATION = "seed/deals";
    public static final int RUNS_AFTER_MIGRATIONS = 20;

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);

    public record SeedFile(String name, String content) {
    }

    private final DealService deals;
    private final boolean onStartup;
    private final GraphLease lease;
    private final StartupLockConfig lock;

    SeedLoader(DealService deals, SeedConfig config, GraphLease lease, StartupLockConfig lock) {
        this.deals = deals;
        this.onStartup = config.onStartup();
        this.lease = lease;
        this.lock = lock;
    }

    /** Replicas starting together: one loads the seed, the others then find it unchanged (and say so). */
    void onStart(@Observes @Priority(RUNS_AFTER_MIGRATIONS) StartupEvent event) {
        if (onStartup) {
            try (var held = lease.take("seed", lock.lease(), lock.waitFor())) {
                loadAll();
            }
        }
    }

    /** Loads every shipped deal file in name order; returns how many agreements they hold. */
    public int loadAll() {
        var started = System.nanoTime();
        int agreements = 0;
        var files = files();
        for (var file : files) {
            var report = deals.load(file.name(), file.content(), false);
            if (report.outcome() == LoadReport.Outcome.REJECTED) {
                // Curators have the last word: a shipped file that records what they retracted or merged since is left
                // as the graph has it, and the service starts. Anything else wrong with it is a broken build.
                if (report.problems().stream().allMatch(p -> p.kind() != InvalidDealFileException.Kind.INVALID)) {
                    LOG.warnf("%s was not loaded again: curators have since retracted or merged facts it records, and the graph"
                            + " keeps their word (restore them to load it)\n%s", file.name(), report.summary());
                    continue;
                }
                throw new IllegalStateException("The shipped seed is invalid: " + report.summary());
            }
            agreements += report.agreements();
        }
        LOG.infof("Seed loaded: %d files, %d agreements in %d ms", files.size(), agreements,
                (System.nanoTime() - started) / 1_000_000);
        return agreements;
    }

    public static List<SeedFile> files() {
        var files = new ArrayList<SeedFile>();
        try {
            ClassPathUtils.consumeAsPaths(LOCATION, dir -> {
                try (var list = Files.list(dir)) {
                    for (Path f : list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).toList()) {
                        files.add(new SeedFile(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(Comparator.comparing(SeedFile::name));
        return files;
    }
}
