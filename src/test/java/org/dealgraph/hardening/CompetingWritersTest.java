package org.dealgraph.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.SeedGraphTest;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.neo4j.driver.Value;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Loads and mutations that touch the same ids at once, for a bounded time, with a reader watching throughout:
 * every acknowledged change is there exactly once (one node per id, one revision per acknowledged change), and
 * no read ever sees part of a file.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class CompetingWritersTest extends SeedGraphTest {

    private static final int AGREEMENTS = 20;
    private static final long MILLIS = Long.getLong("competing.millis", 6_000);

    /**
     * One version of a file: its company's name, its source's publisher and its 20 agreements' money all say which
     * version it is. A reader that sees two versions, or agreements without their parties, saw part of a load: the
     * file split over transactions, whichever part came first.
     */
    private static String version(int billions) {
        var file = new StringBuilder("""
                sources:
                  - {id: race-src, url: "https://example.com/race", publisher: Race News %1$d, published: 2026-01-01}
                companies:
                  - {id: race-co, name: Race Co %1$d, kinds: [AI_LAB]}
                agreements:
                """.formatted(billions));
        for (int i = 0; i < AGREEMENTS; i++) {
            file.append("""
                      - id: race-ag-%d
                        kind: COMPUTE_COMMITMENT
                        title: Race agreement %d
                        parties: [{company: race-co, role: CUSTOMER}, {company: oracle, role: PROVIDER}]
                        announced: 2026-01-01
                        money: USD %dB
                        sources: [{source: race-src, confidence: REPORTED}]
                    """.formatted(i, i, billions));
        }
        return file.toString();
    }

    /** What a reader saw of a part-written load, or null when the race's file is all there in one version, or not at all. */
    private String halfFile() {
        try (var session = driver.session()) {
            var seen = session.run("""
                    OPTIONAL MATCH (c:Company {id: 'race-co'})
                    OPTIONAL MATCH (s:Source {id: 'race-src'})
                    OPTIONAL MATCH (a:Agreement) WHERE a.id STARTS WITH 'race-ag-'
                    WITH c, s, a, CASE WHEN a IS NULL THEN 0 ELSE count { (a)<-[:PARTY_TO]-() } END AS parties
                    RETURN collect(DISTINCT c.name) AS companies, collect(DISTINCT s.publisher) AS publishers,
                           count(a) AS agreements, sum(parties) AS parties,
                           collect(DISTINCT toInteger(round(toFloat(a.amount) / 1e9))) AS versions""").single();
            var agreements = seen.get("agreements").asLong();
            var versions = seen.get("versions").asList(v -> v.asLong());
            // Names are collected, not grouped by: read committed lets one statement read a property before and after
            // a commit, which grouping would turn into two records.
            var companies = seen.get("companies").asList(Value::asString);
            var publishers = seen.get("publishers").asList(Value::asString);
            if (agreements == 0 && companies.isEmpty() && publishers.isEmpty()) {
                return null;
            }
            var whole = agreements == AGREEMENTS && seen.get("parties").asLong() == 2L * AGREEMENTS && versions.size() == 1
                    && List.of("Race Co " + versions.get(0)).equals(companies)
                    && List.of("Race News " + versions.get(0)).equals(publishers);
            return whole ? null : "a reader saw part of a load: " + agreements + " agreements with " + seen.get("parties")
                    + " parties in versions " + versions + ", companies " + companies + ", publishers " + publishers;
        }
    }

    @Test
    void competingLoadsAndMutationsLeaveExactlyWhatWasAcknowledged() throws Exception {
        SeedGraph.invalidate();
        var versions = List.of(version(1), version(2));
        // Warm the load path first, so the timed part measures competition rather than a cold JIT.
        var warm = version(3).replace("race-", "warm-").replace("example.com/race", "example.com/warm");
        for (int i = 0; i < 3; i++) {
            Curator.loadFile(Curator.TOKEN, "warm.yaml", warm.replace("USD 3B", "USD " + (3 + i) + "B").replace("Race Co 3", "Race Co " + (3 + i)), false).statusCode(200);
        }
        var deadline = System.currentTimeMillis() + MILLIS;
        var failures = new ConcurrentLinkedQueue<String>();
        var changedAgreements = new AtomicInteger();
        var acknowledgedLoads = new AtomicInteger();
        var changedCompany = new AtomicInteger();
        var acknowledgedMutations = new AtomicInteger();
        var reads = new AtomicInteger();
        var tasks = new ArrayList<Callable<Void>>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            tasks.add(() -> {
                for (int n = writer; System.currentTimeMillis() < deadline; n++) {
                    var report = Curator.loadFile(Curator.TOKEN, "race.yaml", versions.get(n % 2), false).extract();
                    if (report.statusCode() != 200) {
                        failures.add(report.asString());
                        continue;
                    }
                    acknowledgedLoads.incrementAndGet();
                    List<Map<String, String>> changes = report.path("changes");
                    changedAgreements.addAndGet((int) changes.stream()
                            .filter(c -> c.get("id").startsWith("race-ag-") && "CHANGED".equals(c.get("change"))).count());
                }
                return null;
            });
            tasks.add(() -> {
                for (int n = 0; System.currentTimeMillis() < deadline; n++) {
                    var body = Curator.graphql(Curator.TOKEN, "mutation { upsertCompany(company: {id: \"race-mutated\", name: \"Writer "
                            + writer + " #" + n + "\", kinds: [\"OTHER\"]}) { outcome added changed } }", Map.of()).extract();
                    String outcome = body.path("data.upsertCompany.outcome");
                    if (!"LOADED".equals(outcome)) {
                        failures.add(body.asString());
                        continue;
                    }
                    acknowledgedMutations.incrementAndGet();
                    changedCompany.addAndGet(body.<Integer>path("data.upsertCompany.changed"));
                }
                return null;
            });
        }
        tasks.add(() -> {
            while (System.currentTimeMillis() < deadline) {
                // Neo4j reads committed data, not a snapshot: one statement can straddle a commit and see some rows
                // before it and some after. A half-loaded file would stay half-loaded; a straddle is gone on the
                // next read. So an inconsistent read is read again before it counts.
                String seen = null;
                for (int attempt = 0; attempt < 3; attempt++) {
                    seen = halfFile();
                    if (seen == null) {
                        break;
                    }
                    Thread.sleep(5);
                }
                if (seen != null) {
                    failures.add(seen);
                }
                reads.incrementAndGet();
                Thread.sleep(2);
            }
            return null;
        });
        var pool = Executors.newFixedThreadPool(tasks.size());
        try {
            for (var f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf("competing writers: %d loads, %d mutations acknowledged, %d reads, %d failures%n",
                acknowledgedLoads.get(), acknowledgedMutations.get(), reads.get(), failures.size());
        assertEquals(List.of(), failures.stream().limit(3).toList());
        assertTrue(acknowledgedLoads.get() >= 8, "enough loads competed: " + acknowledgedLoads.get());
        assertTrue(acknowledgedMutations.get() >= 8, "enough mutations competed: " + acknowledgedMutations.get());

        assertEquals(AGREEMENTS, TestGraph.count(driver, "MATCH (a:Agreement) WHERE a.id STARTS WITH 'race-ag-' RETURN count(a)"));
        assertEquals(1, TestGraph.count(driver, "MATCH (c:Company {id: 'race-co'}) RETURN count(c)"));
        assertEquals(1, TestGraph.count(driver, "MATCH (s:Source {id: 'race-src'}) RETURN count(s)"));
        assertEquals(2L * AGREEMENTS, TestGraph.count(driver,
                "MATCH (:Company)-[p:PARTY_TO]->(a:Agreement) WHERE a.id STARTS WITH 'race-ag-' RETURN count(p)"), "no duplicate parties");
        assertEquals(AGREEMENTS, TestGraph.count(driver,
                "MATCH (a:Agreement)-[r:SOURCED_BY]->() WHERE a.id STARTS WITH 'race-ag-' RETURN count(r)"), "no duplicate sources");
        assertEquals(changedAgreements.get(), TestGraph.count(driver,
                "MATCH (a:Agreement)-[:HAD_REVISION]->(r:Revision) WHERE a.id STARTS WITH 'race-ag-' RETURN count(r)"),
                "one revision per acknowledged change of an agreement");
        assertEquals(1, TestGraph.count(driver, "MATCH (c:Company {id: 'race-mutated'}) RETURN count(c)"));
        assertEquals(changedCompany.get(), TestGraph.count(driver,
                "MATCH (:Company {id: 'race-mutated'})-[:HAD_REVISION]->(r:Revision) RETURN count(r)"),
                "one revision per acknowledged change of the company");
        assertEquals(acknowledgedMutations.get() - 1, changedCompany.get(), "every mutation but the first changed the name");
    }
}
