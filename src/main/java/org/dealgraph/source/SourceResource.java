package org.dealgraph.source;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.value.Confidence;
import org.dealgraph.database.Graph;
import org.dealgraph.api.Page;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

@GraphQLApi
public class SourceResource {

    private static final String BY_ID = "MATCH (s:Source {id: $id}) RETURN s {.*} AS source";

    private static final String PAGE = """
            MATCH (s:Source)
            WHERE ($publisher IS NULL OR toLower(s.publisher) CONTAINS toLower($publisher))
              AND ($from IS NULL OR s.published >= $from) AND ($to IS NULL OR s.published <= $to)
              AND ($confidence IS NULL OR EXISTS { MATCH ()-[r:SOURCED_BY {confidence: $confidence}]->(s) })
            WITH s ORDER BY s.published, s.id
            WITH collect(s) AS matched
            RETURN size(matched) AS total, [s IN matched[$skip..$end] | s {.*}] AS sources""";

    private static final String CITED_BY = """
            UNWIND $ids AS sourceId
            OPTIONAL MATCH (n)-[r:SOURCED_BY]->(:Source {id: sourceId})
            WITH sourceId, n, r ORDER BY n.id
            RETURN sourceId, collect(CASE WHEN n IS NULL THEN null ELSE {id: n.id, label: labels(n)[0], title: coalesce(n.title, n.summary),
                   confidence: r.confidence, facts: r.facts, claim: r.claim} END) AS citations""";

    private final Graph graph;

    SourceResource(Graph graph) {
        this.graph = graph;
    }

    @Type("SourceConnection")
    @Description("A page of sources (Relay connection).")
    public record SourceConnection(long totalCount, List<org.dealgraph.source.Source> nodes, Page.PageInfo pageInfo) {
    }

    @Type("Citation")
    @Description("A fact node that cites a source: an agreement, role, statement or company.")
    public record Citation(@Description("Business id of the citing node.") String id,
            @Description("Agreement, Role, Statement or Company.") String label,
            @Description("Its title or summary.") String title,
            @Description("The confidence this source gives it.") Confidence confidence,
            @Description("The facts it supports; empty for all.") List<String> facts,
            @Description("A differing claim, if the source makes one.") String claim) {
    }

    @Query("source")
    @Description("One source by business id; null with a NOT_FOUND error when there is none.")
    public org.dealgraph.source.Source source(@NonNull @Id @Name("id") String id) {
        return graph.readOne(BY_ID, Map.of("id", id), r -> org.dealgraph.source.Source.from(r.get("source")))
                .orElseThrow(() -> new ApiErrors.NotFound("source", id));
    }

    @Query("sources")
    @Description("Sources, oldest first, filtered by publisher, publication date and the confidence they give facts.")
    public SourceConnection sources(@Name("publisher") String publisher,
            @Name("publishedFrom") LocalDate publishedFrom, @Name("publishedTo") LocalDate publishedTo,
            @Name("confidence") @Description("Only sources that give some fact this confidence.") Confidence confidence,
            @Name("first") @Min(0) @Max(Page.MAX_SIZE) Integer first, @Name("after") String after) {
        var page = Page.of(first, after);
        var params = new HashMap<String, Object>();
        params.put("publisher", publisher);
        params.put("from", publishedFrom);
        params.put("to", publishedTo);
        params.put("confidence", confidence == null ? null : confidence.name());
        params.put("skip", page.offset());
        params.put("end", page.offset() + page.limit());
        return graph.readOne(PAGE, params, r -> {
            var sources = r.get("sources").asList(org.dealgraph.source.Source::from);
            var total = r.get("total").asLong();
            return new SourceConnection(total, sources, page.info(total, sources.size()));
        }).orElseThrow();
    }

    @Description("The facts that cite this source (batched for a list of sources).")
    public List<List<Citation>> citedBy(@Source List<org.dealgraph.source.Source> sources) {
        var found = new HashMap<String, List<Citation>>();
        graph.read(CITED_BY, Map.of("ids", sources.stream().map(org.dealgraph.source.Source::id).distinct().toList()),
                r -> found.put(r.get("sourceId").asString(), r.get("citations").asList(v -> new Citation(v.get("id").asString(),
                        v.get("label").asString(), v.get("title").asString(null), Confidence.valueOf(v.get("confidence").asString()),
                        v.get("facts").isNull() ? List.of() : v.get("facts").asList(x -> x.asString()), v.get("claim").asString(null)))));
        return sources.stream().map(s -> found.getOrDefault(s.id(), List.of())).toList();
    }
}
