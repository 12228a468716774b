package org.dealgraph.agreement;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code connection(from:, to:, knownAsOf:)}: companies joined, then a party corrected, then one company merged into
 * another; each chain captured after a step is given again, whole, when asked afterwards for the moment of that step.
 * The companies are joined to nothing in the seed, so every chain asked is the only shortest one.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class ConnectionAsKnownTest extends FreshSeedGraphTest {

    private static final String DEAL = """
            companies:
              - {id: chain-p, name: Chain P, kinds: [OTHER]}
              - {id: chain-q, name: Chain Q, kinds: [OTHER]}
              - {id: chain-r, name: Chain R, kinds: [OTHER]}
              - {id: chain-s, name: Chain S, kinds: [OTHER]}
              - {id: chain-t, name: Chain T, kinds: [OTHER], parent: chain-s}
            sources:
              - {id: chain-source, url: "https://example.org/chain", publisher: Example, published: 2026-03-01}
            agreements:
              - {id: chain-pq, kind: PARTNERSHIP, title: P and Q, announced: 2026-03-01,
                 parties: [{company: chain-p, role: PARTNER}, {company: chain-q, role: PARTNER}],
                 sources: [{source: chain-source, confidence: STATED}]}
              - {id: chain-rs, kind: PARTNERSHIP, title: R and S, announced: 2026-03-01,
                 parties: [{company: chain-r, role: PARTNER}, {company: chain-s, role: PARTNER}],
                 sources: [{source: chain-source, confidence: STATED}]}
              - {id: chain-ps, kind: PARTNERSHIP, title: P and S, announced: 2026-03-01,
                 parties: [{company: chain-p, role: PARTNER}, {company: chain-s, role: PARTNER}],
                 sources: [{source: chain-source, confidence: STATED}]}
            """;

    private static final String QUERY = """
            query($at: DateTime) {
              ps: connection(from: "chain-p", to: "chain-s", knownAsOf: $at) { ...chain }
              pr: connection(from: "chain-p", to: "chain-r", knownAsOf: $at) { ...chain }
              qs: connection(from: "chain-q", to: "chain-s", knownAsOf: $at) { ...chain }
              pt: connection(from: "chain-p", to: "chain-t", knownAsOf: $at) { ...chain }
              sp: connection(from: "chain-s", to: "chain-p", knownAsOf: $at) { ...chain }
            }
            fragment chain on Connection {
              agreementCount steps { company { id name } relation role agreement { id title parties { role company { id } } } }
            }""";

    @Test
    void everyChainCapturedAfterAStepIsGivenAgainForTheMomentOfThatStep() {
        var before = Instant.now();
        var steps = List.<Runnable>of(
                () -> Curator.loadFile(Curator.TOKEN, "chain.yaml", DEAL, false).statusCode(200),
                () -> Curator.loadFile(Curator.TOKEN, "chain.yaml", DEAL.replace("{company: chain-p, role: PARTNER}, {company: chain-s",
                        "{company: chain-p, role: PARTNER}, {company: chain-t"), false).statusCode(200),
                () -> Curator.graphql(Curator.TOKEN, "mutation { mergeCompanies(company: \"chain-q\", into: \"chain-r\", reason: \"test\") { kind } }",
                        Map.of()).body("errors", nullValue()));
        var moments = new ArrayList<Instant>();
        var captured = new ArrayList<String>();
        for (var step : steps) {
            step.run();
            captured.add(answer(null));
            moments.add(Instant.now());
        }

        assertThat(answer(before), containsString("NOT_FOUND"));
        for (int i = 0; i < moments.size(); i++) {
            assertEquals(captured.get(i), answer(moments.get(i)), "as known after step " + (i + 1));
        }
        // What each step showed, so that equal answers cannot hide a search that sees nothing change.
        assertEquals(List.of("ps: chain-p -chain-ps- chain-s", "pr: chain-p -chain-ps- chain-s -chain-rs- chain-r",
                "qs: chain-q -chain-pq- chain-p -chain-ps- chain-s", "pt: chain-p -chain-ps- chain-s -SUBSIDIARY_OF- chain-t",
                "sp: chain-s -chain-ps- chain-p"), chains(captured.get(0)), "sp: chain-s, no longer chain-ps's party, was then");
        assertEquals(List.of("ps: chain-p -chain-ps- chain-t -SUBSIDIARY_OF- chain-s", "pr: chain-p -chain-ps- chain-t -SUBSIDIARY_OF- chain-s -chain-rs- chain-r",
                "qs: chain-q -chain-pq- chain-p -chain-ps- chain-t -SUBSIDIARY_OF- chain-s", "pt: chain-p -chain-ps- chain-t",
                "sp: chain-s -SUBSIDIARY_OF- chain-t -chain-ps- chain-p"), chains(captured.get(1)));
        assertEquals(List.of("ps: chain-p -chain-ps- chain-t -SUBSIDIARY_OF- chain-s", "pr: chain-p -chain-pq- chain-r",
                "qs: chain-r -chain-rs- chain-s", "pt: chain-p -chain-ps- chain-t", "sp: chain-s -SUBSIDIARY_OF- chain-t -chain-ps- chain-p"),
                chains(captured.get(2)),
                "chain-q, merged into chain-r, answers as chain-r; chain-pq's link moved with it");
        assertEquals(List.of("chain-p PARTNER", "chain-s PARTNER"),
                JsonPath.from(answer(moments.get(0))).getList("data.ps.steps[0].agreement.parties.collect { it.company.id + ' ' + it.role }"),
                "the parties of the agreement as then recorded");
    }

    private static String answer(Instant knownAsOf) {
        var variables = new HashMap<String, Object>();
        variables.put("at", knownAsOf == null ? null : knownAsOf.toString());
        return GraphQL.answer(Curator.graphql(null, QUERY, variables).statusCode(200).extract().jsonPath());
    }

    /** Each chain as "name: company -agreement- company …". */
    private static List<String> chains(String answer) {
        var json = JsonPath.from(answer);
        var out = new ArrayList<String>();
        for (var name : List.of("ps", "pr", "qs", "pt", "sp")) {
            List<Map<String, Object>> steps = json.getList("data." + name + ".steps");
            if (steps == null) {
                out.add(name + ": none");
                continue;
            }
            var text = new StringBuilder(name + ":");
            for (var step : steps) {
                text.append(' ').append(((Map<?, ?>) step.get("company")).get("id"));
                if ("SUBSIDIARY_OF".equals(step.get("relation"))) {
                    text.append(" -SUBSIDIARY_OF-");
                } else if (step.get("agreement") != null) {
                    text.append(" -").append(((Map<?, ?>) step.get("agreement")).get("id")).append('-');
                }
            }
            out.add(text.toString());
        }
        return out;
    }
}
