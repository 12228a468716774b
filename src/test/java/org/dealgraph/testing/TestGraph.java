package org.dealgraph.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;

/** A clean graph for a test: everything but the record of applied schema migrations is removed. */
public final class TestGraph {

    // Relationships first, in slices: a node's DETACH DELETE takes all its relationships into one inner transaction,
    // and ten thousand of a 1M graph's companies hold more than the benchmark's 2 GB transaction may.
    private static final String CLEAN_RELATIONSHIPS = """
            MATCH ()-[r]->()
            CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS""";
    private static final String CLEAN = """
            MATCH (n) WHERE NOT n:_SchemaMigration
            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS""";

    private TestGraph() {
    }

    private static final String NODES = """
            MATCH (n) WHERE NOT n:_SchemaMigration AND NOT n:_LoadLock AND NOT n:_LoadEvent AND NOT n:_Lease AND NOT n:_Revision
            RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS properties""";
    private static final String RELATIONSHIPS = """
            MATCH (a)-[r]->(b) WHERE NOT a:_SchemaMigration AND NOT a:_LoadLock AND NOT b:_SchemaMigration AND NOT b:_LoadLock
              AND NOT a:_LoadEvent AND NOT a:_Lease
            RETURN elementId(a) AS start, type(r) AS type, elementId(b) AS end, properties(r) AS properties""";

    /**
     * A fingerprint of everything in the graph (but the migration record, the load lock, log and revisions, the startup locks): every node's labels
     * and properties, every relationship's type, ends and properties, in a canonical order, hashed. It does not
     * depend on element ids, so two databases holding the same graph have the same fingerprint.
     */
    public static String checksum(Driver driver) {
        return fingerprint(driver, Set.of());
    }

    /**
     * The fingerprint without the provenance every write stamps (when and from which file a fact was recorded or
     * replaced): two loads of the same facts at other times, or from other files, have the same content checksum.
     */
    public static String contentChecksum(Driver driver) {
        return fingerprint(driver, PROVENANCE);
    }

    /**
     * The content checksum without the facts' fingerprints either: what an export loaded into an empty database must
     * reproduce (the fingerprint also covers the order a file lists a fact's sources in, which an export normalises).
     */
    public static String exportChecksum(Driver driver) {
        var ignored = new java.util.HashSet<>(PROVENANCE);
        ignored.add("contentHash");
        return fingerprint(driver, ignored);
    }

    private static final Set<String> PROVENANCE = Set.of("recordedAt", "firstRecordedAt", "recordedFrom", "recordedBy", "replacedAt", "replacedBy",
            "replacedByCurator", "lockedAt");

    /** The canonical lines the export checksum hashes: a failing comparison can show which facts differ. */
    public static List<String> exportLines(Driver driver) {
        var ignored = new java.util.HashSet<>(PROVENANCE);
        ignored.add("contentHash");
        return lines(driver, ignored);
    }

    /** Every canonical line of the graph (what {@link #checksum} hashes). */
    public static List<String> lines(Driver driver) {
        return lines(driver, Set.of());
    }

    /** Fails, naming the first lines one graph has and the other lacks, unless both have the same lines. */
    public static void assertSameLines(List<String> expected, List<String> actual, String message) {
        var lost = new ArrayList<>(expected);
        lost.removeAll(actual);
        var gained = new ArrayList<>(actual);
        gained.removeAll(expected);
        if (!lost.isEmpty() || !gained.isEmpty() || expected.size() != actual.size()) {
            throw new AssertionError(message + " (" + expected.size() + " lines, then " + actual.size() + "); lost "
                    + lost.subList(0, Math.min(3, lost.size())) + "\n gained " + gained.subList(0, Math.min(3, gained.size())));
        }
    }

    private static String fingerprint(Driver driver, Set<String> ignored) {
        try {
            var lines = lines(driver, ignored);
            var nodeCount = lines.stream().filter(l -> l.startsWith("N")).count();
            var digest = MessageDigest.getInstance("SHA-256");
            lines.forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return nodeCount + " nodes/" + (lines.size() - nodeCount) + " relationships/" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(Driver driver, Set<String> ignored) {
        try (var session = driver.session()) {
            var nodes = new HashMap<String, String>();
            session.run(NODES).forEachRemaining(r -> nodes.put(r.get("id").asString(),
                    new TreeSet<>(r.get("labels").asList(Value::asString)) + canonical(without(r.get("properties").asMap(), ignored))));
            var lines = new ArrayList<String>();
            nodes.values().forEach(node -> lines.add("N" + node));
            session.run(RELATIONSHIPS).forEachRemaining(r -> lines.add("R" + nodes.get(r.get("start").asString()) + "-[:"
                    + r.get("type").asString() + canonical(without(r.get("properties").asMap(), ignored)) + "]->" + nodes.get(r.get("end").asString())));
            Collections.sort(lines);
            return lines;
        }
    }

    private static Map<String, Object> without(Map<String, Object> properties, Set<String> ignored) {
        if (ignored.isEmpty()) {
            return properties;
        }
        var kept = new HashMap<String, Object>(properties);
        kept.keySet().removeAll(ignored);
        return kept;
    }

    /** Maps with sorted keys, lists in their order, arrays by content: the same value always reads the same. */
    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            var sorted = new TreeMap<String, String>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TestGraph::canonical).toList().toString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }

    public static String one(Driver driver, String cypher) {
        try (var session = driver.session()) {
            return session.run(cypher).single().get(0).asString();
        }
    }

    public static long count(Driver driver, String cypher) {
        try (var session = driver.session()) {
            return session.run(cypher).single().get(0).asLong();
        }
    }

    public static void clean(Driver driver) {
        try (var session = driver.session()) {
            session.run(CLEAN_RELATIONSHIPS).consume();
            session.run(CLEAN).consume();
        }
    }
}
