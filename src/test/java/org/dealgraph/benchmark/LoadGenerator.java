package org.dealgraph.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs {@code src/benchmark/load.mjs} in a Node process of its own on a plan, and reads its JSON results. */
final class LoadGenerator {

    static final Path DIRECTORY = Path.of("src", "benchmark").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadGenerator() {
    }

    static JsonNode run(Map<String, Object> plan) throws IOException, InterruptedException {
        var file = Files.createTempFile("benchmark-plan", ".json");
        try {
            JSON.writeValue(file.toFile(), plan);
            var process = new ProcessBuilder("node", "load.mjs", file.toString()).directory(DIRECTORY.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("The load generator failed: " + out);
            }
            return JSON.readTree(out);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
