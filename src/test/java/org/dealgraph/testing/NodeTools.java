package org.dealgraph.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    /**
     * Runs {@code command} in {@code directory} with {@code environment} added, echoing its output with {@code prefix};
     * fails unless it exits 0 within 5 minutes. Returns the output.
     */
    public static String run(Path directory, String prefix, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(List.of(command)).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        var process = builder.start();
        var output = new StringBuilder();
        var reader = new Thread(() -> {
            try (var in = process.inputReader()) {
                in.lines().forEach(line -> {
                    System.out.println("[" + prefix + "] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                });
            } catch (IOException e) {
                // The process ended.
            }
        });
        reader.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
        }
        reader.join(10_000);
        synchronized (output) {
            Assertions.assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
            return output.toString();
        }
    }
}
