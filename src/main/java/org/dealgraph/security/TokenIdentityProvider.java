package org.dealgraph.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

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

    private final AccessConfig config;

    TokenIdentityProvider(AccessConfig config) {
        this.config = config;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        var token = request.getToken().getToken();
        if (matches(token, config.curatorTokens().orElse(List.of()))) {
            return Uni.createFrom().item(identity(CURATOR));
        }
        if (matches(token, config.readerTokens().orElse(List.of()))) {
            return Uni.createFrom().item(identity(READER));
        }
        // Not a failure: an unknown token must not turn a read into a 401. Writes see the marker and refuse.
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(INVALID))
                .addAttribute(INVALID, true).build());
    }

    private static SecurityIdentity identity(String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(role)).addRole(role).build();
    }

    /** Compares in constant time, so a token cannot be guessed from response times. */
    private static boolean matches(String token, List<String> known) {
        var given = token.getBytes(StandardCharsets.UTF_8);
        var found = false;
        for (var candidate : known) {
            found |= !candidate.isBlank() && MessageDigest.isEqual(given, candidate.getBytes(StandardCharsets.UTF_8));
        }
        return found;
    }
}
