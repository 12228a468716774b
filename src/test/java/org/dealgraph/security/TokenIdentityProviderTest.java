package org.dealgraph.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A bearer token signs in only when it is exactly a configured token, or hashes to a configured digest. */
class TokenIdentityProviderTest {

    private static final String TOKEN = "curator-secret-token";
    private static final List<String> KNOWN = List.of(" ", TOKEN, "sha256:" + sha256("hashed-token"));

    @Test
    void theExactTokenAndATokenWhoseDigestIsConfiguredSignIn() {
        assertTrue(TokenIdentityProvider.matches(TOKEN, KNOWN));
        assertTrue(TokenIdentityProvider.matches("hashed-token", KNOWN));
        assertTrue(TokenIdentityProvider.matches("hashed-token", List.of("SHA256:" + sha256("hashed-token").toUpperCase())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"curator-secret", "c", "curator-secret-token2", "curator-secret-token ", " curator-secret-token",
            "CURATOR-SECRET-TOKEN", "", " ", "hashed-toke", "hashed-token2"})
    void anythingElseDoesNot(String token) {
        assertFalse(TokenIdentityProvider.matches(token, KNOWN), () -> "'" + token + "' signs in");
    }

    @Test
    void theDigestItselfIsNotAToken() {
        assertFalse(TokenIdentityProvider.matches(sha256("hashed-token"), KNOWN));
        assertFalse(TokenIdentityProvider.matches("sha256:" + sha256("hashed-token"), KNOWN));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
