package org.dealgraph.load;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.dealgraph.dealfile.DealFile;
import org.dealgraph.dealfile.DealText;
import org.dealgraph.dealfile.InvalidDealFileException;
import org.dealgraph.dealfile.InvalidDealFileException.Problem;
import org.dealgraph.value.Numbers;

/**
 * Checks a deal file (YAML, or JSON which is YAML too) entry by entry against every rule a file can be checked against
 * without the graph, and learns what the writer needs of it as a whole ({@link DealPlan}). Every problem of a file is
 * reported at once, with its path in the file (the first {@value #MAX_PROBLEMS}).
 */
@ApplicationScoped
public class DealFileReader {

    static final int MAX_PROBLEMS = 1_000;

    private final Validator validator;

    DealFileReader(Validator validator) {
        this.validator = validator;
    }

    /** Checks a file's text held in a string (tests, small files). */
    public DealPlan read(String fileName, String content) {
        return check(fileName, text(fileName, content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Checks a file given as structured input (the mutations). */
    public DealPlan plan(String fileName, DealFile file) {
        return check(fileName, DealEntries.of(file));
    }

    /** A file's text in memory, read as a stream. */
    static DealEntries text(String fileName, byte[] content) {
        return new StreamedDealFile(fileName, () -> new ByteArrayInputStream(content));
    }

    /** One source given alone (attachSource), checked and planned. */
    public DealPlan.PlannedSource source(String name, DealFile.SourceEntry source) {
        plan(name, new DealFile(List.of(source), null, null, null, null, null, null));
        return (DealPlan.PlannedSource) new DealPlanner(new ArrayList<>()).accept(DealSection.SOURCES, 0, source);
    }

    /** Reads every entry once; the plan, or every problem at once. */
    public DealPlan check(String fileName, DealEntries entries) {
        var problems = new ArrayList<Problem>();
        var planner = new DealPlanner(problems);
        entries.read(EnumSet.allOf(DealSection.class), new DealEntries.Visitor() {
            @Override
            public void entry(DealSection section, int index, Object entry) {
                check(section, index, entry, planner, problems);
                if (problems.size() > MAX_PROBLEMS) {
                    throw rejected(fileName, problems, "more problems follow; these are the first " + MAX_PROBLEMS);
                }
            }

            @Override
            public void section(DealSection section) {
                planner.plan().order.add(section);
            }
        });
        var plan = planner.finish();
        if (!problems.isEmpty()) {
            throw rejected(fileName, problems, null);
        }
        return plan;
    }

    private void check(DealSection section, int index, Object entry, DealPlanner planner, List<Problem> problems) {
        var at = section.field + "[" + index + "]";
        if (entry == null) {
            problems.add(new Problem(at, "is empty: an entry is a mapping of fields"));
            return;
        }
        var before = problems.size();
        for (var violation : validator.validate(entry)) {
            var path = violation.getPropertyPath().toString();
            problems.add(new Problem(path.isEmpty() ? at : at + "." + path, violation.getMessage()));
        }
        DealText.check(entry, at, problems);
        var own = problems.subList(before, problems.size());
        if (own.stream().anyMatch(p -> p.message().contains(Numbers.BOUND))) {
            // The planner would compute with a number of a billion digits: refused before it does.
            return;
        }
        try {
            planner.accept(section, index, entry);
        } catch (RuntimeException e) {
            // Only an entry Bean Validation already faulted can trip the planner; its problems are reported.
            if (problems.size() == before) {
                throw e;
            }
        }
    }

    private static InvalidDealFileException rejected(String fileName, List<Problem> problems, String more) {
        var sorted = new ArrayList<>(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        sorted.sort(Comparator.comparing(Problem::path));
        var distinct = new ArrayList<>(sorted.stream().distinct().toList());
        if (more != null) {
            distinct.add(new Problem("(file)", more));
        }
        return new InvalidDealFileException(fileName, distinct);
    }
}
