package org.dealgraph.load;

import java.util.List;

import org.dealgraph.dealfile.InvalidDealFileException;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("LoadReport")
@Description("What loading one deal file did (or, for a dry run, would do).")
public record LoadReport(
        @Description("The file (or request) loaded.") String file,
        @Description("LOADED, UNCHANGED (nothing to write), DRY_RUN (checked, nothing written) or REJECTED (nothing written).") Outcome outcome,
        @Description("Facts (nodes) added.") int added,
        @Description("Facts changed; their previous values are kept as revisions.") int changed,
        @Description("Facts already in the graph as they are in the file.") int unchanged,
        @Description("Agreements in the file.") int agreements,
        @Description("The facts added or changed (the first 1000).") List<Change> changes,
        @Description("Why the file was rejected: every problem, by path in the file.") List<Problem> problems,
        @Description("Time taken, in milliseconds.") int millis,
        @Description("Agreements per second.") double agreementsPerSecond,
        @Description("The graph's revision after this load, when it changed the graph; -1 otherwise. Every change advances it.") int revision) {

    @Enum("LoadOutcome")
    public enum Outcome {
        LOADED, UNCHANGED, DRY_RUN, REJECTED
    }

    @Type("FactChange")
    @Description("One fact a load adds or changes.")
    public record Change(@Description("Its label: Agreement, Company, Source...") String label,
            @Description("Its business id.") String id,
            @Description("What happened to it.") Kind change,
            @Description("For a changed fact: each field whose value changes, old → new (the terms of an agreement as a file writes them).") List<FieldChange> fields) {

        public Change(String label, String id, Kind change) {
            this(label, id, change, List.of());
        }

        @Enum("FactChangeKind")
        public enum Kind {
            ADDED, CHANGED
        }
    }

    @Type("FieldChange")
    @Description("One field of a changed fact: its value in the graph, and the value the load gives it.")
    public record FieldChange(@Description("The field, as a deal file names it.") String field,
            @Description("Its value in the graph; null when absent.") String from,
            @Description("Its value after the load; null when removed.") String to) {
    }

    @Type("LoadProblem")
    @Description("One reason a deal file was rejected.")
    public record Problem(@Description("Where in the file or input: 'agreements[2].parties[0].role'.") String path,
            @Description("What was wrong and what was expected.") String message,
            @Description("INVALID: the file is wrong here; RETRACTED: it records a fact curators have since retracted; MERGED: it names a company merged into another.")
            @NonNull InvalidDealFileException.Kind kind) {
    }

    static LoadReport rejected(String file, List<InvalidDealFileException.Problem> problems, long millis) {
        return new LoadReport(file, Outcome.REJECTED, 0, 0, 0, 0, List.of(),
                problems.stream().map(p -> new Problem(p.path(), p.message(), p.kind())).toList(), (int) millis, 0, -1);
    }

    /** One line for people reading a load log. */
    public String summary() {
        if (outcome == Outcome.REJECTED) {
            return file + ": REJECTED, nothing written\n" + String.join("\n", problems.stream()
                    .map(p -> "  " + p.path() + ": " + p.message()).toList());
        }
        var line = "%s: %s, %d added, %d changed, %d unchanged, %d agreements in %d ms (%.0f agreements/s)".formatted(
                file, outcome, added, changed, unchanged, agreements, millis, agreementsPerSecond);
        if (outcome != Outcome.DRY_RUN) {
            return line;
        }
        // A dry run says what would change, field by field, for a curator to check before loading.
        var diff = new StringBuilder(line);
        for (var change : changes) {
            if (change.change() == Change.Kind.ADDED) {
                diff.append("\n  + ").append(change.label()).append(' ').append(change.id());
            } else {
                diff.append("\n  ~ ").append(change.label()).append(' ').append(change.id());
                for (var field : change.fields()) {
                    diff.append("\n      ").append(field.field()).append(": ").append(field.from() == null ? "(none)" : field.from())
                            .append(" → ").append(field.to() == null ? "(none)" : field.to());
                }
            }
        }
        return diff.toString();
    }
}
