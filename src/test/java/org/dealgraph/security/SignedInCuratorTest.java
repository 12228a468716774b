package org.dealgraph.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.Set;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/**
 * A curator signed in with an identity provider's JWT (signed with the test key; the service holds its public half)
 * writes under their own name, and the history says so; a JWT without the curator group, from another issuer or
 * expired, writes nothing. Static tokens keep working beside it.
 */
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class SignedInCuratorTest extends FreshSeedGraphTest {

    private static final String ISSUER = "https://login.example.org";
    private static final String RETRACT_LICENSE = "mutation { retractFact(fact: {agreement: \"msft-openai-ip-license\"}, reason: \"x\") { by } }";
    private static final String FILE = """
            sources:
              - {id: jwt-source, url: "https://example.org/jwt", publisher: Example, published: 2026-05-01}
            agreements:
              - id: jwt-deal
                kind: PARTNERSHIP
                title: Loaded by a signed-in curator
                parties: [{company: microsoft, role: PARTNER}, {company: openai, role: PARTNER}]
                announced: 2026-05-01
                sources: [{source: jwt-source, confidence: REPORTED}]
            """;

    @Test
    void aSignedInCuratorsNameIsInTheHistoryOfWhatTheyLoaded() {
        var token = Jwt.issuer(ISSUER).upn("alice@example.org").groups(Set.of("curator")).expiresIn(300).sign();
        Curator.loadFile(token, "jwt.yaml", FILE, false).statusCode(200).body("outcome", equalTo("LOADED"));
        Curator.graphql(null, "{ agreement(id: \"jwt-deal\") { recorded { by from } } }", Map.of()).statusCode(200)
                .body("data.agreement.recorded.by", equalTo("alice@example.org"))
                .body("data.agreement.recorded.from", equalTo("jwt.yaml"));
        Curator.graphql(token, "mutation { retractFact(fact: {agreement: \"jwt-deal\"}, reason: \"loaded by mistake\") { by } }", Map.of())
                .statusCode(200).body("errors", nullValue()).body("data.retractFact.by", equalTo("alice@example.org"));
        Curator.graphql(Curator.TOKEN, "mutation { restoreFact(fact: {agreement: \"jwt-deal\"}, reason: \"it was right\") { restoredBy } }",
                Map.of()).statusCode(200).body("data.restoreFact.restoredBy", startsWith("curator token "));
    }

    @Test
    void aJwtThatIsNotACuratorsWritesNothing() {
        var reader = Jwt.issuer(ISSUER).upn("bob@example.org").groups(Set.of("reader")).expiresIn(300).sign();
        Curator.graphql(reader, RETRACT_LICENSE, Map.of()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        var otherIssuer = Jwt.issuer("https://evil.example.org").upn("mallory").groups(Set.of("curator")).expiresIn(300).sign();
        given().header("Authorization", "Bearer " + otherIssuer).contentType("application/json")
                .body(Map.of("query", RETRACT_LICENSE)).post("/graphql").then().statusCode(401);
        var expired = Jwt.issuer(ISSUER).upn("carol").groups(Set.of("curator")).issuedAt(1_000_000_000L).expiresAt(1_000_000_300L).sign();
        given().header("Authorization", "Bearer " + expired).contentType("application/json")
                .body(Map.of("query", RETRACT_LICENSE)).post("/graphql").then().statusCode(401);
        Curator.graphql(null, "{ agreement(id: \"msft-openai-ip-license\") { id } }", Map.of())
                .body("data.agreement.id", equalTo("msft-openai-ip-license"));
        // A configured token shaped like a JWT (two dots) is still ours; an unknown one of that shape is SmallRye JWT's.
        Curator.graphql("dotted.static.token", "{ retractions(first: 1) { totalCount } }", Map.of()).statusCode(200);
        Curator.graphql("dotted.static.token", RETRACT_LICENSE, Map.of()).statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.retractFact.by", org.hamcrest.Matchers.startsWith("curator token "));
        given().header("Authorization", "Bearer dotted.unknown.token").contentType("application/json")
                .body(Map.of("query", RETRACT_LICENSE)).post("/graphql").then().statusCode(401);
    }
}
