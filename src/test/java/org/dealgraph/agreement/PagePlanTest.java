package org.dealgraph.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.dealgraph.api.Page;
import org.dealgraph.load.DealService;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.LoadsInFlight;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraph;
import org.dealgraph.testing.TestGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.summary.ProfiledPlan;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A page that does not ask for totalCount reads its rows in the sort key's index order and stops: profiled on 10,000
 * generated agreements, no Sort of all matches, no label scan read and at most a few hundred database hits. With
 * totalCount the matches are counted too (from the count store when nothing is filtered), but the page is read the same
 * way, without a sort. Either way it answers the same rows as the counted page.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class PagePlanTest {

    private static boolean loaded;

    @Inject
    Driver driver;

    @Inject
    DealService deals;

    @BeforeEach
    void generatedGraph() {
        if (!loaded) {
            SeedGraph.invalidate();
            TestGraph.clean(driver);
            deals.load("plans.json", LoadsInFlight.synthetic(1_000, 10_000, 3), false);
            loaded = true;
        }
    }

    @AfterAll
    static void seedAgain() {
        SeedGraph.invalidate();
    }

    record Shape(String name, AgreementFilter filter, AgreementOrder order, boolean ascending) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("largest compute commitments", new AgreementFilter(List.of(AgreementKind.COMPUTE_COMMITMENT), null, null, null,
                    null, new BigDecimal("1000000000"), null, null, null), AgreementOrder.AMOUNT, false),
            new Shape("largest of all", null, AgreementOrder.AMOUNT, false),
            new Shape("smallest of all", null, AgreementOrder.AMOUNT, true),
            new Shape("oldest", null, AgreementOrder.ANNOUNCED, true),
            new Shape("newest of a kind", new AgreementFilter(List.of(AgreementKind.IP_LICENSE), null, null, null, null, null, null,
                    null, null), AgreementOrder.ANNOUNCED, false),
            new Shape("by title", null, AgreementOrder.TITLE, true));

    private ProfiledPlan profile(AgreementRepository.PageQuery query) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run("PROFILE " + query.cypher(), query.parameters()).consume().profile());
        }
    }

    private static long dbHits(ProfiledPlan plan) {
        return plan.dbHits() + plan.children().stream().mapToLong(PagePlanTest::dbHits).sum();
    }

    private static void operators(ProfiledPlan plan, List<String> into) {
        into.add(plan.operatorType().replace("@neo4j", "") + (plan.dbHits() > 0 || plan.records() > 0
                ? "(" + plan.records() + " rows, " + plan.dbHits() + " hits)" : ""));
        plan.children().forEach(child -> operators(child, into));
    }

    @Test
    void aPageWithoutCountReadsItsRowsInIndexOrder() {
        for (var shape : SHAPES) {
          // From the start, and from a cursor deep in the index (a date, amount or title far along, and an id).
          for (var page : List.of(Page.of("agreements/" + shape.order(), 20, null), cursorPage(shape), backwardPage(shape))) {
            var uncounted = profile(AgreementRepository.pageQuery(shape.filter(), shape.order(), shape.ascending(), page,
                    "a {.id, .title}", false));
            var counted = profile(AgreementRepository.pageQuery(shape.filter(), shape.order(), shape.ascending(), page,
                    "a {.id, .title}", true));
            var names = new ArrayList<String>();
            operators(uncounted, names);
            System.out.printf("%-28s without totalCount: %6d db hits %s%n%-28s with totalCount:    %6d db hits%n", shape.name(),
                    dbHits(uncounted), names, "", dbHits(counted));
            assertTrue(names.stream().noneMatch(n -> n.startsWith("Sort")), shape.name() + ": no sort of every match: " + names);
            assertTrue(names.stream().anyMatch(n -> n.startsWith("NodeIndex") && n.contains("(")), shape.name() + ": an index is read: " + names);
            // Agreements without the sort key come last, from a label scan that runs only when the indexed rows run out.
            assertTrue(names.stream().noneMatch(n -> n.startsWith("NodeByLabelScan(")), shape.name() + ": no label scan read: " + names);
            assertTrue(dbHits(uncounted) < 2_000, shape.name() + ": " + dbHits(uncounted) + " db hits");
            // With totalCount every match is counted, but the page itself is still read in index order: no sort.
            var countedNames = new ArrayList<String>();
            operators(counted, countedNames);
            if (shape.order() != AgreementOrder.TOTAL_VALUE) {
                assertTrue(countedNames.stream().noneMatch(n -> n.startsWith("Sort")), shape.name() + ": counted, no sort: " + countedNames);
            }
          }
        }
    }

    /** A page after the 200th row of the shape's order, by the cursor the API gave for it. */
    private Page backwardPage(Shape shape) {
        return Page.of("agreements/" + shape.order(), null, null, 20, cursorPage(shape).cursor() == null ? null
                : Page.encode("agreements/" + shape.order(), cursorPage(shape).cursor().key(), cursorPage(shape).cursor().id()));
    }

    private Page cursorPage(Shape shape) {
        var first = Page.of("agreements/" + shape.order(), 100, null);
        var rows = new ArrayList<Page.Row<Agreement>>();
        String cursor = null;
        for (int i = 0; i < 2; i++) {
            var page = i == 0 ? first : Page.of("agreements/" + shape.order(), 100, cursor);
            var query = AgreementRepository.pageQuery(shape.filter(), shape.order(), shape.ascending(), page, "a {.id}", false);
            List<Page.Row<Agreement>> read;
            try (var session = driver.session()) {
                read = session.executeRead(tx -> tx.run(query.cypher(), query.parameters()).single().get("rows")
                        .asList(v -> new Page.Row<Agreement>(null, v.get("key").asObject(), v.get("id").asString())));
            }
            if (read.size() < 100) {
                return page;
            }
            cursor = page.cursorOf(read.get(99));
        }
        return Page.of("agreements/" + shape.order(), 20, cursor);
    }

    @Test
    void bothPagesAnswerTheSameRows() {
        var orders = Map.of("AMOUNT", "DESC", "ANNOUNCED", "ASC", "TITLE", "ASC");
        orders.forEach((order, direction) -> {
            var cursor = GraphQL.data("{ agreements(orderBy: %s, direction: %s, first: 20) { pageInfo { endCursor } } }".formatted(order, direction))
                    .getString("agreements.pageInfo.endCursor");
            for (var after : new String[] {"", ", after: \"" + cursor + "\""}) {
                var args = "orderBy: %s, direction: %s, first: 20%s".formatted(order, direction, after);
                var fields = "nodes { id parties { role company { id name parentId } } sources { confidence } state(asOf: \"2026-01-01\") { active } }";
                var counted = GraphQL.data("{ agreements(" + args + ") { totalCount " + fields + " pageInfo { hasNextPage hasPreviousPage endCursor } } }");
                var uncounted = GraphQL.data("{ agreements(" + args + ") { " + fields + " pageInfo { hasNextPage hasPreviousPage endCursor } } }");
                assertEquals(counted.getList("agreements.nodes.id"), uncounted.getList("agreements.nodes.id"), args);
                assertEquals(counted.getMap("agreements.pageInfo"), uncounted.getMap("agreements.pageInfo"), args);
            }
        });
        var last = GraphQL.data("{ agreements(orderBy: AMOUNT, last: 10) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }");
        assertEquals(10, last.getList("agreements.nodes").size(), "the last page: rows 9,990 to 9,999");
        assertFalse(last.getBoolean("agreements.pageInfo.hasNextPage"));
        assertTrue(last.getBoolean("agreements.pageInfo.hasPreviousPage"));
    }

    @Test
    void companyPagesAnswerTheSameRowsWithOrWithoutACount() {
        var cursor = GraphQL.data("{ companies(first: 20) { pageInfo { endCursor } } }").getString("companies.pageInfo.endCursor");
        for (var args : List.of("first: 20", "first: 20, after: \"" + cursor + "\"", "nameContains: \"COMPANY 12\", first: 20",
                "nameContains: \"pany 99\", first: 5", "kind: AI_LAB, first: 20", "nameContains: \"no such name\"", "last: 20")) {
            var counted = GraphQL.data("{ companies(" + args + ") { totalCount nodes { id name parentId kinds } pageInfo { hasNextPage hasPreviousPage } } }");
            var uncounted = GraphQL.data("{ companies(" + args + ") { nodes { id name parentId kinds } pageInfo { hasNextPage hasPreviousPage } } }");
            assertEquals(counted.getList("companies.nodes"), uncounted.getList("companies.nodes"), args);
            assertEquals(counted.getMap("companies.pageInfo"), uncounted.getMap("companies.pageInfo"), args);
        }
        var twelve = GraphQL.data("{ companies(nameContains: \"Company 12\", first: 100) { totalCount nodes { name } } }");
        assertEquals(11, twelve.getInt("companies.totalCount"), "Synthetic Company 12 and 120-129");
    }

    @Test
    void aNameSearchReadsTheTextIndex() {
        try (var session = driver.session()) {
            var plan = session.executeRead(tx -> tx.run("PROFILE MATCH (c:Company) USING TEXT INDEX c:Company(nameKey) "
                    + "WHERE c.nameKey CONTAINS toLower($name) RETURN count(c) AS n", Map.of("name", "Company 12")).consume().profile());
            var names = new ArrayList<String>();
            operators(plan, names);
            assertTrue(names.stream().anyMatch(n -> n.startsWith("NodeIndexContainsScan")), names::toString);
            assertTrue(names.stream().noneMatch(n -> n.startsWith("NodeByLabelScan")), names::toString);
        }
    }

    @Test
    void aHubCompanysFirstAgreementsAreTheOldestOfAll() {
        var hubs = GraphQL.data("{ companies(first: 5) { nodes { id all: agreements { id } some: agreements(first: 3) { id } "
                + "licenses: agreements(kinds: [IP_LICENSE], first: 2) { id kind } } } }");
        List<Map<String, Object>> nodes = hubs.getList("companies.nodes");
        for (var node : nodes) {
            @SuppressWarnings("unchecked")
            var all = ((List<Map<String, Object>>) node.get("all")).stream().map(a -> a.get("id")).toList();
            @SuppressWarnings("unchecked")
            var some = ((List<Map<String, Object>>) node.get("some")).stream().map(a -> a.get("id")).toList();
            assertEquals(all.subList(0, Math.min(3, all.size())), some, String.valueOf(node.get("id")));
            @SuppressWarnings("unchecked")
            var licenses = (List<Map<String, Object>>) node.get("licenses");
            assertTrue(licenses.size() <= 2 && licenses.stream().allMatch(l -> "IP_LICENSE".equals(l.get("kind"))));
        }
        assertTrue(nodes.stream().anyMatch(n -> ((List<?>) n.get("all")).size() > 3), "some company has more than three");
    }
}
