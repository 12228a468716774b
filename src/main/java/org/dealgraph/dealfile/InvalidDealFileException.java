package org.dealgraph.dealfile;

import java.util.List;

import org.eclipse.microprofile.graphql.Name;

/** A deal file that cannot be loaded; nothing of it was written. Each problem names where and what. */
public class InvalidDealFileException extends RuntimeException {

    /** What kind of problem: the file itself, or a fact of it that curators have since retracted or merged away. */
    @Name("LoadProblemKind")
    public enum Kind {
        INVALID, RETRACTED, MERGED
    }

    public record Problem(String path, String message, Kind kind) {
        public Problem(String path, String message) {
            this(path, message, Kind.INVALID);
        }

        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    private final String file;
    private final List<Problem> problems;

    public InvalidDealFileException(String file, List<Problem> problems) {
        super(file + " was rejected: " + String.join("; ", problems.stream().map(Problem::toString).toList()));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }
}
