package org.dealgraph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import jakarta.inject.Inject;

import org.dealgraph.load.DealService;
import org.dealgraph.load.LoadReport;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service, or with {@code load [--dry-run] FILE...} a one-shot loader of deal files into the configured Neo4j
 * (this is what {@code seed/load --neo4j URI} runs).
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    @Inject
    DealService deals;

    public static void main(String... args) {
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        if (args.length == 0 || !args[0].equals("load")) {
            Quarkus.waitForExit();
            return 0;
        }
        boolean dryRun = false;
        var files = new ArrayList<Path>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--dry-run")) {
                dryRun = true;
            } else {
                files.add(Path.of(args[i]));
            }
        }
        int rejected = 0;
        for (var file : files) {
            LoadReport report;
            if (!Files.isRegularFile(file)) {
                System.out.println(file + ": REJECTED, nothing written\n  (file): cannot be read");
                rejected++;
                continue;
            }
            report = deals.load(file.getFileName().toString(), file, dryRun);
            System.out.println(report.summary());
            if (report.outcome() == LoadReport.Outcome.REJECTED) {
                rejected++;
            }
        }
        return rejected == 0 ? 0 : 1;
    }
}
