package org.dealgraph.source;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.api.Page;
import org.dealgraph.database.Graph;
import org.dealgraph.database.Keyset;
import org.dealgraph.source.SourceResource.Citation;
import org.dealgraph.value.Confidence;
import org.neo4j.driver.Value;

/** Reads sources and what cites them: one Cypher query per call. */
@ApplicationScoped
public class SourceRepository {

    private static final String BY_ID = "MATCH (s:Source {id: $id}) RETURN s {.*} AS source";

    private static final String MATCHING = """
            MATCH (s:Source)
            WHERE ($publisher IS NULL OR toLower(s.publisher) CONTAINS toLower($publisher))
              AND ($from IS NULL OR s.published >= $from) AND ($to IS NULL OR s.published <= $to)
              AND ($confidence IS NULL OR EXISTS { MATCH ()-[r:SOURCED_BY {confidence: $confidence}]->(s) })""";

    /** Oldest first (undated last), then by id, from the cursor on; counted only when asked. */
    private static final String PAGE = """
            CALL () {
                %1$s
                RETURN %2$s AS total
            }
            CALL () {
                %1$s
                  AND %3$s
                WITH s ORDER BY s.published %4$s, s.id %4$s
                LIMIT $take
                RETURN collect({node: s {.*}, key: s.published, id: s.id}) AS rows
            }
            RETURN total, rows""";

    private static final Map<String, String> PAGES = new ConcurrentHashMap<>();

    private static final String CITED_BY = """
            UNWIND $ids AS sourceId
            OPTIONAL MATCH (n)-[r:SOURCED_BY]->(:Source {id: sourceId})
            WITH sourceId, n, r ORDER BY n.id
            RETURN sourceId, collect(CASE WHEN n IS NULL THEN null ELSE {id: n.id, label: labels(n)[0], title: coalesce(n.title, n.summary),
                   confidence: r.confidence, facts: r.facts, claim: r.claim} END) AS citations""";

    /** One source's citations by the citing fact's id (then the link), from the cursor on; counted only when asked. */
    private static final String CITATIONS_PAGE = """
            MATCH (source:Source {id: $source})
            CALL (source) {
                MATCH (n)-[r:SOURCED_BY]->(source)
                RETURN %1$s AS total
            }
            CALL (source) {
                MATCH (n)-[r:SOURCED_BY]->(source)
                WITH n, r, n.id AS key, elementId(r) AS link
                WHERE %2$s
                WITH n, r, key, link ORDER BY key %3$s, link %3$s
                LIMIT $take
                RETURN collect({node: {id: n.id, label: labels(n)[0], title: coalesce(n.title, n.summary), confidence: r.confidence,
                        facts: r.facts, claim: r.claim}, key: key, id: link}) AS rows
            }
            RETURN total, rows""";

    private final Graph graph;

    SourceRepository(Graph graph) {
        this.graph = graph;
    }


    Optional<Source> byId(String id) {
        return graph.readOne(BY_ID, Map.of("id", id), r -> Source.from(r.get("source")));
    }

    Page.Rows<Source> page(String publisher, LocalDate publishedFrom, LocalDate publishedTo, Confidence confidence, Page page, boolean counted) {
        var params = new HashMap<String, Object>(page.parameters());
        params.put("publisher", publisher);
        params.put("from", publishedFrom);
        params.put("to", publishedTo);
        params.put("confidence", confidence == null ? null : confidence.name());
        var where = Keyset.where(page, "s.published", "s.id", true);
        var query = PAGES.computeIfAbsent(counted + where + page.backward(), k -> PAGE.formatted(MATCHING.indent(4).strip(),
                counted ? "count(s)" : "-1", where, Keyset.direction(page, true)));
        return graph.readOne(query, params, r -> new Page.Rows<>(r.get("total").asLong(), r.get("rows").asList(
                v -> new Page.Row<>(Source.from(v.get("node")), v.get("key").asObject(), v.get("id").asString())))).orElseThrow();
    }

    /** A page of the facts citing one source; empty when there is no such source. */
    Optional<Cited> citations(String source, Page page, boolean counted) {
        var params = new HashMap<String, Object>(page.parameters());
        params.put("source", source);
        var where = Keyset.where(page, "key", "link", true);
        var query = PAGES.computeIfAbsent("citations" + counted + where + page.backward(),
                k -> CITATIONS_PAGE.formatted(counted ? "count(r)" : "-1", where, Keyset.direction(page, true)));
        return graph.readOne(query, params, r -> new Cited(r.get("total").asLong(), r.get("rows").asList(
                v -> new Page.Row<>(citation(v.get("node")), v.get("key").asObject(), v.get("id").asString()))));
    }

    /** A page of citations as read. */
    record Cited(long total, List<Page.Row<Citation>> rows) {
    }

    private static Citation citation(Value v) {
        return new Citation(v.get("id").asString(), v.get("label").asString(), v.get("title").asString(null),
                Confidence.valueOf(v.get("confidence").asString()),
                v.get("facts").isNull() ? List.of() : v.get("facts").asList(x -> x.asString()), v.get("claim").asString(null));
    }

    /** The facts citing each source, by source id. */
    Map<String, List<Citation>> citing(List<String> sourceIds) {
        var found = new HashMap<String, List<Citation>>();
        graph.read(CITED_BY, Map.of("ids", sourceIds),
                r -> found.put(r.get("sourceId").asString(), r.get("citations").asList(v -> new Citation(v.get("id").asString(),
                        v.get("label").asString(), v.get("title").asString(null), Confidence.valueOf(v.get("confidence").asString()),
                        v.get("facts").isNull() ? List.of() : v.get("facts").asList(x -> x.asString()), v.get("claim").asString(null)))));
        return found;
    }
}
