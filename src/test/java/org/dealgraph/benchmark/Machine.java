package org.dealgraph.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a figure was measured on: the machine, the commit, the Node version. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        var cpu = read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        var memory = read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 20).map(gb -> gb + " GB").orElse("? GB");
        return String.format("%d cores (%s), %s RAM, %s %s, Java %s", Runtime.getRuntime().availableProcessors(), cpu, memory,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }

    static String commit() {
        var commit = run("git", "rev-parse", "--short", "HEAD");
        var dirty = run("git", "status", "--porcelain", "--untracked-files=no");
        return commit.isEmpty() ? "unknown" : dirty.isEmpty() ? commit : commit + " (with uncommitted changes)";
    }

    static String node() {
        return run("node", "--version");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static String run(String... command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
