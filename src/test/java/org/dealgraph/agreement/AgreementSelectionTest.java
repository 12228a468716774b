package org.dealgraph.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.dealgraph.testing.GraphQL;
import org.dealgraph.testing.Neo4jTestResource;
import org.dealgraph.testing.SeedGraphTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A request reads only the properties and lists its selection needs. Whatever it selects, each field must answer
 * exactly what it answers when the full agreement is read (forced here by also selecting a derived fact), for every
 * agreement of the seed, through the look-up, the page and a company's agreements.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class AgreementSelectionTest extends SeedGraphTest {

    private static final String FORCES_FULL = " state(asOf: \"2020-01-01\") { exclusive }";

    @ParameterizedTest
    @ValueSource(strings = {"kind title", "summary", "announced { text precision approximate earliest }",
            "effectiveFrom { text }", "effectiveUntil { text precision }", "termYears", "money { text amount currency ceiling approximate }",
            "cap { text amount }", "exclusive primary firstRelease anyCloud", "scope ratePercent", "stakePercent stakeApproximate",
            "binding conditions", "valuation { text kind money { text amount } } roundSize { text }", "parties { role company { id name } }",
            "parties { role company { id name aliases kinds description parentId parent { id } } }",
            "products { id name }", "tranches { label money { text } conditional conditions }",
            "sources { confidence facts claim note source { id url publisher published { text } } }",
            "money { text } parties { company { id } } sources { confidence }", "sources { confidence source { url } }",
            "sources { note source { retrieved { text precision } note } }", "sources { facts source { id citedBy { __typename } } }",
            "__typename"})
    void aLeanSelectionAnswersWhatTheFullAgreementAnswers(String fields) {
        var ids = GraphQL.data("{ agreements(first: 100) { nodes { id } } }").getList("agreements.nodes.id", String.class);
        assertFalse(ids.isEmpty());

        var lookups = new StringBuilder("{");
        var full = new StringBuilder("{");
        for (int i = 0; i < ids.size(); i++) {
            lookups.append(" a").append(i).append(": agreement(id: \"").append(ids.get(i)).append("\") { id ").append(fields).append(" }");
            full.append(" a").append(i).append(": agreement(id: \"").append(ids.get(i)).append("\") { id ").append(fields).append(FORCES_FULL).append(" }");
        }
        assertEquals(withoutState(GraphQL.data(full + " }").getMap("")), GraphQL.data(lookups + " }").getMap(""), fields);

        var page = "{ agreements(first: 100, orderBy: TITLE) { totalCount nodes { id %s } edges { cursor node { id %s } } } }";
        assertEquals(withoutState(GraphQL.data(page.formatted(fields + FORCES_FULL, fields + FORCES_FULL)).getMap("")),
                GraphQL.data(page.formatted(fields, fields)).getMap(""), fields);

        var nested = "{ companies(first: 100) { nodes { id agreements { id %s } } } }";
        assertEquals(withoutState(GraphQL.data(nested.formatted(fields + FORCES_FULL)).getMap("")),
                GraphQL.data(nested.formatted(fields)).getMap(""), fields);
    }

    @SuppressWarnings("unchecked")
    private static Object withoutState(Object json) {
        if (json instanceof Map<?, ?> map) {
            var copy = new java.util.LinkedHashMap<String, Object>();
            map.forEach((k, v) -> {
                if (!"state".equals(k)) {
                    copy.put((String) k, withoutState(v));
                }
            });
            return copy;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(AgreementSelectionTest::withoutState).toList();
        }
        return json;
    }
}
