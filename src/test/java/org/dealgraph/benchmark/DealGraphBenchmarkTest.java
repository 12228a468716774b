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
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.dealgraph.deal.DealService;
import org.dealgraph.deal.LoadReport;
import org.dealgraph.deal.SyntheticDeals;
import org.dealgraph.database.Graph;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.summary.Plan;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Loads generated graphs of several sizes into the embedded Neo4j and prints, for each: the bulk load rate next to
 * hand-written UNWIND Cypher, five GraphQL requests over HTTP under concurrent clients next to the same answers by
 * hand-written Cypher through the driver, the Cypher queries per GraphQL request, and heap and RSS. It prints
 * figures; it asserts nothing about time. Run it with {@code ./mvnw -B test -Pbenchmark}.
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class DealGraphBenchmarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = Integer.getInteger("benchmark.clients", 4);
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 1000);
    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 2000);
    /** Slow requests on big graphs: warm-up and measurement each stop after this long, whatever the counts. */
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 30);
    private static final int CHUNK = Integer.getInteger("benchmark.chunk", 100_000);

    @Inject
    Driver driver;

    @Inject
    DealService deals;

    @Inject
    Graph graph;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final StringBuilder report = new StringBuilder();

    record Latency(double throughput, double p50, double p99) {
    }

    @Test
    void benchmark() throws Exception {
        var sizes = Arrays.stream(System.getProperty("benchmark.sizes", "10000,100000").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray();
        SeedGraph.invalidate();
        line("# dealgraph benchmark, %s, %d cores, %d clients, up to %d requests (%d s) per request kind after up to %d warm-up requests (%d s)",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), CLIENTS, REQUESTS, SECONDS, WARMUP, SECONDS);
        for (int size : sizes) {
            run(size);
            // Written after every size, so that a size that fails (memory, time) leaves the figures of the others.
            Files.writeString(Path.of("target", "benchmark.md"), report);
        }
        var rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?");
        var runtime = Runtime.getRuntime();
        line("");
        line("Service JVM after the run (service and embedded Neo4j share it): heap used %d MB of %d MB max; %s",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20, rss.replaceAll("\\s+", " "));
        Files.writeString(Path.of("target", "benchmark.md"), report);
        System.out.println(report);
        TestGraph.clean(driver);
    }

    private void run(int size) throws Exception {
        var companies = Math.max(50, size / 10);
        var base = Path.of("target", "benchmark-data", "synthetic-" + size + ".json");
        Files.createDirectories(base.getParent());
        var parts = SyntheticDeals.writeParts(base, companies, size, 42, CHUNK);
        long bytes = 0;
        for (var part : parts) {
            bytes += Files.size(part);
        }
        line("");
        line("## %,d agreements, %,d companies (%d deal file%s, %d MB, at most %,d sources, companies and agreements each, one transaction each)",
                size, companies, parts.size(), parts.size() == 1 ? "" : "s", bytes >> 20, CHUNK);

        TestGraph.clean(driver);
        double handSeconds = 0;
        for (var part : parts) {
            @SuppressWarnings("unchecked")
            var parsed = (Map<String, Object>) JSON.readValue(part.toFile(), Map.class);
            var handStarted = System.nanoTime();
            handWrittenLoad(parsed);
            handSeconds += (System.nanoTime() - handStarted) / 1e9;
        }

        TestGraph.clean(driver);
        double serviceSeconds = 0;
        double writeSeconds = 0;
        for (var part : parts) {
            var started = System.nanoTime();
            var loaded = deals.load(part.getFileName().toString(), Files.readString(part), false);
            serviceSeconds += (System.nanoTime() - started) / 1e9;
            if (loaded.outcome() != LoadReport.Outcome.LOADED) {
                throw new IllegalStateException(loaded.summary());
            }
            writeSeconds += loaded.millis() / 1000.0;
        }
        double reloadSeconds = 0;
        var reloadOutcome = "";
        for (var part : parts) {
            var reload = deals.load(part.getFileName().toString(), Files.readString(part), false);
            reloadSeconds += reload.millis() / 1000.0;
            reloadOutcome = reload.outcome().toString();
        }
        line("");
        line("| bulk load | agreements/s | ratio to hand-written |");
        line("|---|---:|---:|");
        line("| hand-written UNWIND through the driver (writes only) | %,.0f | 1.00 |", size / handSeconds);
        line("| dealgraph, end to end (parse, validate, classify, write) | %,.0f | %.2f |", size / serviceSeconds, handSeconds / serviceSeconds);
        line("| dealgraph, transaction only (classify and write) | %,.0f | %.2f |", size / writeSeconds, handSeconds / writeSeconds);
        line("| dealgraph, reloading the same files (%s) | %,.0f | |", reloadOutcome, size / reloadSeconds);

        var hub = "syn-co-3";
        var agreement = "syn-ag-" + (size / 2);
        var expanded = single("MATCH (e:Agreement)-[:AMENDS {kind: 'EXPANSION'}]->(a:Agreement) RETURN a.id AS id ORDER BY a.id LIMIT 1", Map.of()).get("id").asString();
        var cases = new LinkedHashMap<String, Case>();
        cases.put("look-up by id", new Case(
                "{ agreement(id: \"" + agreement + "\") { id title kind money { text } parties { role company { id name } } } }",
                () -> rows("MATCH (a:Agreement {id: $id}) RETURN a.id, a.title, a.kind, a.amount, a.amountCurrency, "
                        + "[(c:Company)-[p:PARTY_TO]->(a) | {role: p.role, id: c.id, name: c.name}] AS parties", Map.of("id", agreement))));
        cases.put("filtered, sorted page", new Case(
                "{ agreements(filter: {kinds: [COMPUTE_COMMITMENT], minAmount: 10000000000}, orderBy: AMOUNT, direction: DESC, first: 20) { totalCount nodes { id title money { text } } } }",
                () -> rows("MATCH (a:Agreement) WHERE a.kind IN ['COMPUTE_COMMITMENT'] AND a.amountValue >= 1.0E10 "
                        + "WITH a ORDER BY a.amountValue DESC, a.id WITH collect(a) AS matched "
                        + "RETURN size(matched) AS total, [a IN matched[0..20] | a {.id, .title, .amount, .amountCurrency}] AS page", Map.of())));
        cases.put("the same page without totalCount", new Case(
                "{ agreements(filter: {kinds: [COMPUTE_COMMITMENT], minAmount: 10000000000}, orderBy: AMOUNT, direction: DESC, first: 20) { nodes { id title money { text } } } }",
                () -> rows("MATCH (a:Agreement) WHERE a.kind = 'COMPUTE_COMMITMENT' AND a.amountValue >= 1.0E10 "
                        + "WITH a ORDER BY a.amountValue DESC, a.id LIMIT 20 RETURN a {.id, .title, .amount, .amountCurrency} AS page", Map.of())));
        cases.put("nested company > agreements > parties > sources", new Case(
                "{ companies(nameContains: \"Company 42\", first: 5) { nodes { id agreements { id parties { role company { id } } sources { confidence source { url } } } } } }",
                () -> rows("MATCH (c:Company) WHERE c.nameKey CONTAINS 'company 42' WITH c ORDER BY c.name, c.id LIMIT 5 "
                        + "RETURN c.id, [(c)-[:PARTY_TO]->(a:Agreement) | {id: a.id, parties: [(o:Company)-[p:PARTY_TO]->(a) | {role: p.role, id: o.id}], "
                        + "sources: [(a)-[r:SOURCED_BY]->(s:Source) | {confidence: r.confidence, url: s.url}]}] AS agreements", Map.of())));
        cases.put("derived total with asOf", new Case(
                "{ agreement(id: \"" + expanded + "\") { totalValue(asOf: \"2026-01-01\") { committed { amount currency } upTo { amount } basis { rule } } } }",
                () -> rows("MATCH (a:Agreement {id: $id}) OPTIONAL MATCH (e:Agreement)-[r:AMENDS {kind: 'EXPANSION'}]->(a) WHERE r.effective <= date('2026-01-01') "
                        + "RETURN a.amount, a.amountCeiling, [(a)-[:HAS_TRANCHE]->(t) | t {.*}] AS tranches, collect(e.amount) AS expansions", Map.of("id", expanded))));
        cases.put("timeline", new Case(
                "{ timeline(company: \"" + hub + "\", from: \"2020-01-01\", to: \"2020-12-31\") { date { text } kind agreementId title } }",
                () -> rows("""
                        MATCH (co:Company {id: $id})
                        CALL (co) {
                          MATCH (co)-[:PARTY_TO]->(a:Agreement)
                          UNWIND [['ANNOUNCED', a.announced], ['EFFECTIVE', a.effectiveFrom], ['ENDS', a.effectiveUntil]] AS ev
                          WITH a, ev WHERE $from <= ev[1] <= $to AND NOT (ev[0] = 'EFFECTIVE' AND ev[1] = a.announced)
                          RETURN ev[0] AS kind, ev[1] AS date, a.id AS agreementId, a.title AS title
                          UNION
                          MATCH (co)-[:PARTY_TO]->(:Agreement)<-[r:AMENDS]-(b:Agreement) WHERE $from <= r.effective <= $to
                          RETURN r.kind AS kind, r.effective AS date, b.id AS agreementId, b.title AS title
                          UNION
                          MATCH (co)<-[:AT]-(:Role)<-[:HOLDS]-(p:Person)-[:MADE]->(st:Statement) WHERE $from <= st.date <= $to
                          RETURN 'STATEMENT' AS kind, st.date AS date, null AS agreementId, p.name AS title
                        }
                        RETURN kind, date, agreementId, title ORDER BY date, kind, agreementId""",
                        Map.of("id", hub, "from", LocalDate.parse("2020-01-01"), "to", LocalDate.parse("2020-12-31")))));

        line("");
        line("| GraphQL request | queries/request | GraphQL req/s | p50 ms | p99 ms | Cypher req/s | p50 ms | p99 ms | p50 ratio |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        // Warm every request kind before measuring any: the figures are for a running service whose JIT has seen
        // them all, not for the first requests after a load (garbage collected first for the same reason).
        System.gc();
        for (var c : cases.values()) {
            warm(() -> post(c.graphql()));
            warm(c.cypher());
        }
        for (var entry : cases.entrySet()) {
            var c = entry.getValue();
            var before = graph.queryCount();
            var answer = post(c.graphql());
            if (answer.contains("\"errors\"")) {
                throw new IllegalStateException(entry.getKey() + ": " + answer);
            }
            var queries = graph.queryCount() - before;
            var gql = measure(() -> post(c.graphql()));
            var cypher = measure(c.cypher());
            line("| %s | %d | %,.0f | %.2f | %.2f | %,.0f | %.2f | %.2f | %.2f |", entry.getKey(), queries, gql.throughput(), gql.p50(),
                    gql.p99(), cypher.throughput(), cypher.p50(), cypher.p99(), gql.p50() / cypher.p50());
        }
        line("");
        line("Plans: look-up `%s`; page `%s`.",
                operators("EXPLAIN MATCH (a:Agreement {id: $id}) RETURN a", Map.of("id", agreement)),
                operators("EXPLAIN MATCH (a:Agreement) WHERE a.kind IN ['COMPUTE_COMMITMENT'] AND a.amountValue >= 1.0E10 RETURN a ORDER BY a.amountValue DESC LIMIT 20", Map.of()));
    }

    record Case(String graphql, Supplier<Object> cypher) {
    }

    private static void warm(Supplier<Object> call) {
        var warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        for (int i = 0; i < WARMUP && System.nanoTime() < warmUntil; i++) {
            call.get();
        }
    }

    private Latency measure(Supplier<Object> call) throws Exception {
        var pool = Executors.newFixedThreadPool(CLIENTS);
        var latencies = new ArrayList<List<Long>>();
        var tasks = new ArrayList<Callable<Void>>();
        for (int t = 0; t < CLIENTS; t++) {
            var mine = new ArrayList<Long>();
            latencies.add(mine);
            tasks.add(() -> {
                var until = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
                for (int i = 0; i < REQUESTS / CLIENTS && System.nanoTime() < until; i++) {
                    var start = System.nanoTime();
                    call.get();
                    mine.add(System.nanoTime() - start);
                }
                return null;
            });
        }
        var started = System.nanoTime();
        for (var f : pool.invokeAll(tasks)) {
            f.get();
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        var all = latencies.stream().flatMap(List::stream).sorted().toList();
        return new Latency(all.size() / seconds, all.get(all.size() / 2) / 1e6, all.get((int) Math.min(all.size() - 1, Math.ceil(all.size() * 0.99) - 1)) / 1e6);
    }

    /**
     * A plain blocking HTTP/1.1 client on the caller's thread, connections kept alive: it costs the shared CPU less
     * than java.net.http's asynchronous client, whose selector thread hands every response over.
     */
    private String post(String query) {
        try {
            var connection = (HttpURLConnection) URI.create("http://localhost:" + port + "/graphql").toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (var out = connection.getOutputStream()) {
                out.write(JSON.writeValueAsBytes(Map.of("query", query)));
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

    private Record single(String cypher, Map<String, Object> parameters) {
        return rows(cypher, parameters).get(0);
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
                batches(tx, "UNWIND $rows AS row MATCH (a:Agreement {id: row.a}) MATCH (c:Company {id: row.c}) CREATE (c)-[:PARTY_TO {role: row.role}]->(a)", parties);
                batches(tx, "UNWIND $rows AS row MATCH (a:Agreement {id: row.a}) MATCH (s:Source {id: row.s}) CREATE (a)-[:SOURCED_BY {confidence: row.confidence}]->(s)", cites);
                batches(tx, "UNWIND $rows AS row MATCH (a:Agreement {id: row.a}) CREATE (a)-[:HAS_TRANCHE]->(:Tranche {label: row.label, money: row.money})", tranches);
                batches(tx, "UNWIND $rows AS row MATCH (a:Agreement {id: row.a}) MATCH (t:Agreement {id: row.t}) CREATE (a)-[:AMENDS {kind: row.kind}]->(t)", amends);
                return null;
            });
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
