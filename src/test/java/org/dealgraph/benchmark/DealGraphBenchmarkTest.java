package org.dealgraph.benchmark;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.dealgraph.database.Graph;
import org.dealgraph.load.DealService;
import org.dealgraph.load.LoadReport;
import org.dealgraph.synthetic.SyntheticDeals;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.summary.Plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Loads generated graphs of several sizes into the embedded Neo4j and prints, for each: the bulk load rate next to
 * hand-written UNWIND Cypher (with heap and resident memory during and after the load), then eight request kinds
 * sent by a load generator in a process of its own ({@code src/benchmark/load.mjs}) to dealgraph, to the Neo4j
 * GraphQL Library on Apollo Server over the same database ({@code src/benchmark/peer.mjs}) and as hand-written
 * Cypher through the official driver (the floor), after checking that all three give the same ids; and the Cypher
 * statements each GraphQL request cost, with their plans. It prints figures with the date, the machine and the
 * commit; it asserts nothing about time. Run it with {@code ./mvnw -B test -Pbenchmark}.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(DealGraphBenchmarkTest.AsDeployed.class)
@WithTestResource(Neo4jTestResource.class)
class DealGraphBenchmarkTest {

    /** The service as deployed: warmed before it is ready and after a large load (tests leave the warm-up out). */
    public static class AsDeployed implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dealgraph.warm-up.requests", "2000");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = Integer.getInteger("benchmark.clients", 4);
    /** Each target of each request kind is warmed for this long (or this many requests), then measured in cycles. */
    private static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmup-seconds", 1);
    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 100_000);
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 10);
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 1_000_000);
    private static final int CYCLES = Integer.getInteger("benchmark.cycles", 2);
    private static final int CHUNK = Integer.getInteger("benchmark.chunk", 50_000);

    @Inject
    Driver driver;

    @Inject
    DealService deals;

    @Inject
    Graph graph;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final StringBuilder report = new StringBuilder();
    private int header;

    /** The report: date, machine and commit, the loads of every size side by side, then each size in detail. */
    private String written() {
        return report.substring(0, header) + "\n## Loads, every size" + summary() + report.substring(header);
    }

    @Test
    void benchmark() throws Exception {
        var sizes = Arrays.stream(System.getProperty("benchmark.sizes", "10000,100000,1000000").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray();
        SeedGraph.invalidate();
        line("# dealgraph benchmark, %s, commit %s", LocalDate.now(), Machine.commit());
        line("");
        line("Machine: %s. Service and embedded Neo4j in one JVM (%d MB max heap, page cache %s, transaction memory %s, transaction state %s); "
                + "load generator and peer: Node %s, "
                + "separate processes; %d clients on keep-alive connections; per request kind and target %d s warm-up, then %d cycles of %d s.",
                Machine.describe(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("dealgraph.test.pagecache", "64m"),
                System.getProperty("dealgraph.test.transaction-memory", "512m"),
                Boolean.getBoolean("dealgraph.test.transaction-state-off-heap") ? "off heap" : "on heap",
                Machine.node(), CLIENTS, WARMUP_SECONDS, CYCLES, SECONDS);
        header = report.length();
        for (int size : sizes) {
            run(size);
            // Written after every size, so that a size that fails (memory, time) leaves the figures of the others.
            Files.writeString(Path.of("target", "benchmark.md"), written());
        }
        line("");
        line("Service JVM after the run (service and embedded Neo4j share it): %s", Memory.now());
        Files.writeString(Path.of("target", "benchmark.md"), written());
        System.out.println(written());
        TestGraph.clean(driver);
    }

    private void run(int size) throws Exception {
        var companies = Math.max(50, size / 10);
        var base = Path.of("target", "benchmark-data", "synthetic-" + size + ".json");
        Files.createDirectories(base.getParent());
        var parts = SyntheticDeals.writeParts(base, companies, size, 42, CHUNK);
        long bytes = 0;
        long largest = 0;
        for (var part : parts) {
            bytes += Files.size(part);
            largest = Math.max(largest, Files.size(part));
        }
        line("");
        line("## %,d agreements, %,d companies (%d deal file%s, %d MB, at most %,d sources, companies and agreements each, one transaction each)",
                size, companies, parts.size(), parts.size() == 1 ? "" : "s", bytes >> 20, CHUNK);

        TestGraph.clean(driver);
        System.gc();
        var handMemory = Memory.sample();
        double handSeconds = 0;
        for (var part : parts) {
            @SuppressWarnings("unchecked")
            var parsed = (Map<String, Object>) JSON.readValue(part.toFile(), Map.class);
            var handStarted = System.nanoTime();
            handWrittenLoad(parsed);
            handSeconds += (System.nanoTime() - handStarted) / 1e9;
        }
        var handPeaks = handMemory.stop();
        // Memory apart, untimed: the largest file's agreements taken out, then that file loaded again by the same path.
        var largestPart = parts.stream().max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        @SuppressWarnings("unchecked")
        var largestParsed = (Map<String, Object>) JSON.readValue(largestPart.toFile(), Map.class);
        removeAgreementsOf(largestParsed);
        var handLive = Memory.measure(driver);
        handWrittenLoad(largestParsed);
        var handLivePeaks = handLive.stop();
        largestParsed = null;

        TestGraph.clean(driver);
        System.gc();
        var memory = Memory.sample();
        double serviceSeconds = 0;
        double writeSeconds = 0;
        double lastPartSeconds = 0;
        for (var part : parts) {
            var started = System.nanoTime();
            var loaded = deals.load(part.getFileName().toString(), part, false);
            lastPartSeconds = (System.nanoTime() - started) / 1e9;
            serviceSeconds += lastPartSeconds;
            if (loaded.outcome() != LoadReport.Outcome.LOADED) {
                throw new IllegalStateException(loaded.summary());
            }
            writeSeconds += loaded.millis() / 1000.0;
        }
        var servicePeaks = memory.stop();
        // No collection by the benchmark before the reads: the service collects after a large load itself
        // (HeapAfterLoad), and the reads measured next pay for whatever it leaves, as a user's would.
        Thread.sleep(2000);
        var afterLoad = Memory.now();
        @SuppressWarnings("unchecked")
        var largestAgain = (Map<String, Object>) JSON.readValue(largestPart.toFile(), Map.class);
        removeAgreementsOf(largestAgain);
        largestAgain = null;
        var serviceLive = Memory.measure(driver);
        var measured = deals.load(largestPart.getFileName().toString(), largestPart, false);
        var serviceLivePeaks = serviceLive.stop();
        if (measured.outcome() != LoadReport.Outcome.LOADED) {
            throw new IllegalStateException(measured.summary());
        }
        double reloadSeconds = 0;
        var reloadOutcome = "";
        for (var part : parts) {
            var started = System.nanoTime();
            var reload = deals.load(part.getFileName().toString(), part, false);
            reloadSeconds += (System.nanoTime() - started) / 1e9;
            reloadOutcome = reload.outcome().toString();
        }
        line("");
        line("| bulk load | agreements/s | ratio to hand-written |");
        line("|---|---:|---:|");
        line("| hand-written UNWIND through the driver (writes only) | %,.0f | 1.00 |", size / handSeconds);
        line("| dealgraph, end to end (read the file from disk, check, classify, write) | %,.0f | %.2f |", size / serviceSeconds, handSeconds / serviceSeconds);
        line("| dealgraph, transaction only (classify and write, overlapped with reading the next batch) | %,.0f | %.2f |", size / writeSeconds, handSeconds / writeSeconds);
        line("| dealgraph, reloading the same files (%s), end to end | %,.0f | |", reloadOutcome, size / reloadSeconds);
        line("");
        line("Memory while the timed loads ran (sampled every 100 ms; heap used includes garbage not yet collected):");
        line("");
        line("- hand-written load (the parsed file held as maps, then written): %s", handPeaks.timed());
        line("- dealgraph's load: %s", servicePeaks.timed());
        line("- 2 s after dealgraph's load (the service's own collection after a large load, none by the benchmark): %s", afterLoad);
        line("");
        line("Memory of one load of the largest file (%d MB), measured apart (a full GC every second, Neo4j's estimate of the "
                + "load's transaction from SHOW TRANSACTIONS):", largest >> 20);
        line("");
        line("- hand-written load: %s", handLivePeaks);
        line("- dealgraph's load: %s", serviceLivePeaks);
        line("");
        var row = new LoadRow(size, parts.size(), bytes, largest, size / handSeconds, size / serviceSeconds, size / writeSeconds,
                size / reloadSeconds, handLivePeaks, serviceLivePeaks);
        rows.add(row);

        if (!Boolean.getBoolean("benchmark.loads-only")) {
            var peer = Peer.start(Neo4jTestResource.boltUri());
            try {
                measureRequests(size, companies, peer);
            } finally {
                peer.close();
            }
        }
        row.during = readsDuringLoad(size, parts.get(parts.size() - 1), lastPartSeconds);
    }

    /** One size's load figures, for the table that heads the report. */
    static final class LoadRow {
        final int size;
        final int files;
        final long bytes;
        final long largest;
        final double hand;
        final double endToEnd;
        final double transaction;
        final double reload;
        final Memory.Peaks handPeaks;
        final Memory.Peaks peaks;
        String during = "—";

        LoadRow(int size, int files, long bytes, long largest, double hand, double endToEnd, double transaction, double reload,
                Memory.Peaks handPeaks, Memory.Peaks peaks) {
            this.size = size;
            this.files = files;
            this.bytes = bytes;
            this.largest = largest;
            this.hand = hand;
            this.endToEnd = endToEnd;
            this.transaction = transaction;
            this.reload = reload;
            this.handPeaks = handPeaks;
            this.peaks = peaks;
        }
    }

    private final List<LoadRow> rows = new ArrayList<>();

    /** The table that heads the report: every size's load, with memory, side by side. */
    private String summary() {
        var table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%n| agreements | files (largest) | hand-written /s | dealgraph end to end /s | ratio | transaction only /s | "
                + "unchanged reload /s | live heap of a load: hand-written (of it Neo4j's transaction) | live heap of a load: dealgraph (of it Neo4j's transaction) | "
                + "dealgraph's own ÷ file | reads during the load: req/s and p99 vs idle |%n"));
        table.append("|---:|---|---:|---:|---:|---:|---:|---|---|---:|---|%n".formatted());
        for (var r : rows) {
            table.append(String.format(Locale.ROOT, "| %,d | %d (%d MB) | %,.0f | %,.0f | %.2f | %,.0f | %,.0f | %,d MB (%,d MB) | %,d MB (%,d MB) | %.1f× | %s |%n",
                    r.size, r.files, r.largest >> 20, r.hand, r.endToEnd, r.endToEnd / r.hand, r.transaction, r.reload,
                    (r.handPeaks.liveAfterGc() - r.handPeaks.baseLive()) >> 20, r.handPeaks.transactionHeap() >> 20,
                    (r.peaks.liveAfterGc() - r.peaks.baseLive()) >> 20, r.peaks.transactionHeap() >> 20,
                    (double) r.peaks.ownLive() / r.largest, r.during));
        }
        return table.toString();
    }

    /**
     * Reads while a load writes: the look-up by id sent by the load generator to dealgraph alone, first idle, then while
     * a file as large as the last part (its agreements under new ids) loads; the cycle is shorter than the load.
     */
    private String readsDuringLoad(int size, Path last, double lastPartSeconds) throws Exception {
        var during = last.resolveSibling("during-" + size + ".json");
        // New ids for its agreements; what they name (companies, sources, amended agreements) stays.
        Files.writeString(during, Files.readString(last).replace("\"id\":\"syn-ag-", "\"id\":\"syn-agx-"));
        var agreements = new ArrayList<Map<String, Object>>();
        for (int i = 1; i <= 50; i++) {
            agreements.add(Map.of("id", "syn-ag-" + (i * 7919L % size)));
        }
        var query = "query($id: ID!) { agreement(id: $id) { id title kind money { text } parties { role company { id name } } } }";
        var seconds = Math.max(2, (int) Math.floor(lastPartSeconds * 0.6));
        var plan = new LinkedHashMap<String, Object>();
        plan.put("clients", CLIENTS);
        plan.put("warmupSeconds", 10);
        plan.put("warmupRequests", WARMUP);
        plan.put("seconds", seconds);
        plan.put("requests", REQUESTS);
        plan.put("cycles", 1);
        plan.put("bolt", Map.of("uri", Neo4jTestResource.boltUri(), "user", Neo4jTestResource.USERNAME, "password", Neo4jTestResource.PASSWORD));
        plan.put("cases", List.of(Map.of("name", "look-up by id", "targets", Map.of("dealgraph", Map.of("kind", "http",
                "url", "http://localhost:" + port + "/graphql",
                "requests", agreements.stream().map(v -> Map.of("query", query, "variables", v)).toList())))));
        var idle = LoadGenerator.run(plan).path("cases").get(0).path("targets").path("dealgraph");
        plan.put("warmupSeconds", 0);
        var loadSeconds = new double[1];
        var load = new Thread(() -> {
            var started = System.nanoTime();
            var report = deals.load(during.getFileName().toString(), during, false);
            loadSeconds[0] = (System.nanoTime() - started) / 1e9;
            if (report.outcome() != LoadReport.Outcome.LOADED) {
                throw new IllegalStateException(report.summary());
            }
        }, "benchmark-load");
        load.start();
        var busy = LoadGenerator.run(plan).path("cases").get(0).path("targets").path("dealgraph");
        load.join();
        Files.deleteIfExists(during);
        double idleRate = idle.path("throughput").get(0).asDouble();
        double busyRate = busy.path("throughput").get(0).asDouble();
        line("Reads during a load (look-up by id, %d clients, dealgraph alone, %d s cycle): idle %,.0f req/s, p50 %.2f ms, p99 %.2f ms; "
                + "while a file of %,d MB loaded (%.1f s): %,.0f req/s, p50 %.2f ms, p99 %.2f ms — %.0f %% of idle throughput, p99 %.1f× idle.",
                CLIENTS, seconds, idleRate, idle.path("p50").asDouble(), idle.path("p99").asDouble(), Files.size(last) >> 20, loadSeconds[0],
                busyRate, busy.path("p50").asDouble(), busy.path("p99").asDouble(), 100 * busyRate / idleRate,
                busy.path("p99").asDouble() / idle.path("p99").asDouble());
        return String.format(Locale.ROOT, "%.0f %% of %,.0f req/s; p99 %.1f× (%.1f → %.1f ms)", 100 * busyRate / idleRate, idleRate,
                busy.path("p99").asDouble() / idle.path("p99").asDouble(), idle.path("p99").asDouble(), busy.path("p99").asDouble());
    }

    /** A request kind: its GraphQL for dealgraph, the same question to the Neo4j GraphQL Library (when it can ask it) and in Cypher. */
    record Case(String name, String graphql, String library, String cypher, List<Map<String, Object>> variables) {
    }

    private void measureRequests(int size, int companies, Peer peer) throws Exception {
        var agreements = new ArrayList<Map<String, Object>>();
        for (int i = 1; i <= 50; i++) {
            agreements.add(Map.of("id", "syn-ag-" + (i * 7919L % size)));
        }
        var someCompanies = new ArrayList<Map<String, Object>>();
        for (int i = 1; i <= 50; i++) {
            someCompanies.add(Map.of("id", "syn-co-" + (i * 379L % companies)));
        }
        var hubs = new ArrayList<Map<String, Object>>();
        for (int i = 1; i <= 10; i++) {
            hubs.add(Map.of("id", "syn-co-" + i, "from", "2020-01-01", "to", "2020-12-31"));
        }
        var names = new ArrayList<Map<String, Object>>();
        for (var n : List.of("42", "17", "73", "5", "88", "31", "64", "9", "26", "50")) {
            names.add(Map.of("q", "Company " + n, "key", "company " + n));
        }
        var expanded = new ArrayList<Map<String, Object>>();
        rows("MATCH (:Agreement)-[:AMENDS {kind: 'EXPANSION'}]->(a:Agreement) RETURN DISTINCT a.id AS id ORDER BY id LIMIT 20", Map.of())
                .forEach(r -> expanded.add(Map.of("id", r.get("id").asString())));
        var page = Map.<String, Object>of();
        var parties = "partiesConnection { edges { properties { role } node { id } } } sourcesConnection { edges { properties { confidence } node { url } } }";
        var cases = List.of(
                new Case("look-up by id, with parties",
                        "query($id: ID!) { agreement(id: $id) { id title kind money { text } parties { role company { id name } } } }",
                        "query($id: ID!) { agreements(where: {id: {eq: $id}}) { id title kind amount amountCurrency partiesConnection { edges { properties { role } node { id name } } } } }",
                        "MATCH (a:Agreement {id: $id}) RETURN a.id AS id, a.title AS title, a.kind AS kind, a.amount AS amount, a.amountCurrency AS currency, "
                                + "[(c:Company)-[p:PARTY_TO]->(a) | {role: p.role, id: c.id, name: c.name}] AS parties",
                        agreements),
                // Issue 31: the same look-up as the graph held it at a moment (transaction time); the library has no such question.
                new Case("look-up by id, as known at a moment (knownAsOf)",
                        "query($id: ID!, $at: DateTime) { agreement(id: $id, knownAsOf: $at) { id title kind money { text } parties { role company { id name } } } }",
                        null,
                        "WITH datetime($at) AS t MATCH (a:Agreement {id: $id}) WHERE a.firstRecordedAt <= t "
                                + "AND NOT EXISTS { MATCH (x:Retraction {kind: 'AGREEMENT'})-[:RETRACTS]->(a) WHERE x.at <= t AND (x.restoredAt IS NULL OR t < x.restoredAt) } "
                                + "WITH a, CASE WHEN a.recordedAt <= t THEN a ELSE head([(a)-[:HAD_REVISION]->(r:Revision) WHERE r.recordedAt <= t < r.replacedAt | r]) END AS v "
                                + "RETURN a.id AS id, v.title AS title, v.kind AS kind, v.amount AS amount, v.amountCurrency AS currency, "
                                + "[(c:Company)-[p:PARTY_TO]->(a) | {role: p.role, id: c.id, name: c.name}] AS parties",
                        agreements.stream().map(v -> Map.<String, Object>of("id", v.get("id"), "at", java.time.Instant.now().plusSeconds(86_400).toString())).toList()),
                new Case("20 largest compute commitments ≥ USD 10B (no totalCount)",
                        "{ agreements(filter: {kinds: [COMPUTE_COMMITMENT], minAmount: 10000000000}, orderBy: AMOUNT, direction: DESC, first: 20) { nodes { id title money { text } } } }",
                        "{ agreements(where: {kind: {eq: \"COMPUTE_COMMITMENT\"}, amountValue: {gte: 10000000000}}, sort: [{amountValue: DESC}, {id: ASC}], limit: 20) { id title amount amountCurrency } }",
                        "MATCH (a:Agreement) WHERE a.kind = 'COMPUTE_COMMITMENT' AND a.amountValue >= 1.0E10 "
                                + "WITH a ORDER BY a.amountValue DESC, a.id LIMIT 20 RETURN a {.id, .title, .amount, .amountCurrency} AS agreement",
                        List.of(page)),
                // The library's answer is a stable page only with the id as a second sort key, as dealgraph's (keyset) pages
                // are: that is the like-for-like question. Without it the database may break ties in any order.
                new Case("the same page, library without the id tie-break",
                        "{ agreements(filter: {kinds: [COMPUTE_COMMITMENT], minAmount: 10000000000}, orderBy: AMOUNT, direction: DESC, first: 20) { nodes { id title money { text } } } }",
                        "{ agreements(where: {kind: {eq: \"COMPUTE_COMMITMENT\"}, amountValue: {gte: 10000000000}}, sort: [{amountValue: DESC}], limit: 20) { id title amount amountCurrency } }",
                        "MATCH (a:Agreement) WHERE a.kind = 'COMPUTE_COMMITMENT' AND a.amountValue >= 1.0E10 "
                                + "WITH a ORDER BY a.amountValue DESC LIMIT 20 RETURN a {.id, .title, .amount, .amountCurrency} AS agreement",
                        List.of(page)),
                new Case("the same page with totalCount",
                        "{ agreements(filter: {kinds: [COMPUTE_COMMITMENT], minAmount: 10000000000}, orderBy: AMOUNT, direction: DESC, first: 20) { totalCount nodes { id title money { text } } } }",
                        "{ agreementsConnection(where: {kind: {eq: \"COMPUTE_COMMITMENT\"}, amountValue: {gte: 10000000000}}, sort: [{amountValue: DESC}, {id: ASC}], first: 20) { totalCount edges { node { id title amount amountCurrency } } } }",
                        "MATCH (a:Agreement) WHERE a.kind = 'COMPUTE_COMMITMENT' AND a.amountValue >= 1.0E10 "
                                + "WITH a ORDER BY a.amountValue DESC, a.id WITH collect(a) AS matched "
                                + "RETURN size(matched) AS totalCount, [a IN matched[0..20] | a {.id, .title, .amount, .amountCurrency}] AS page",
                        List.of(page)),
                new Case("company → agreements (first 20) → parties → sources",
                        "query($id: ID!) { company(id: $id) { id agreements(first: 20) { id parties { role company { id } } sources { confidence source { url } } } } }",
                        "query($id: ID!) { companies(where: {id: {eq: $id}}) { id agreements(limit: 20, sort: [{announced: ASC}, {id: ASC}]) { id " + parties + " } } }",
                        "MATCH (c:Company {id: $id}) CALL (c) { MATCH (c)-[:PARTY_TO]->(a:Agreement) WITH a ORDER BY a.announced, a.id LIMIT 20 "
                                + "RETURN collect(a {.id, parties: [(o:Company)-[p:PARTY_TO]->(a) | {role: p.role, id: o.id}], "
                                + "sources: [(a)-[r:SOURCED_BY]->(s:Source) | {confidence: r.confidence, url: s.url}]}) AS agreements } RETURN c.id AS id, agreements",
                        someCompanies),
                new Case("companies by name → all their agreements → parties → sources",
                        "query($q: String) { companies(nameContains: $q, first: 5) { nodes { id agreements { id parties { role company { id } } sources { confidence source { url } } } } } }",
                        "query($key: String) { companies(where: {nameKey: {contains: $key}}, sort: [{name: ASC}, {id: ASC}], limit: 5) { id agreements { id " + parties + " } } }",
                        "MATCH (c:Company) WHERE c.nameKey CONTAINS $key WITH c ORDER BY c.name, c.id LIMIT 5 "
                                + "RETURN c.id AS id, [(c)-[:PARTY_TO]->(a:Agreement) | {id: a.id, parties: [(o:Company)-[p:PARTY_TO]->(a) | {role: p.role, id: o.id}], "
                                + "sources: [(a)-[r:SOURCED_BY]->(s:Source) | {confidence: r.confidence, url: s.url}]}] AS agreements",
                        names),
                new Case("derived total with asOf",
                        "query($id: ID!) { agreement(id: $id) { totalValue(asOf: \"2026-01-01\") { committed { amount currency } upTo { amount } basis { rule } } } }",
                        null,
                        "MATCH (a:Agreement {id: $id}) OPTIONAL MATCH (e:Agreement)-[r:AMENDS {kind: 'EXPANSION'}]->(a) WHERE r.effective <= date('2026-01-01') "
                                + "RETURN a.amount AS amount, a.amountCeiling AS ceiling, [(a)-[:HAS_TRANCHE]->(t) | t {.label, .money}] AS tranches, collect(e.amount) AS expansions",
                        expanded),
                new Case("timeline of a hub company in 2020",
                        "query($id: String!, $from: Date, $to: Date) { timeline(company: $id, from: $from, to: $to) { date { text } kind agreementId title } }",
                        null,
                        """
                        MATCH (co:Company {id: $id})
                        CALL (co) {
                          MATCH (co)-[:PARTY_TO]->(a:Agreement)
                          UNWIND [['ANNOUNCED', a.announced], ['EFFECTIVE', a.effectiveFrom], ['ENDS', a.effectiveUntil]] AS ev
                          WITH a, ev WHERE date($from) <= ev[1] <= date($to) AND NOT (ev[0] = 'EFFECTIVE' AND ev[1] = a.announced)
                          RETURN ev[0] AS kind, ev[1] AS date, a.id AS agreementId, a.title AS title
                          UNION
                          MATCH (co)-[:PARTY_TO]->(:Agreement)<-[r:AMENDS]-(b:Agreement) WHERE date($from) <= r.effective <= date($to)
                          RETURN r.kind AS kind, r.effective AS date, b.id AS agreementId, b.title AS title
                          UNION
                          MATCH (co)<-[:AT]-(:Role)<-[:HOLDS]-(p:Person)-[:MADE]->(st:Statement) WHERE date($from) <= st.date <= date($to)
                          RETURN 'STATEMENT' AS kind, st.date AS date, null AS agreementId, p.name AS title
                        }
                        RETURN kind, toString(date) AS date, agreementId, title ORDER BY date, kind, agreementId""",
                        hubs));

        // What each GraphQL request costs the service: its Cypher statements, counted and explained.
        var plans = new StringBuilder();
        var counts = new LinkedHashMap<String, Integer>();
        for (var c : cases) {
            var before = graph.queryCount();
            var answer = post(c.graphql(), c.variables().get(0));
            if (answer.contains("\"errors\"")) {
                throw new IllegalStateException(c.name() + ": " + answer);
            }
            var statements = graph.statementsSince(before);
            counts.put(c.name(), statements.size());
            for (var statement : statements) {
                plans.append(String.format(Locale.ROOT, "- %s: `%s`%n", c.name(), operators("EXPLAIN " + statement.cypher(), statement.parameters())));
            }
        }

        var plan = new LinkedHashMap<String, Object>();
        plan.put("clients", CLIENTS);
        plan.put("warmupSeconds", WARMUP_SECONDS);
        plan.put("warmupRequests", WARMUP);
        plan.put("seconds", SECONDS);
        plan.put("requests", REQUESTS);
        plan.put("cycles", CYCLES);
        plan.put("bolt", Map.of("uri", Neo4jTestResource.boltUri(), "user", Neo4jTestResource.USERNAME, "password", Neo4jTestResource.PASSWORD));
        var planned = new ArrayList<Map<String, Object>>();
        for (var c : cases) {
            var targets = new LinkedHashMap<String, Object>();
            targets.put("dealgraph", Map.of("kind", "http", "url", "http://127.0.0.1:" + port + "/graphql",
                    "requests", c.variables().stream().map(v -> Map.of("query", c.graphql(), "variables", v)).toList()));
            if (c.library() != null) {
                targets.put("library", Map.of("kind", "http", "url", peer.url(),
                        "requests", c.variables().stream().map(v -> Map.of("query", c.library(), "variables", v)).toList()));
            }
            targets.put("cypher", Map.of("kind", "bolt", "requests", c.variables().stream().map(v -> Map.of("cypher", c.cypher(), "params", v)).toList()));
            planned.add(Map.of("name", c.name(), "targets", targets));
        }
        plan.put("cases", planned);
        var results = LoadGenerator.run(plan);

        line("");
        line("| request | statements | dealgraph req/s | p50 ms | p99 ms | library req/s | p50 ms | p99 ms | floor req/s | p50 ms | p99 ms | ÷ library | p50 ÷ floor |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var disagreements = new ArrayList<String>();
        for (var result : results.path("cases")) {
            var name = result.path("name").asText();
            var dg = result.path("targets").path("dealgraph");
            var lib = result.path("targets").path("library");
            var floor = result.path("targets").path("cypher");
            result.path("agreement").fields().forEachRemaining(e -> {
                if (!e.getValue().isBoolean()) {
                    disagreements.add(name + ": " + e.getValue().asText());
                }
            });
            for (var target : List.of(dg, lib, floor)) {
                if (target.path("errors").asInt() > 0) {
                    disagreements.add(name + ": " + target.path("errors").asInt() + " errors, first: " + target.path("firstError").asText());
                }
            }
            var none = lib.isMissingNode();
            line("| %s | %d | %s | %.2f | %.2f | %s | %s | %s | %s | %.2f | %.2f | %s | %.2f |", name, counts.get(name), range(dg), dg.path("p50").asDouble(),
                    dg.path("p99").asDouble(), none ? "—" : range(lib), none ? "—" : String.format(Locale.ROOT, "%.2f", lib.path("p50").asDouble()),
                    none ? "—" : String.format(Locale.ROOT, "%.2f", lib.path("p99").asDouble()), range(floor), floor.path("p50").asDouble(),
                    floor.path("p99").asDouble(), none ? "—" : ratio(dg, lib), dg.path("p50").asDouble() / floor.path("p50").asDouble());
        }
        line("");
        line(disagreements.isEmpty() ? "Every target gave the same ids (and totals) for every variant of every request before it was measured."
                : "Answers that differ or failed: " + String.join("; ", disagreements));
        line("");
        line("Plans of the statements dealgraph ran for each request (EXPLAIN, operators from the result down):");
        line("");
        report.append(plans);
    }

    /** req/s of each measured cycle, lowest–highest. */
    private static String range(JsonNode target) {
        var values = new ArrayList<Double>();
        target.path("throughput").forEach(v -> values.add(v.asDouble()));
        var low = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        var high = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return Math.round(low) == Math.round(high) ? String.format(Locale.ROOT, "%,.0f", low) : String.format(Locale.ROOT, "%,.0f–%,.0f", low, high);
    }

    /** dealgraph's throughput over the library's, cycle by cycle, lowest–highest. */
    private static String ratio(JsonNode dg, JsonNode lib) {
        var ratios = new ArrayList<Double>();
        for (int i = 0; i < dg.path("throughput").size(); i++) {
            ratios.add(dg.path("throughput").get(i).asDouble() / lib.path("throughput").get(i).asDouble());
        }
        var low = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        var high = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format(Locale.ROOT, Math.abs(high - low) < 0.005 ? "%.2f" : "%.2f–%.2f", low, high);
    }

    /** A request over HTTP/1.1 from the test's thread: used only to count and explain the statements of one request. */
    private String post(String query, Map<String, Object> variables) {
        try {
            var connection = (HttpURLConnection) URI.create("http://localhost:" + port + "/graphql").toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (var out = connection.getOutputStream()) {
                out.write(JSON.writeValueAsBytes(Map.of("query", query, "variables", variables)));
            }
            try (var in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Record> rows(String cypher, Map<String, Object> parameters) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run(cypher, parameters).list());
        }
    }

    private String operators(String cypher, Map<String, Object> parameters) {
        try (var session = driver.session()) {
            var plan = session.run(cypher, parameters).consume().plan();
            var names = new ArrayList<String>();
            collect(plan, names);
            return String.join(" < ", names);
        }
    }

    private static void collect(Plan plan, List<String> names) {
        names.add(plan.operatorType().replace("@neo4j", ""));
        plan.children().forEach(child -> collect(child, names));
    }

    /**
     * Takes out what a file defines (agreements with their tranches, sources, companies), so that the file can be loaded
     * again as new. The benchmark's largest file defines agreements only, except when a size has one file.
     */
    @SuppressWarnings("unchecked")
    private void removeAgreementsOf(Map<String, Object> file) {
        try (var session = driver.session()) {
            for (var section : List.of("agreements:Agreement", "sources:Source", "companies:Company")) {
                var name = section.split(":");
                var ids = ((List<Map<String, Object>>) file.getOrDefault(name[0], List.of())).stream().map(a -> a.get("id")).toList();
                session.run("UNWIND $ids AS id CALL (id) { MATCH (a:" + name[1] + " {id: id}) "
                        + "OPTIONAL MATCH (a)-[:HAS_TRANCHE]->(t:Tranche) DETACH DELETE a, t } IN TRANSACTIONS OF 2000 ROWS", Map.of("ids", ids)).consume();
            }
        }
    }

    /** The best plain UNWIND Cypher for the same rows: CREATE only, one statement per label and relationship type. */
    @SuppressWarnings("unchecked")
    private void handWrittenLoad(Map<String, Object> file) {
        var sources = (List<Map<String, Object>>) file.getOrDefault("sources", List.of());
        var companies = (List<Map<String, Object>>) file.getOrDefault("companies", List.of());
        var agreements = (List<Map<String, Object>>) file.getOrDefault("agreements", List.of());
        var nodes = new ArrayList<Map<String, Object>>();
        var parties = new ArrayList<Map<String, Object>>();
        var cites = new ArrayList<Map<String, Object>>();
        var tranches = new ArrayList<Map<String, Object>>();
        var amends = new ArrayList<Map<String, Object>>();
        for (var a : agreements) {
            var props = new LinkedHashMap<String, Object>();
            for (var key : List.of("id", "kind", "title", "termYears", "exclusive", "ratePercent")) {
                if (a.get(key) != null) {
                    props.put(key, a.get(key));
                }
            }
            props.put("announced", LocalDate.parse((String) a.get("announced")));
            props.put("amount", a.get("money"));
            nodes.add(props);
            for (var p : (List<Map<String, Object>>) a.get("parties")) {
                parties.add(Map.of("a", a.get("id"), "c", p.get("company"), "role", p.get("role")));
            }
            for (var s : (List<Map<String, Object>>) a.get("sources")) {
                cites.add(Map.of("a", a.get("id"), "s", s.get("source"), "confidence", s.get("confidence")));
            }
            if (a.get("tranches") != null) {
                for (var t : (List<Map<String, Object>>) a.get("tranches")) {
                    tranches.add(Map.of("a", a.get("id"), "label", t.get("label"), "money", t.get("money")));
                }
            }
            if (a.get("amends") != null) {
                for (var m : (List<Map<String, Object>>) a.get("amends")) {
                    amends.add(Map.of("a", a.get("id"), "t", m.get("agreement"), "kind", m.get("kind")));
                }
            }
        }
        try (var session = driver.session()) {
            session.executeWrite(tx -> {
                batches(tx, "UNWIND $rows AS row CREATE (s:Source) SET s = row", sources);
                batches(tx, "UNWIND $rows AS row CREATE (c:Company) SET c = row", companies);
                batches(tx, "UNWIND $rows AS row CREATE (a:Agreement) SET a = row", nodes);
                batches(tx, "UNWIND $rows AS row MATCH (a:Agreement {id: row.a}) USING INDEX a:Agreement(id) MATCH (c:Company {id: row.c}) USING INDEX c:Company(id) CREATE (c)-[:PARTY_TO {role: row.role}]->(a)", parties);
                batches(tx, "UNWIND $rows AS row MATCH (a:Agreement {id: row.a}) USING INDEX a:Agreement(id) MATCH (s:Source {id: row.s}) USING INDEX s:Source(id) CREATE (a)-[:SOURCED_BY {confidence: row.confidence}]->(s)", cites);
                batches(tx, "UNWIND $rows AS row MATCH (a:Agreement {id: row.a}) USING INDEX a:Agreement(id) CREATE (a)-[:HAS_TRANCHE]->(:Tranche {label: row.label, money: row.money})", tranches);
                batches(tx, "UNWIND $rows AS row MATCH (a:Agreement {id: row.a}) USING INDEX a:Agreement(id) MATCH (t:Agreement {id: row.t}) USING INDEX t:Agreement(id) CREATE (a)-[:AMENDS {kind: row.kind}]->(t)", amends);
                return null;
            }, TransactionConfig.builder().withMetadata(Map.of("benchmark", "hand-written load")).build());
        }
    }

    private static void batches(org.neo4j.driver.TransactionContext tx, String cypher, List<Map<String, Object>> rows) {
        for (int i = 0; i < rows.size(); i += 5000) {
            tx.run(cypher, Map.of("rows", rows.subList(i, Math.min(rows.size(), i + 5000)))).consume();
        }
    }

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
