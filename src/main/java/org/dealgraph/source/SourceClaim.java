package org.dealgraph.source;

import java.util.Collection;
import java.util.List;

import org.dealgraph.value.Confidence;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;
import org.neo4j.driver.Value;

@Type("SourceClaim")
@Description("A source behind a fact, with how sure it makes the fact and what it claims differently, if anything.")
public record SourceClaim(
        @Description("The source.") Source source,
        @Description("STATED by the parties, REPORTED by the press, or INFERRED.") Confidence confidence,
        @Description("The facts (field names) this source supports; empty means all of them.") List<String> facts,
        @Description("What this source says that differs from the recorded fact: a kept contradiction.") String claim,
        @Description("A curator's note on this use of the source.") String note) {

    /** Cypher for the claims of node {@code n}, matching {@link #from(Value)}. */
    public static String of(String node) {
        return "[(" + node + ")-[sourcedBy:SOURCED_BY]->(s:Source) | {source: " + Source.PROJECTION + ", confidence: sourcedBy.confidence, "
                + "facts: sourcedBy.facts, claim: sourcedBy.claim, note: sourcedBy.note}]";
    }

    /**
     * Cypher for the claims of node {@code n} that reads only what a selection needs: the claim's fields selected
     * ({@code claimFields}; the confidence always) and, of the source, what {@code sourceFields} ask for.
     */
    public static String of(String node, Collection<String> claimFields, Collection<String> sourceFields) {
        var entries = new StringBuilder("source: ").append(Source.projection(sourceFields)).append(", confidence: sourcedBy.confidence");
        for (var optional : List.of("facts", "claim", "note")) {
            if (claimFields.contains(optional)) {
                entries.append(", ").append(optional).append(": sourcedBy.").append(optional);
            }
        }
        return "[(" + node + ")-[sourcedBy:SOURCED_BY]->(s:Source) | {" + entries + "}]";
    }

    public static SourceClaim from(Value v) {
        return new SourceClaim(Source.from(v.get("source")), Confidence.valueOf(v.get("confidence").asString()),
                v.get("facts").isNull() ? List.of() : v.get("facts").asList(Value::asString),
                v.get("claim").asString(null), v.get("note").asString(null));
    }

    /**
     * The claims of a list read from the graph, by source id (then confidence, then claim): the same order whether
     * they come from today's links or from a revision's copies of them.
     */
    public static List<SourceClaim> all(Value list) {
        return list.asList(SourceClaim::from).stream()
                .sorted(java.util.Comparator.comparing((SourceClaim c) -> c.source().id()).thenComparing(SourceClaim::confidence)
                        .thenComparing(c -> c.claim() == null ? "" : c.claim()))
                .toList();
    }

    public boolean covers(String fact) {
        return facts.isEmpty() || facts.contains(fact);
    }

    /** The strongest confidence the claims give a fact; a fact no claim covers is only inferred. */
    public static Confidence confidenceOf(List<SourceClaim> claims, String fact) {
        return claims.stream().filter(c -> c.covers(fact)).map(SourceClaim::confidence)
                .reduce(Confidence::strongest).orElse(Confidence.INFERRED);
    }
}
