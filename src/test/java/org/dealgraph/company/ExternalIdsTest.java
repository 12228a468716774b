package org.dealgraph.company;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Identifiers of other data sets in deal files ({@code ids: {wikidata, lei, crunchbase}}): checked by their published
 * formats (an LEI by its check digits too), stored, looked up ({@code company(externalId:)}), given back by the
 * deal-file export and linked by the JSON-LD export ({@code sameAs}).
 */
@org.junit.jupiter.api.Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class ExternalIdsTest extends FreshSeedGraphTest {

    // Test data, not the seed's: Bloomberg's public LEI (its check digits valid) and Wikidata item.
    private static final String FILE = """
            companies:
              - id: bloomberg-lp
                name: Bloomberg L.P.
                kinds: [OTHER]
                ids: {wikidata: Q14270, lei: 5493001KJTIIGC8Y1R12, crunchbase: bloomberg}
            people:
              - id: some-analyst
                name: Some Analyst
                ids: {wikidata: Q4115189}
            """;

    @Test
    void idsInADealFileAreStoredLookedUpAndExported() {
        Curator.loadFile(Curator.TOKEN, "external-ids.yaml", FILE, false).statusCode(200);
        var answer = Curator.graphql(null, """
                { company(externalId: {scheme: LEI, value: "5493001KJTIIGC8Y1R12"}) { id externalIds { scheme value url } } }""", Map.of())
                .statusCode(200).body("errors", nullValue()).extract().jsonPath();
        assertThat(answer.getString("data.company.id"), equalTo("bloomberg-lp"));
        assertThat(answer.getList("data.company.externalIds.url"), equalTo(List.of("http://www.wikidata.org/entity/Q14270",
                "https://search.gleif.org/#/record/5493001KJTIIGC8Y1R12", "https://www.crunchbase.com/organization/bloomberg")));
        Curator.graphql(null, "{ company(externalId: {scheme: WIKIDATA, value: \"Q14270\"}) { id } }", Map.of())
                .body("data.company.id", equalTo("bloomberg-lp"));
        Curator.graphql(null, "{ company(externalId: {scheme: WIKIDATA, value: \"Q1\"}) { id } }", Map.of())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        Curator.graphql(null, "{ company(externalId: {scheme: LEI, value: \"5493001KJTIIGC8Y1R13\"}) { id } }", Map.of())
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT")).body("errors[0].message", containsString("check digits"));
        Curator.graphql(null, "{ company(id: \"openai\", externalId: {scheme: LEI, value: \"5493001KJTIIGC8Y1R12\"}) { id } }", Map.of())
                .body("errors[0].extensions.code", equalTo("BAD_ARGUMENT"));
        Curator.graphql(null, "{ person(id: \"some-analyst\") { externalIds { scheme value } } }", Map.of())
                .body("data.person.externalIds[0].value", equalTo("Q4115189"));

        var yaml = given().header("Authorization", "Bearer " + Curator.TOKEN).get("/deals/export").then().statusCode(200)
                .extract().asString();
        assertThat(yaml, containsString("lei: \"5493001KJTIIGC8Y1R12\""));
        var jsonld = given().get("/research/export?format=jsonld").then().statusCode(200).extract().jsonPath();
        assertThat(jsonld.getList("'@graph'.findAll { it.'@id' == 'urn:dealgraph:company:bloomberg-lp' }.sameAs.flatten()"),
                hasItem("http://www.wikidata.org/entity/Q14270"));
        // Loaded again unchanged: the ids are part of what the fingerprint compares, and a file without them keeps its own.
        Curator.loadFile(Curator.TOKEN, "external-ids.yaml", FILE, false).statusCode(200).body("outcome", equalTo("UNCHANGED"));
    }

    @Test
    void idsThatAreNotOfTheirFormatAreRefusedWithTheirPath() {
        var bad = FILE.replace("Q14270", "14270").replace("5493001KJTIIGC8Y1R12", "5493001KJTIIGC8Y1R13");
        var report = Curator.loadFile(Curator.TOKEN, "external-ids.yaml", bad, false).statusCode(422).extract().asString();
        assertThat(report, containsString("companies[0].ids.wikidata"));
        assertThat(report, containsString("companies[0].ids.lei"));
        assertThat(report, containsString("check digits"));
        var twice = FILE.replace("people:", "people:\n  - {id: other-analyst, name: Other Analyst, ids: {wikidata: Q4115189}}");
        assertThat(Curator.loadFile(Curator.TOKEN, "external-ids.yaml", twice, false).statusCode(422).extract().asString(),
                containsString("is also the wikidata id at people[0].ids.wikidata"));
        var unknown = FILE.replace("crunchbase: bloomberg", "ticker: BBG");
        assertThat(Curator.loadFile(Curator.TOKEN, "external-ids.yaml", unknown, false).statusCode(422).extract().asString(),
                containsString("ticker"));
    }
}
