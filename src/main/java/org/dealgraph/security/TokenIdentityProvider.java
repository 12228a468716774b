package org.dealgraph.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    public static final String CURATOR = "curator";
    public static final String READER = "reader";
    public static final String INVALID = "invalid-credential";
    private static final String HASHED = "sha256:";
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    /** Three dot-separated base64url parts: a signed JWT, SmallRye JWT's to verify. */
    static boolean isJwt(String token) {
        return JWT.matcher(token).matches();
    }

    /** A configured curator or reader token: ours, whatever its shape (one may have two dots, like a JWT). */
    boolean isStatic(String token) {
        return matches(token, config.curatorTokens().orElse(List.of())) || matches(token, config.readerTokens().orElse(List.of()));
    }

    private final AccessConfig config;

    TokenIdentityProvider(AccessConfig config) {
        this.config = config;
    }

    /** Before SmallRye JWT's validator, which would refuse a static token as a malformed JWT. */
    @Override
    public int priority() {
        return 3000;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        var token = request.getToken().getToken();
        if (matches(token, config.curatorTokens().orElse(List.of()))) {
            return Uni.createFrom().item(identity(CURATOR, token));
        }
        if (matches(token, config.readerTokens().orElse(List.of()))) {
            return Uni.createFrom().item(identity(READER, token));
        }
        if (isJwt(token)) {
            // A signed JWT: SmallRye JWT's validator (the next provider) checks its signature, issuer and expiry.
            return Uni.createFrom().nullItem();
        }
        // Not a failure: an unknown token must not turn a read into a 401. Writes see the marker and refuse.
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(INVALID))
                .addAttribute(INVALID, true).build());
    }

    /**
     * A static token names no person: the history records it as the role and the start of the token's SHA-256
     * digest ({@code curator token 3f2a9c41d0b7}), which tells tokens apart without revealing any.
     */
    private static SecurityIdentity identity(String role, String token) {
        var fingerprint = HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(role + " token " + fingerprint)).addRole(role).build();
    }

    /**
     * Compares in constant time, so a token cannot be guessed from response times. A configured token written as
     * {@code sha256:<hex>} is the SHA-256 digest of the token: configuration and environment then hold nothing a
     * reader of them could sign in with.
     */
    static boolean matches(String token, List<String> known) {
        var given = token.getBytes(StandardCharsets.UTF_8);
        var digest = HexFormat.of().formatHex(sha256(given)).getBytes(StandardCharsets.UTF_8);
        var found = false;
        for (var candidate : known) {
            if (candidate.regionMatches(true, 0, HASHED, 0, HASHED.length())) {
                var expected = candidate.substring(HASHED.length()).strip().toLowerCase(Locale.ROOT);
                found |= MessageDigest.isEqual(digest, expected.getBytes(StandardCharsets.UTF_8));
            } else {
                found |= !candidate.isBlank() && MessageDigest.isEqual(given, candidate.getBytes(StandardCharsets.UTF_8));
            }
        }
        return found;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
