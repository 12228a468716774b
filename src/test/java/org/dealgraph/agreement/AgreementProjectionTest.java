package org.dealgraph.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.dealgraph.company.Company;
import org.junit.jupiter.api.Test;

import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** Which Cypher projection a selection gets, on real graphql-java selection sets. */
class AgreementProjectionTest {

    private static final String SDL = """
            type Query { agreement: Agreement, agreements: Connection }
            type Connection { totalCount: Int, nodes: [Agreement], edges: [Edge] }
            type Edge { cursor: String, node: Agreement }
            type Agreement { id: ID, kind: String, title: String, summary: String, money: Money, announced: Fuzzy,
                             parties: [Party], sources: [Claim], tranches: [Tranche], state: State, history: [String] }
            type Money { text: String }
            type Fuzzy { text: String }
            type Party { role: String, company: Company }
            type Company { id: ID, name: String, description: String, parent: Company, agreements: [Agreement] }
            type Claim { confidence: String }
            type Tranche { label: String }
            type State { exclusive: Boolean }
            """;

    private final AtomicReference<String> projection = new AtomicReference<>();

    private String projectionOf(String query) {
        DataFetcher<Object> one = env -> {
            projection.set(AgreementSelection.projection(env.getSelectionSet()));
            return null;
        };
        DataFetcher<Object> page = env -> {
            projection.set(AgreementSelection.projectionOfConnection(env.getSelectionSet()));
            return null;
        };
        var wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("agreement", one).dataFetcher("agreements", page)).build();
        var schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        var result = GraphQL.newGraphQL(schema).build().execute(query);
        assertTrue(result.getErrors().isEmpty(), result.getErrors().toString());
        return projection.get();
    }

    @Test
    void aLookUpOfScalarsReadsTheirPropertiesAndNoList() {
        var cypher = projectionOf("{ agreement { id title money { text } announced { text } } }");
        assertTrue(cypher.contains(".amount, .amountApproximate, .amountCeiling, .amountCurrency"), cypher);
        assertTrue(cypher.contains(".announced, .announcedApproximate, .announcedPrecision"), cypher);
        assertFalse(cypher.contains(".summary") || cypher.contains(".*") || cypher.contains("PARTY_TO")
                || cypher.contains("SOURCED_BY") || cypher.contains("AMENDS"), cypher);
    }

    @Test
    void partiesReadTheCompanyWholeOnlyWhenMoreThanItsIdAndNameIsAsked() {
        var lean = projectionOf("{ agreement { id parties { role company { id name agreements { id } } } } }");
        assertTrue(lean.contains("company: c {.id, .name}"), lean);
        var whole = projectionOf("{ agreement { id parties { role company { id parent { id } } } } }");
        assertTrue(whole.contains(Company.PROJECTION), whole);
    }

    @Test
    void listsAreReadOnlyWhenSelected() {
        var cypher = projectionOf("{ agreement { id sources { confidence } tranches { label } } }");
        assertTrue(cypher.contains("SOURCED_BY") && cypher.contains("HAS_TRANCHE"), cypher);
        assertTrue(cypher.contains("parties: []") && cypher.contains("amends: []"), cypher);
    }

    @Test
    void derivedFactsAndAnyFieldItDoesNotKnowReadTheWholeAgreement() {
        assertEquals(Agreement.PROJECTION, projectionOf("{ agreement { id state { exclusive } } }"));
        assertEquals(Agreement.PROJECTION, projectionOf("{ agreement { id history } }"));
        assertEquals(Agreement.PROJECTION, AgreementSelection.projection(null));
    }

    @Test
    void aPageReadsWhatItsNodesAndEdgesSelect() {
        var cypher = projectionOf("{ agreements { totalCount nodes { id } edges { node { summary } } } }");
        assertTrue(cypher.contains(".summary"), cypher);
        assertFalse(cypher.contains("PARTY_TO"), cypher);
        assertNotEquals(Agreement.PROJECTION, projectionOf("{ agreements { totalCount } }"));
        assertEquals(Agreement.PROJECTION, projectionOf("{ agreements { edges { node { state { exclusive } } } } }"));
    }
}
