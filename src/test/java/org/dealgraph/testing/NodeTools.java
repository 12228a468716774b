package org.dealgraph.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Node.js is needed only by the tests that drive the TypeScript client and the benchmark's load generator, never to
 * build or run the service: where it is missing those tests are skipped with one sentence saying why, except in CI
 * ({@code CI} set), where {@code .ci/run} installs it and its absence is a failure.
 */
public final class NodeTools {

    private NodeTools() {
    }

    public static boolean onPath(String program) {
        var path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(directory -> !directory.isBlank() && Files.isExecutable(Path.of(directory, program)));
    }

    public static void requireNpm() {
        var present = onPath("node") && onPath("npm");
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(present, "Node.js and npm are not on the PATH, so the TypeScript client is not tried "
                    + "(the service needs neither; .ci/run installs Debian's nodejs and npm)");
        }
        Assertions.assertTrue(present, "CI has Node.js and npm on the PATH (.ci/run installs them)");
    }
}
