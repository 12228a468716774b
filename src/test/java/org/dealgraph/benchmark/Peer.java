package org.dealgraph.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.dealgraph.testing.Neo4jTestResource;

/** The Neo4j GraphQL Library on Apollo Server ({@code src/benchmark/peer.mjs}), a Node process over the same Neo4j. */
final class Peer implements AutoCloseable {

    private final Process process;
    private final String url;

    private Peer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static Peer start(String boltUri) throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var process = new ProcessBuilder("node", "peer.mjs", String.valueOf(port), boltUri, Neo4jTestResource.USERNAME,
                Neo4jTestResource.PASSWORD).directory(LoadGenerator.DIRECTORY.toFile()).redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        var said = new StringBuilder();
        while ((line = out.readLine()) != null) {
            if (line.startsWith("listening ")) {
                var peer = new Peer(process, line.substring("listening ".length()).strip());
                var drain = new Thread(() -> out.lines().forEach(l -> { }), "peer-output");
                drain.setDaemon(true);
                drain.start();
                return peer;
            }
            said.append(line).append('\n');
        }
        throw new IllegalStateException("The Neo4j GraphQL Library did not start (run npm ci in src/benchmark?):\n" + said);
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
