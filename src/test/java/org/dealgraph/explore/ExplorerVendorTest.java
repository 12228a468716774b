package org.dealgraph.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The explorer's two browser libraries are committed built files (so building and running the service needs no
 * Node.js): each must be byte for byte the file in the npm package its lockfile names, whose tarball must match the
 * lockfile's integrity hash. The tarball is read from npm's own cache when it is there, else from the npm registry.
 */
class ExplorerVendorTest {

    private static final Path LOCK = Path.of("src/explorer/package-lock.json");
    private static final Path VENDOR = Path.of("src/main/resources/META-INF/resources/explore/vendor");

    @ParameterizedTest
    @CsvSource({
            "cytoscape, package/dist/cytoscape.min.js, cytoscape.min.js, package/LICENSE, cytoscape.LICENSE",
            "graphql-ws, package/umd/graphql-ws.min.js, graphql-ws.min.js, package/LICENSE.md, graphql-ws.LICENSE.md"})
    void theCommittedFileIsTheLockedPackagesFile(String name, String entry, String committed, String licenceEntry, String licence)
            throws Exception {
        var locked = new ObjectMapper().readTree(LOCK.toFile()).path("packages").path("node_modules/" + name);
        var version = locked.path("version").asText();
        var integrity = locked.path("integrity").asText();
        assertTrue(integrity.startsWith("sha512-"), () -> name + " has a sha512 integrity in the lockfile: " + locked);
        var expected = Base64.getDecoder().decode(integrity.substring("sha512-".length()));

        var tarball = tarball(name, version, expected);
        assertArrayEquals(expected, MessageDigest.getInstance("SHA-512").digest(tarball), name + "'s tarball matches the lockfile's integrity");
        assertArrayEquals(entry(tarball, entry), Files.readAllBytes(VENDOR.resolve(committed)),
                () -> committed + " is " + entry + " of " + name + "@" + version);
        assertEquals(new String(entry(tarball, licenceEntry), StandardCharsets.UTF_8), Files.readString(VENDOR.resolve(licence)),
                () -> licence + " is " + name + "'s licence");
    }

    /** npm's content-addressed cache first (no network), then the registry; CI must reach one of them. */
    private static byte[] tarball(String name, String version, byte[] sha512) throws IOException, InterruptedException {
        var hex = HexFormat.of().formatHex(sha512);
        var cached = Path.of(System.getProperty("user.home"), ".npm", "_cacache", "content-v2", "sha512",
                hex.substring(0, 2), hex.substring(2, 4), hex.substring(4));
        if (Files.isRegularFile(cached)) {
            return Files.readAllBytes(cached);
        }
        var url = "https://registry.npmjs.org/" + name + "/-/" + name + "-" + version + ".tgz";
        try {
            var response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), url);
            return response.body();
        } catch (IOException e) {
            if (System.getenv("CI") == null) {
                Assumptions.abort("neither npm's cache nor the npm registry has " + name + "@" + version + " here, so the committed file is not checked");
            }
            throw e;
        }
    }

    /** One file of a gzipped tar (ustar headers; npm packs no long names for these files). */
    private static byte[] entry(byte[] tgz, String wanted) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(tgz))) {
            var header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                var name = field(header, 0, 100);
                var prefix = field(header, 345, 155);
                var path = prefix.isEmpty() ? name : prefix + "/" + name;
                var size = Long.parseLong(field(header, 124, 12).trim(), 8);
                var padded = (size + 511) / 512 * 512;
                if (path.equals(wanted) && (header[156] == '0' || header[156] == 0)) {
                    var content = in.readNBytes((int) size);
                    assertEquals(size, content.length);
                    return content;
                }
                in.skipNBytes(padded);
            }
        }
        throw new AssertionError(wanted + " is not in the package");
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
